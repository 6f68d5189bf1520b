// Types of nexus-api.js: the JSON shapes of DESIGN.md §2 field for field (the TypeScript
// interfaces of the original plan), the events of §4, and the client.
//
// Dates are ISO-8601 UTC strings with milliseconds ("2026-01-16T03:57:45.123Z"); optional
// fields are absent, never null. Ids are 21-character URL-safe strings.

/** An ISO-8601 UTC date with milliseconds. */
export type IsoDate = string;

// --- the data model (DESIGN.md §2) ----------------------------------------------------------

export type SessionStatus = 'active' | 'paused' | 'completed';
export type InterviewMode = 'genesis' | 'evolution';
export type MessageRole = 'user' | 'assistant' | 'system';
export type RequirementCategory = 'functional' | 'non-functional' | 'technical' | 'constraint' | 'assumption';
export type Priority = 'must' | 'should' | 'could' | 'wont';
export type ValidationStatus = 'pending' | 'validated' | 'rejected';
/** The standard areas of gap detection; a requirement's area may also be another one. */
export type StandardArea =
  | 'authentication'
  | 'authorization'
  | 'data_model'
  | 'api'
  | 'ui_ux'
  | 'performance'
  | 'security'
  | 'integrations'
  | 'deployment';
/** The fields of a requirement the person can change. */
export type RequirementField = 'text' | 'category' | 'priority' | 'area';

export interface EvolutionContext {
  projectPath: string;
  repoMapContext: string;
  projectSummary?: string;
}

export interface InterviewMessage {
  id: string;
  role: MessageRole;
  /** For an assistant message: the text shown to the person (requirement tags and thinking removed). */
  content: string;
  timestamp: IsoDate;
  /** Ids of the requirements captured from this message. */
  requirementsExtracted?: string[];
}

export interface ExtractedRequirement {
  id: string;
  text: string;
  category: RequirementCategory;
  priority: Priority;
  /** 0..1 */
  confidence: number;
  /** e.g. "authentication" */
  area?: string;
  /** The user message in which it was stated. */
  sourceMessageId: string;
  /** The fields the person changed: their value wins over any later extraction or merge. */
  editedFields?: RequirementField[];
}

// --- quality analysis (DESIGN.md §2) -------------------------------------------------------

export type FindingKind = 'vague-term' | 'unmeasured' | 'open-ended' | 'compound' | 'no-actor' | 'tbd';
export type ConflictKind = 'polarity' | 'exclusive-choice' | 'numeric' | 'access';
/** open until the person settles it: resolved (answered or changed), or dismissed (fine as it is). */
export type QualityStatus = 'open' | 'resolved' | 'dismissed';
/**
 * keep-first / keep-second: the other requirement of the pair becomes `wont`; keep-both: both
 * hold after all; dismissed: the two never were in conflict.
 */
export type ConflictResolution = 'keep-first' | 'keep-second' | 'keep-both' | 'dismissed';
/** missing: no requirement; partial: only unclear ones; clear: at least one clear one. */
export type AreaStatus = 'missing' | 'partial' | 'clear';

/** Something that makes one requirement hard to test. */
export interface RequirementFinding {
  id: string;
  requirementId: string;
  kind: FindingKind;
  /** The words that triggered it, as the person wrote them. */
  term?: string;
  /** In plain words: what is unclear. */
  message: string;
  /** How to say it testably. */
  suggestion?: string;
  status: QualityStatus;
  /** The interviewer's reply that asked about it. */
  askedInMessageId?: string;
}

/** Two requirements that cannot both hold. */
export interface RequirementConflict {
  id: string;
  /** The earlier requirement first: keep-first keeps it. */
  requirementIds: [string, string];
  kind: ConflictKind;
  explanation: string;
  status: QualityStatus;
  /** How the person settled it, once they have. */
  resolution?: ConflictResolution;
  /** The interviewer's reply that asked about it. */
  askedInMessageId?: string;
  /**
   * Set when one side (the first) is a requirement of the project's database that another
   * interview recorded, or that was imported: requirementIds names it by its database id.
   */
  projectRequirement?: { id: string; text: string };
}

/** One standard area's part in the readiness. */
export interface AreaReadiness {
  area: StandardArea;
  status: AreaStatus;
  /**
   * The requirements that cover it, when the readiness was worked out: announced readiness
   * comes only when the assessment moves, so interview:getReadiness has the lists as they are now.
   */
  requirementIds: string[];
}

/** How ready an interview's requirements are to build from (the formula is in the README). */
export interface Readiness {
  /** 0..1 */
  score: number;
  /** score >= threshold and no open conflict. */
  ready: boolean;
  /** 0..1; 0.8 unless the server was told another (--ready-threshold). */
  threshold: number;
  /** One entry per standard area, in their order. */
  areas: AreaReadiness[];
  openConflicts: number;
  openFindings: number;
}

/** One change the person made to a requirement; `removed` (with the old text) when they removed it. */
export interface RequirementEdit {
  requirementId: string;
  field: RequirementField | 'removed';
  /** Absent when the field had no value (an area first given). */
  oldValue?: string;
  /** Absent when the value was taken away (an area, a removal). */
  newValue?: string;
  editedAt: IsoDate;
}

export interface InterviewSession {
  id: string;
  projectId: string;
  status: SessionStatus;
  mode: InterviewMode;
  evolutionContext?: EvolutionContext;
  messages: InterviewMessage[];
  extractedRequirements: ExtractedRequirement[];
  exploredAreas: string[];
  startedAt: IsoDate;
  lastActivityAt: IsoDate;
  completedAt?: IsoDate;
  findings?: RequirementFinding[];
  conflicts?: RequirementConflict[];
  /** Every change the person made to the session's requirements, oldest first. */
  requirementEdits?: RequirementEdit[];
}

export interface ProcessMessageResult {
  /** The reply shown to the person. */
  response: string;
  /** The requirements captured from this message (near-duplicates of earlier ones left out). */
  extractedRequirements: ExtractedRequirement[];
  /** Standard areas not yet covered, once enough has been said to tell. */
  suggestedGaps: string[];
  /** Findings new or settled this turn. */
  findings?: RequirementFinding[];
  /** Conflicts new or settled this turn. */
  conflicts?: RequirementConflict[];
  /** The session's readiness after the turn, when it moved (as interview:readiness-changed announces it). */
  readiness?: Readiness;
}

/** One entry of interview:list. */
export interface SessionSummary {
  id: string;
  projectId: string;
  status: SessionStatus;
  mode: InterviewMode;
  messageCount: number;
  requirementCount: number;
  startedAt: IsoDate;
  lastActivityAt: IsoDate;
}

/** Where a requirement of the requirements database was stated. */
export interface RequirementSource {
  /** `interview:<sessionId>`, or another origin. */
  source: string;
  messageId?: string;
  originId?: string;
  addedAt: IsoDate;
}

/** A requirement of a project's requirements database (requirements:list). */
export interface Requirement {
  id: string;
  projectId: string;
  text: string;
  category: RequirementCategory;
  priority: Priority;
  /** 0..1 */
  confidence: number;
  area?: string;
  validation: ValidationStatus;
  featureId?: string;
  /** Never empty. */
  sources: RequirementSource[];
  createdAt: IsoDate;
  updatedAt: IsoDate;
  /** The fields the person changed. */
  editedFields?: RequirementField[];
  /** The person's changes, oldest first. */
  history?: RequirementEdit[];
}

// --- method parameters and results ---------------------------------------------------------

export interface StartOptions {
  mode?: InterviewMode;
  evolutionContext?: EvolutionContext;
}

/** requirements:list filters; all given ones must hold. */
export interface RequirementFilters {
  category?: RequirementCategory;
  priority?: Priority;
  area?: string;
  minConfidence?: number;
  validation?: ValidationStatus;
  featureId?: string;
}

/** What to change in a requirement: only the fields given. An area of "" takes the area away. */
export interface RequirementChanges {
  text?: string;
  category?: RequirementCategory;
  priority?: Priority;
  area?: StandardArea | (string & {});
}

/** requirements:analyze: the quality analysis of a project's requirements database. */
export interface QualityAnalysis {
  conflicts: RequirementConflict[];
  findings: RequirementFinding[];
  readiness: Readiness;
}

/** What requirements:export renders: a project's requirements database, or one session's requirements. */
export type ExportSource = string | { sessionId: string };
export type DocumentFormat = 'markdown' | 'md' | 'json' | 'csv' | 'reqif';
/**
 * How requirement texts read in Markdown, CSV and ReqIF: as the person stated them, or rephrased
 * in EARS ("When …, the system shall …") with the stated words beside them. JSON always keeps
 * them as stated.
 */
export type DocumentStyle = 'as-stated' | 'ears';

/** requirements:export options. */
export interface ExportOptions {
  /** as-stated unless given. */
  style?: DocumentStyle;
}

/** What requirements:import reads: a JSON export of Nexus, or a ReqIF file of any tool. */
export type ImportFormat = 'json' | 'reqif';

/** What requirements:import did; a document that fails imports nothing. */
export interface ImportCounts {
  /** New requirements of the project. */
  added: number;
  /** Joined a near-duplicate the project had. */
  merged: number;
  /** Recorded by an earlier import or interview: nothing written. */
  alreadyThere: number;
  /** ReqIF headings and objects without text. */
  skipped: number;
}

export interface SystemInfo {
  name: 'nexus';
  version: string;
  backend: { name: string; model: string; endpoint?: string };
  /** The database in use, as given to --db: a file path or `:memory:`. */
  database: string;
  /** The largest message interview:sendMessage accepts, in bytes. */
  maxMessageBytes: number;
}

/** events:subscribe: an empty or absent list means all. Events of no session pass any sessionIds. */
export interface EventFilter {
  sessionIds?: string[];
  types?: NexusEventType[];
}

// --- events (DESIGN.md §4) -----------------------------------------------------------------

/** The payload of each event type. */
export interface NexusEventPayloads {
  'interview:started': { sessionId: string; projectId: string; mode: InterviewMode };
  /** Every message added to a session, the person's and the interviewer's. */
  'interview:question-asked': { sessionId: string; message: InterviewMessage };
  /** A piece of the reply as it streams in; the pieces of a turn concatenate to its response. */
  'interview:delta': { sessionId: string; text: string };
  'interview:requirement-captured': { sessionId: string; requirement: ExtractedRequirement };
  'interview:area-explored': { sessionId: string; area: string };
  'interview:gap-suggested': { sessionId: string; gaps: string[] };
  'interview:saved': { sessionId: string; messageCount: number; requirementCount: number };
  'interview:paused': { sessionId: string };
  'interview:resumed': { sessionId: string };
  'interview:completed': {
    sessionId: string;
    projectId: string;
    totalRequirements: number;
    /** Requirements per category; categories with none are absent. */
    categories: Partial<Record<RequirementCategory, number>>;
    /** From start to completion, in milliseconds. */
    duration: number;
  };
  /** A finding new, or one whose status changed (the same id again). */
  'interview:finding-detected': { sessionId: string; finding: RequirementFinding };
  /** A conflict new, or one whose status changed (the same id again). */
  'interview:conflict-detected': { sessionId: string; conflict: RequirementConflict };
  'interview:readiness-changed': { sessionId: string; readiness: Readiness }; // when the score, verdict, an area's status or an open count moves
  /** The person changed a requirement (or settling a conflict did); changedFields ["removed"]: it was removed. */
  'interview:requirement-updated': {
    sessionId: string;
    requirement: ExtractedRequirement;
    changedFields: (RequirementField | 'removed')[];
  };
  'system:error': SystemErrorPayload;
}

/** Something went wrong outside a call's answer, or beside it (a failed turn also rejects its call). */
export interface SystemErrorPayload {
  sessionId?: string;
  /** What failed, in the server's stable spelling: "model-failed", "storage-failed", … */
  code: NexusErrorKind;
  /** In words, for people; may change. */
  message: string;
  retryable: boolean;
}

export type NexusEventType = keyof NexusEventPayloads;

/** Every event type, as the server lists them. */
export declare const EVENT_TYPES: readonly NexusEventType[];

/** A `nexus-event` notification; narrow on `type` to get its payload's type. */
export type NexusEvent = {
  [T in NexusEventType]: { type: T; payload: NexusEventPayloads[T]; timestamp: IsoDate };
}[NexusEventType];

// --- errors --------------------------------------------------------------------------------

export declare const ErrorCode: Readonly<{
  PARSE_ERROR: -32700;
  INVALID_REQUEST: -32600;
  METHOD_NOT_FOUND: -32601;
  INVALID_PARAMS: -32602;
  INTERNAL_ERROR: -32603;
  SESSION_NOT_FOUND: -32001;
  SESSION_NOT_ACTIVE: -32002;
  MODEL_FAILED: -32003;
  STORAGE_FAILED: -32004;
  PAYLOAD_TOO_LARGE: -32005;
  SESSION_BUSY: -32006;
  /** The connection dropped after the call was sent: it may or may not have been carried out. */
  CONNECTION_LOST: 'connection-lost';
  /** No connection, and the call could not wait for one. */
  NOT_CONNECTED: 'not-connected';
  /** No answer within the call's timeout. */
  TIMEOUT: 'timeout';
  /** The server refused the token or the page's origin. */
  ACCESS_DENIED: 'access-denied';
  /** The client was closed. */
  CLOSED: 'closed';
}>;

/** A JSON-RPC error code of the server (a number), or one of the client's own (a string). */
export type NexusErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode] | (number & {});

/** The server's stable spellings of what went wrong: an error's `data.code`, a system:error's `code`. */
export declare const ErrorKind: Readonly<{
  PARSE_ERROR: 'parse-error';
  INVALID_REQUEST: 'invalid-request';
  UNKNOWN_METHOD: 'unknown-method';
  INVALID_ARGUMENT: 'invalid-argument';
  INTERNAL: 'internal';
  NOT_FOUND: 'not-found';
  /** The session is paused or completed (-32002). */
  NOT_ACTIVE: 'not-active';
  /** The session was paused or ended while its turn ran (-32002 as well). */
  CANCELLED: 'cancelled';
  MODEL_FAILED: 'model-failed';
  STORAGE_FAILED: 'storage-failed';
  PAYLOAD_TOO_LARGE: 'payload-too-large';
  /** The session is open in another nexus process. */
  BUSY: 'busy';
}>;

export type NexusErrorKind = (typeof ErrorKind)[keyof typeof ErrorKind];

/** The `data` of every error answer of the server. */
export interface ServerErrorData {
  code: NexusErrorKind;
  retryable: boolean;
}

export declare class NexusApiError extends Error {
  constructor(
    message: string,
    details: { code: NexusErrorCode; data?: unknown; retryable?: boolean; method?: string; cause?: unknown },
  );
  readonly name: 'NexusApiError';
  code: NexusErrorCode;
  /** The JSON-RPC error's data: the server's is ServerErrorData. */
  data: unknown;
  /** Whether the same call, made again, may succeed. */
  retryable: boolean;
  /** What failed in the server's stable spelling (its data.code); undefined for the client's own codes. */
  kind?: NexusErrorKind;
  /** The JSON-RPC method of the call that failed, when one did. */
  method?: string;
}

// --- the client ----------------------------------------------------------------------------

/** What the client needs of a WebSocket: the browser's, Node's, or the `ws` package's. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'error', listener: () => void, options?: { once?: boolean }): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(
    type: 'close',
    listener: (event: { code: number; reason: string }) => void,
    options?: { once?: boolean },
  ): void;
}
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

export interface ReconnectOptions {
  /** The first delay after a drop; doubled after each failed attempt. Default 250. */
  initialDelayMs?: number;
  /** The longest delay. Default 10000. */
  maxDelayMs?: number;
}

export interface NexusApiOptions {
  /**
   * ws(s)://host:port/rpc, or the address `nexus serve` prints (http://host:port/?token=T), whose
   * token is used unless `token` is given. Default in a browser: the page's own server.
   */
  url?: string | URL;
  /**
   * The server's token, sent as the WebSocket subprotocol `nexus.token.<token>`. Not needed on
   * the page `nexus serve` serves: its cookie is sent instead.
   */
  token?: string;
  /** Default: globalThis.WebSocket (Node 20: run with --experimental-websocket). */
  WebSocket?: WebSocketConstructor;
  /** Used to tell a refused token from a server that is down. Default: globalThis.fetch. */
  fetch?: typeof globalThis.fetch;
  /** How long a call may wait for its answer, connecting included; 0 waits forever. Default 300000. */
  timeoutMs?: number;
  /** Whether calls made while disconnected wait for the connection (true) or fail at once. Default true. */
  queueWhileDisconnected?: boolean;
  /** How many calls may wait for the connection. Default 100. */
  maxQueuedCalls?: number;
  /** The largest request sent; larger ones fail with PAYLOAD_TOO_LARGE. Default 1 MiB (the server's limit). */
  maxRequestBytes?: number;
  /** Reconnecting after a drop, with exponential backoff and jitter; false: never. Default on. */
  reconnect?: boolean | ReconnectOptions;
}

export declare const DEFAULT_OPTIONS: Readonly<{
  timeoutMs: number;
  maxQueuedCalls: number;
  queueWhileDisconnected: boolean;
  maxRequestBytes: number;
  reconnect: Readonly<Required<ReconnectOptions>>;
}>;

/**
 * connecting: an attempt is under way; open: calls go out at once; disconnected: the next
 * attempt comes in `retryInMs` (calls wait); closed: for good (close(), or access denied).
 */
export type ConnectionStatus =
  | { readonly state: 'connecting'; readonly attempt: number }
  | { readonly state: 'open' }
  | { readonly state: 'disconnected'; readonly error: NexusApiError; readonly retryInMs: number }
  | { readonly state: 'closed'; readonly error: NexusApiError };

export interface CallOptions {
  /** Overrides the client's timeoutMs for this call. */
  timeoutMs?: number;
}

export interface InterviewAPI {
  /** A new session (its greeting is its first message); autosave starts. */
  start(projectId: string, options?: StartOptions): Promise<InterviewSession>;
  /** One turn: rejects with -32001 for an unknown session, -32002 for one not active. */
  sendMessage(sessionId: string, message: string): Promise<ProcessMessageResult>;
  getSession(sessionId: string): Promise<InterviewSession | null>;
  /** Makes the session active again; null when there is no such session. */
  resume(sessionId: string): Promise<InterviewSession | null>;
  /** The project's latest session that is not completed, resumed; null when there is none. */
  resumeByProject(projectId: string): Promise<InterviewSession | null>;
  pause(sessionId: string): Promise<null>;
  end(sessionId: string): Promise<null>;
  getGreeting(mode?: InterviewMode): Promise<string>;
  /** Every project's sessions when projectId is absent. */
  list(projectId?: string): Promise<SessionSummary[]>;
  delete(sessionId: string): Promise<null>;
  /** Records the session's requirements in the requirements database; how many it holds. */
  exportToRequirementsDB(sessionId: string): Promise<number>;
  getReadiness(sessionId: string): Promise<Readiness>;
  /** Changes the fields given; the result lists every field the person has changed in editedFields. */
  updateRequirement(sessionId: string, requirementId: string, changes: RequirementChanges): Promise<ExtractedRequirement>;
  /** Takes a requirement out of the session (recorded as an edit); its open conflicts and findings are settled. */
  removeRequirement(sessionId: string, requirementId: string): Promise<null>;
  /** Settles a conflict; keep-first or keep-second makes the other requirement `wont`. */
  resolveConflict(sessionId: string, conflictId: string, resolution: ConflictResolution): Promise<RequirementConflict>;
  /** The requirement is fine as it is: the finding is dismissed. */
  dismissFinding(sessionId: string, findingId: string): Promise<RequirementFinding>;
}

export interface RequirementsAPI {
  list(projectId: string, filters?: RequirementFilters): Promise<Requirement[]>;
  /** Changes the fields given; the result carries the change in its history. */
  update(requirementId: string, changes: RequirementChanges): Promise<Requirement>;
  /** Conflicts, findings and readiness over the project's requirements database. */
  analyze(projectId: string): Promise<QualityAnalysis>;
  /**
   * A requirements document of a project (its id: the project's whole requirements database) or
   * of one session ({sessionId}); markdown and as stated by default.
   */
  export(source: ExportSource, format?: DocumentFormat, options?: ExportOptions): Promise<string>;
  /** Records a document's requirements in the project, in one transaction; importing it again adds nothing. */
  import(projectId: string, format: ImportFormat, document: string): Promise<ImportCounts>;
}

export interface EventsAPI {
  /**
   * Narrows the events sent to this client (the default is all). Remembered and applied again
   * after every reconnect, even when this promise rejects for a lost connection.
   */
  subscribe(filter?: EventFilter): Promise<true>;
  /** No events at all, until the next subscribe. */
  unsubscribe(): Promise<true>;
}

export interface SystemAPI {
  info(): Promise<SystemInfo>;
  ping(): Promise<'pong'>;
}

/** One method of an OpenRPC document. */
export interface OpenRpcMethod {
  name: string;
  summary: string;
  paramStructure: 'by-name' | 'by-position' | 'either';
  /** In positional order. */
  params: { name: string; schema: Record<string, unknown> }[];
  result: { name: string; schema: Record<string, unknown> };
}

/** The answer of rpc.discover: the server's API as an OpenRPC document (https://spec.open-rpc.org). */
export interface OpenRpcDocument {
  openrpc: string;
  info: { title: string; version: string };
  methods: OpenRpcMethod[];
  components: {
    /** Every error the server answers with, by its spelling. */
    errors: Record<NexusErrorKind, { code: number; message: string; data: ServerErrorData }>;
  };
  /** The notification events come as: "nexus-event". */
  'x-notification': string;
  'x-events': NexusEventType[];
}

export interface RpcAPI {
  /** The server's API: its methods, errors and events. */
  discover(): Promise<OpenRpcDocument>;
}

/** The server's method `group:name` (or `group.name`) is `nexusAPI.group.name`. */
export interface NexusAPI {
  readonly interview: InterviewAPI;
  readonly requirements: RequirementsAPI;
  readonly events: EventsAPI;
  readonly system: SystemAPI;
  readonly rpc: RpcAPI;
  /** Calls back for every event this client receives; returns the function that stops it. */
  onEvent(callback: (event: NexusEvent) => void): () => void;
  /** Calls back at once with the current status, then on every change; returns the function that stops it. */
  onStatus(callback: (status: ConnectionStatus) => void): () => void;
  readonly status: ConnectionStatus;
  /** Any JSON-RPC method, params positional or by name. */
  call<T = unknown>(method: string, params?: unknown[] | Record<string, unknown>, options?: CallOptions): Promise<T>;
  /** Closes the connection for good; pending calls reject with CLOSED. Resolves once the socket is closed. */
  close(): Promise<void>;
}

/** Connects at once; calls made before the connection is open wait for it. */
export declare function createNexusAPI(options?: NexusApiOptions): NexusAPI;
