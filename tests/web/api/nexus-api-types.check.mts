// Compiled (never run) by `tsc --noEmit --strict`: web/nexus-api.d.ts describes what a
// TypeScript UI writes against it. Each @ts-expect-error line must stay an error.

import {
  ErrorCode,
  ErrorKind,
  EVENT_TYPES,
  NexusApiError,
  createNexusAPI,
  type ConnectionStatus,
  type DocumentFormat,
  type DocumentStyle,
  type ExportOptions,
  type ImportCounts,
  type InterviewSession,
  type NexusErrorKind,
  type NexusEvent,
  type NexusEventType,
  type OpenRpcDocument,
  type ProcessMessageResult,
  type QualityAnalysis,
  type Readiness,
  type Requirement,
  type RequirementConflict,
  type RequirementEdit,
  type RequirementFinding,
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
  const style: DocumentStyle = 'ears';
  const formats: DocumentFormat[] = ['markdown', 'json', 'csv', 'reqif'];
  const options: ExportOptions = { style };
  for (const format of formats) void await nexusAPI.requirements.export('shop', format, options);
  const asStated: string = await nexusAPI.requirements.export({ sessionId: session.id }, 'reqif', { style: 'as-stated' });
  await nexusAPI.requirements.export('shop', undefined, {}); // markdown, as stated
  const counts: ImportCounts = await nexusAPI.requirements.import('shop', 'reqif', asStated);
  const total: number = counts.added + counts.merged + counts.alreadyThere + counts.skipped;
  const exported: number = await nexusAPI.interview.exportToRequirementsDB(session.id);
  await nexusAPI.events.subscribe({ sessionIds: [session.id], types: ['interview:delta'] });
  const api: OpenRpcDocument = await nexusAPI.rpc.discover();
  const events: NexusEventType[] = api['x-events'];
  const busy: number = api.components.errors.busy.code;
  await nexusAPI.events.subscribe({ types: [...EVENT_TYPES] });
  void [result, stored, summaries, requirements, document, exported, events, busy, total];

  const readiness: Readiness = result.readiness ?? await nexusAPI.interview.getReadiness(session.id);
  const missing: string[] = readiness.areas.filter((area) => area.status === 'missing').map((area) => area.area);
  const [conflict]: RequirementConflict[] = result.conflicts ?? [];
  const [first, second]: [string, string] = conflict.requirementIds;
  const settled: RequirementConflict = await nexusAPI.interview.resolveConflict(session.id, conflict.id, 'keep-first');
  const finding: RequirementFinding = await nexusAPI.interview.dismissFinding(session.id, stored?.findings?.[0]?.id ?? '');
  const edited = await nexusAPI.interview.updateRequirement(session.id, first, { priority: 'could', area: 'security' });
  const editedFields: string[] = edited.editedFields ?? [];
  const removed: null = await nexusAPI.interview.removeRequirement(session.id, second);
  const edits: RequirementEdit[] = stored?.requirementEdits ?? [];
  const updated: Requirement = await nexusAPI.requirements.update(requirements[0].id, { text: 'Users must sign in with Google' });
  const history: RequirementEdit[] = updated.history ?? [];
  const analysis: QualityAnalysis = await nexusAPI.requirements.analyze('shop');
  void [readiness.ready, readiness.score >= readiness.threshold, missing, settled.resolution, finding.term, editedFields,
    removed, edits, history, analysis.readiness.openConflicts];

  // @ts-expect-error: no such resolution
  await nexusAPI.interview.resolveConflict(session.id, conflict.id, 'keep-all');
  // @ts-expect-error: a priority is one of four
  await nexusAPI.interview.updateRequirement(session.id, first, { priority: 'urgent' });
  // @ts-expect-error: the mode is one of two
  await nexusAPI.interview.start('shop', { mode: 'sideways' });
  // @ts-expect-error: no such event type
  await nexusAPI.events.subscribe({ types: ['interview:nonsense'] });
  // @ts-expect-error: a message is a string
  await nexusAPI.interview.sendMessage(session.id, 42);
  // @ts-expect-error: a style is as-stated or ears
  await nexusAPI.requirements.export('shop', 'markdown', { style: 'plain' });
  // @ts-expect-error: the options are an object, not the style itself
  await nexusAPI.requirements.export('shop', 'csv', 'ears');
  // @ts-expect-error: markdown, csv and the rest are exported, not imported
  await nexusAPI.requirements.import('shop', 'csv', document);
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
    case 'interview:readiness-changed':
      return `${Math.round(event.payload.readiness.score * 100)}%${event.payload.readiness.ready ? ', ready' : ''}`;
    case 'interview:finding-detected':
      return `${event.payload.finding.status}: ${event.payload.finding.message} ${event.payload.finding.suggestion ?? ''}`;
    case 'interview:conflict-detected':
      return `${event.payload.conflict.kind} between ${event.payload.conflict.requirementIds.join(' and ')}`;
    case 'interview:requirement-updated':
      return event.payload.changedFields.includes('removed') ? 'removed' : event.payload.requirement.text;
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
