// Compiled (never run) by `tsc --noEmit --strict`: web/nexus-api.d.ts describes what a
// TypeScript UI writes against it. Each @ts-expect-error line must stay an error.

import {
  ErrorCode,
  ErrorKind,
  EVENT_TYPES,
  NexusApiError,
  createNexusAPI,
  type ConnectionStatus,
  type InterviewSession,
  type NexusErrorKind,
  type NexusEvent,
  type NexusEventType,
  type OpenRpcDocument,
  type ProcessMessageResult,
  type Requirement,
  type SessionSummary,
} from '../../../web/nexus-api.js';

const nexusAPI = createNexusAPI({ url: 'http://127.0.0.1:8765/?token=T', reconnect: { maxDelayMs: 5_000 } });
createNexusAPI({ WebSocket, token: 'T', timeoutMs: 0, reconnect: false }); // the browser's WebSocket fits

export async function interview(): Promise<void> {
  const session: InterviewSession = await nexusAPI.interview.start('shop', { mode: 'evolution' });
  const result: ProcessMessageResult = await nexusAPI.interview.sendMessage(session.id, 'Users must sign in');
  const stored: InterviewSession | null = await nexusAPI.interview.getSession(session.id);
  const summaries: SessionSummary[] = await nexusAPI.interview.list();
  const requirements: Requirement[] = await nexusAPI.requirements.list('shop', { priority: 'must', minConfidence: 0.8 });
  const document: string = await nexusAPI.requirements.export({ sessionId: session.id }, 'csv');
  const exported: number = await nexusAPI.interview.exportToRequirementsDB(session.id);
  await nexusAPI.events.subscribe({ sessionIds: [session.id], types: ['interview:delta'] });
  const api: OpenRpcDocument = await nexusAPI.rpc.discover();
  const events: NexusEventType[] = api['x-events'];
  const busy: number = api.components.errors.busy.code;
  await nexusAPI.events.subscribe({ types: [...EVENT_TYPES] });
  void [result, stored, summaries, requirements, document, exported, events, busy];

  // @ts-expect-error: the mode is one of two
  await nexusAPI.interview.start('shop', { mode: 'sideways' });
  // @ts-expect-error: no such event type
  await nexusAPI.events.subscribe({ types: ['interview:nonsense'] });
  // @ts-expect-error: a message is a string
  await nexusAPI.interview.sendMessage(session.id, 42);
}

// Narrowing on `type` gives each event's own payload.
export function describe(event: NexusEvent): string {
  switch (event.type) {
    case 'interview:delta':
      return event.payload.text;
    case 'interview:requirement-captured':
      return `${event.payload.requirement.priority}: ${event.payload.requirement.text}`;
    case 'interview:completed':
      return `${event.payload.totalRequirements} in ${event.payload.duration} ms, ${event.payload.categories.functional ?? 0} functional`;
    case 'system:error': {
      const code: NexusErrorKind = event.payload.code;
      // @ts-expect-error: the code is a stable spelling, not words
      if (code === 'model backend failed') return '';
      if (code === ErrorKind.CANCELLED) return 'stopped';
      return event.payload.retryable ? `${event.payload.message} (try again)` : event.payload.message;
    }
    default:
      // @ts-expect-error: only the completed event has a duration
      return `${event.type} of ${event.payload.sessionId} ${event.payload.duration}`;
  }
}

export function showStatus(status: ConnectionStatus): string {
  if (status.state === 'disconnected') return `retrying in ${status.retryInMs} ms: ${status.error.message}`;
  if (status.state === 'closed') return status.error.message;
  return status.state;
}

export function handle(error: unknown): boolean {
  if (!(error instanceof NexusApiError)) return false;
  if (error.code === ErrorCode.SESSION_NOT_ACTIVE || error.code === ErrorCode.CONNECTION_LOST) return error.retryable;
  if (error.kind === ErrorKind.BUSY) return error.code === ErrorCode.SESSION_BUSY;
  // @ts-expect-error: no such spelling
  if (error.kind === 'model backend failed') return false;
  return error.code === -32099;
}

const stop: () => void = nexusAPI.onEvent(describe);
nexusAPI.onStatus(showStatus);
stop();
void nexusAPI.close();
