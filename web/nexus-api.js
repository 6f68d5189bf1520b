// The JS client of `nexus serve`: the counterpart of the preload API (`window.nexusAPI`) of the
// original Electron plan, over the WebSocket JSON-RPC API of DESIGN.md §4. No dependencies; runs
// in browsers and in Node 20+ (Node 20 needs `--experimental-websocket`, or pass `WebSocket`).
//
//   import { createNexusAPI } from './nexus-api.js';
//   const nexusAPI = createNexusAPI();               // in the page `nexus serve` serves
//   const nexusAPI = createNexusAPI({ url: 'http://127.0.0.1:8765/?token=…' });  // elsewhere
//   nexusAPI.onEvent(({ type, payload }) => …);
//   const session = await nexusAPI.interview.start('shop');
//   const { response } = await nexusAPI.interview.sendMessage(session.id, 'Users must sign in');
//
// The connection is kept open: when it drops, the client reconnects with exponential backoff and
// re-applies the events filter. Calls made while it is down wait in a queue; a call that was
// already sent when it dropped is rejected as retryable and never sent again by itself, since
// the server may have carried it out (a sendMessage may have been answered).

const EVENT_NOTIFICATION = 'nexus-event';
const TOKEN_SUBPROTOCOL_PREFIX = 'nexus.token.';
const RPC_PATH = '/rpc';
// A WebSocket subprotocol must be an HTTP token (RFC 9110 §5.6.2).
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const WEBSOCKET_OPEN = 1;
const WEBSOCKET_CLOSED = 3;
const NORMAL_CLOSURE = 1000;
const ACCESS_PROBE_TIMEOUT_MS = 5_000;

// What the server answers, as its dispatcher's method table describes it (rpc.discover); the
// tests check these against the running server (tests/web/api/surface.test.mjs).

/** The codes of NexusApiError: the server's JSON-RPC codes (numbers) and the client's own (strings). */
export const ErrorCode = Object.freeze({
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  SESSION_NOT_FOUND: -32001,
  SESSION_NOT_ACTIVE: -32002,
  MODEL_FAILED: -32003,
  STORAGE_FAILED: -32004,
  PAYLOAD_TOO_LARGE: -32005,
  SESSION_BUSY: -32006,
  /** The connection dropped after the call was sent: it may or may not have been carried out. */
  CONNECTION_LOST: 'connection-lost',
  /** No connection, and the call could not wait for one (queueing off, or the queue full). */
  NOT_CONNECTED: 'not-connected',
  /** No answer within the call's timeout. */
  TIMEOUT: 'timeout',
  /** The server refused the token (or the page's origin): reconnecting would not help. */
  ACCESS_DENIED: 'access-denied',
  /** close() was called, or the client gave up after ACCESS_DENIED. */
  CLOSED: 'closed',
});

/**
 * The server's stable spellings of what went wrong: an error answer's `data.code` (NexusApiError's
 * `kind`) and a system:error event's `code`. Match on these: messages are words that may change.
 */
export const ErrorKind = Object.freeze({
  PARSE_ERROR: 'parse-error',
  INVALID_REQUEST: 'invalid-request',
  UNKNOWN_METHOD: 'unknown-method',
  INVALID_ARGUMENT: 'invalid-argument',
  INTERNAL: 'internal',
  NOT_FOUND: 'not-found',
  /** The session is paused or completed (-32002). */
  NOT_ACTIVE: 'not-active',
  /** The session was paused or ended while its turn ran (-32002 as well). */
  CANCELLED: 'cancelled',
  MODEL_FAILED: 'model-failed',
  STORAGE_FAILED: 'storage-failed',
  PAYLOAD_TOO_LARGE: 'payload-too-large',
  /** The session is open in another nexus process. */
  BUSY: 'busy',
});

// The kind of a server code when an answer carries no data.code (and for the client's own
// PAYLOAD_TOO_LARGE); -32002 is also CANCELLED, which only data.code tells apart.
const KIND_OF_CODE = new Map([
  [ErrorCode.PARSE_ERROR, ErrorKind.PARSE_ERROR],
  [ErrorCode.INVALID_REQUEST, ErrorKind.INVALID_REQUEST],
  [ErrorCode.METHOD_NOT_FOUND, ErrorKind.UNKNOWN_METHOD],
  [ErrorCode.INVALID_PARAMS, ErrorKind.INVALID_ARGUMENT],
  [ErrorCode.INTERNAL_ERROR, ErrorKind.INTERNAL],
  [ErrorCode.SESSION_NOT_FOUND, ErrorKind.NOT_FOUND],
  [ErrorCode.SESSION_NOT_ACTIVE, ErrorKind.NOT_ACTIVE],
  [ErrorCode.MODEL_FAILED, ErrorKind.MODEL_FAILED],
  [ErrorCode.STORAGE_FAILED, ErrorKind.STORAGE_FAILED],
  [ErrorCode.PAYLOAD_TOO_LARGE, ErrorKind.PAYLOAD_TOO_LARGE],
  [ErrorCode.SESSION_BUSY, ErrorKind.BUSY],
]);

/** The type of every event the server sends (the `nexus-event` notification's `type`). */
export const EVENT_TYPES = Object.freeze([
  'interview:started',
  'interview:question-asked',
  'interview:delta',
  'interview:requirement-captured',
  'interview:area-explored',
  'interview:gap-suggested',
  'interview:saved',
  'interview:paused',
  'interview:resumed',
  'interview:completed',
  'interview:finding-detected',
  'interview:conflict-detected',
  'interview:readiness-changed',
  'interview:requirement-updated',
  'system:error',
]);

export const DEFAULT_OPTIONS = Object.freeze({
  timeoutMs: 300_000, // against hangs only: a model's turn may take a minute or more
  maxQueuedCalls: 100,
  queueWhileDisconnected: true,
  maxRequestBytes: 1024 * 1024, // the server's frame limit: a larger frame would close the connection
  reconnect: Object.freeze({ initialDelayMs: 250, maxDelayMs: 10_000 }),
});

/** A failed call: a JSON-RPC error from the server, or one of the client's (see ErrorCode). */
export class NexusApiError extends Error {
  /**
   * @param {string} message
   * @param {{code: number|string, data?: unknown, retryable?: boolean, method?: string, cause?: unknown}} details
   */
  constructor(message, { code, data, retryable, method, cause }) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'NexusApiError';
    this.code = code;
    this.data = data;
    /** Whether the same call, made again, may succeed. */
    this.retryable = retryable ?? (isRecord(data) && data.retryable === true);
    /** The server's spelling of what failed (ErrorKind); undefined for the client's own codes. */
    this.kind = isRecord(data) && typeof data.code === 'string' ? data.code : KIND_OF_CODE.get(code);
    /** The JSON-RPC method of the call that failed, when one did. */
    this.method = method;
  }
}

/**
 * Connects to `nexus serve` and returns the API object, shaped like the preload API: the server's
 * method `group:name` (or `group.name`, as in rpc.discover) is `nexusAPI.group.name(...)`.
 * @param {import('./nexus-api.js').NexusApiOptions} [options]
 * @returns {import('./nexus-api.js').NexusAPI}
 */
export function createNexusAPI(options = {}) {
  const client = new NexusClient(options);
  const invoke = (method, ...args) => client.call(method, positionalParams(args));
  return Object.freeze({
    interview: Object.freeze({
      start: (projectId, startOptions) => invoke('interview:start', projectId, startOptions),
      sendMessage: (sessionId, message) => invoke('interview:sendMessage', sessionId, message),
      getSession: (sessionId) => invoke('interview:getSession', sessionId),
      resume: (sessionId) => invoke('interview:resume', sessionId),
      resumeByProject: (projectId) => invoke('interview:resumeByProject', projectId),
      pause: (sessionId) => invoke('interview:pause', sessionId),
      end: (sessionId) => invoke('interview:end', sessionId),
      getGreeting: (mode) => invoke('interview:getGreeting', mode),
      list: (projectId) => invoke('interview:list', projectId),
      delete: (sessionId) => invoke('interview:delete', sessionId),
      exportToRequirementsDB: (sessionId) => invoke('interview:exportToRequirementsDB', sessionId),
      getReadiness: (sessionId) => invoke('interview:getReadiness', sessionId),
      updateRequirement: (sessionId, requirementId, changes) =>
        invoke('interview:updateRequirement', sessionId, requirementId, changes),
      removeRequirement: (sessionId, requirementId) => invoke('interview:removeRequirement', sessionId, requirementId),
      resolveConflict: (sessionId, conflictId, resolution) =>
        invoke('interview:resolveConflict', sessionId, conflictId, resolution),
      dismissFinding: (sessionId, findingId) => invoke('interview:dismissFinding', sessionId, findingId),
    }),
    requirements: Object.freeze({
      list: (projectId, filters) => invoke('requirements:list', projectId, filters),
      update: (requirementId, changes) => invoke('requirements:update', requirementId, changes),
      analyze: (projectId) => invoke('requirements:analyze', projectId),
      export: (source, format, exportOptions) => invoke('requirements:export', source, format, exportOptions),
      import: (projectId, format, document) => invoke('requirements:import', projectId, format, document),
    }),
    events: Object.freeze({
      subscribe: (filter) => client.subscribe(filter),
      unsubscribe: () => client.unsubscribe(),
    }),
    system: Object.freeze({
      info: () => invoke('system:info'),
      ping: () => invoke('system:ping'),
    }),
    rpc: Object.freeze({
      discover: () => invoke('rpc.discover'),
    }),
    onEvent: (callback) => client.onEvent(callback),
    onStatus: (callback) => client.onStatus(callback),
    get status() {
      return client.status;
    },
    call: (method, params, callOptions) => client.call(method, params, callOptions),
    close: () => client.close(),
  });
}

/** One WebSocket connection at a time, kept open; the JSON-RPC calls and events over it. */
class NexusClient {
  #options;
  #WebSocket;
  #url;
  #protocols;
  #token;
  #fetch;

  #socket = null;
  #status;
  #failedAttempts = 0; // since the last open connection: what the backoff grows with
  #retryTimer;
  #nextId = 1;
  #queued = []; // calls waiting for a connection, in order
  #inFlight = new Map(); // id → call sent and not yet answered
  #eventListeners = new Set();
  #statusListeners = new Set();
  #eventFilter = null; // null: none set, the server sends everything; UNSUBSCRIBED: nothing
  #filterChanges = Promise.resolve();

  constructor(options) {
    this.#options = withDefaults(options);
    this.#WebSocket = options.WebSocket ?? globalThis.WebSocket;
    if (typeof this.#WebSocket !== 'function') {
      throw new TypeError('nexus-api: no WebSocket here: run Node 20 with --experimental-websocket, or pass options.WebSocket');
    }
    const endpoint = resolveEndpoint(options.url, options.token);
    this.#url = endpoint.url;
    this.#token = endpoint.token;
    if (this.#token !== undefined && !HTTP_TOKEN.test(this.#token)) {
      throw new TypeError('nexus-api: the token holds characters a WebSocket subprotocol cannot carry');
    }
    this.#protocols = this.#token === undefined ? [] : [TOKEN_SUBPROTOCOL_PREFIX + this.#token];
    this.#fetch = options.fetch ?? globalThis.fetch?.bind(globalThis);
    this.#connect();
  }

  get status() {
    return this.#status;
  }

  /**
   * Calls a JSON-RPC method; params positional (an array) or by name (an object).
   * @param {string} method
   * @param {unknown[]|Record<string, unknown>} [params]
   * @param {{timeoutMs?: number}} [callOptions] timeoutMs 0 waits forever
   */
  call(method, params, { timeoutMs = this.#options.timeoutMs } = {}) {
    if (this.#status.state === 'closed') return Promise.reject(this.#closedError(method));
    const id = this.#nextId++;
    const text = JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
    if (utf8Length(text) > this.#options.maxRequestBytes) {
      return Promise.reject(new NexusApiError(
        `${method}: the request is larger than the ${this.#options.maxRequestBytes} bytes the server accepts`,
        { code: ErrorCode.PAYLOAD_TOO_LARGE, method }));
    }
    return new Promise((resolve, reject) => {
      const call = { id, method, text, resolve, reject, timer: undefined };
      const open = this.#isOpen();
      const refusal = open ? null : this.#refuseToQueue(method);
      if (refusal) return reject(refusal);
      this.#startTimer(call, timeoutMs);
      if (open) this.#send(call);
      else this.#queued.push(call);
    });
  }

  /** Narrows the events sent to this client; remembered and re-applied after every reconnect. */
  async subscribe(filter = {}) {
    if (!isRecord(filter)) throw new TypeError('nexus-api: events.subscribe takes {sessionIds?, types?}');
    return this.#changeEventFilter({ ...filter }); // as given: the server refuses a misspelt field
  }

  /** Stops all events to this client (until the next subscribe). */
  async unsubscribe() {
    return this.#changeEventFilter(UNSUBSCRIBED);
  }

  /** Calls back with {type, payload, timestamp} for every event; returns the function that stops it. */
  onEvent(callback) {
    return addListener(this.#eventListeners, callback, 'onEvent');
  }

  /** Calls back with the connection status at once and on every change; returns the function that stops it. */
  onStatus(callback) {
    const remove = addListener(this.#statusListeners, callback, 'onStatus');
    callSafely(callback, this.#status);
    return remove;
  }

  /** Closes the connection for good; pending calls reject with CLOSED. Resolves once the socket is closed. */
  close() {
    return this.#shutDown(new NexusApiError('the Nexus API client was closed', { code: ErrorCode.CLOSED }));
  }

  // --- connection -------------------------------------------------------------------------

  #connect() {
    this.#setStatus({ state: 'connecting', attempt: this.#failedAttempts + 1 });
    let socket;
    try {
      socket = new this.#WebSocket(this.#url, this.#protocols);
    } catch (error) {
      // A malformed URL: no later attempt would do better.
      void this.#shutDown(new NexusApiError(`cannot connect to ${this.#url}: ${error.message}`,
        { code: ErrorCode.CLOSED, cause: error }));
      return;
    }
    this.#socket = socket;
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      this.#onOpen();
    });
    socket.addEventListener('message', (event) => this.#onMessage(event.data));
    const ended = (event) => {
      if (socket === this.#socket) void this.#onClose(event, opened);
    };
    socket.addEventListener('close', ended);
    // An open connection's 'error' is followed by its 'close', which says more. A failed
    // handshake is over at its 'error': Node 20's WebSocket fires no 'close' after it.
    socket.addEventListener('error', (event) => {
      if (!opened) ended(event);
    });
  }

  #onOpen() {
    this.#failedAttempts = 0;
    this.#setStatus({ state: 'open' });
    // The filter goes first; events that beat it are filtered here too (see #dispatchEvent).
    if (this.#eventFilter !== null) this.#applyEventFilter(this.#eventFilter).catch(() => {});
    for (const call of this.#queued.splice(0)) this.#send(call);
  }

  async #onClose(event, opened) {
    this.#socket = null;
    this.#rejectInFlight((call) => new NexusApiError(
      `${call.method}: the connection to the server was lost before the answer came; the call may or may not ` +
      'have been carried out', { code: ErrorCode.CONNECTION_LOST, retryable: true, method: call.method }));
    const reason = opened
      ? `the connection to ${this.#url} closed (${describeClose(event)})`
      : `cannot connect to ${this.#url}`;
    // A refused handshake looks like any failed one to a WebSocket: ask over HTTP what it was.
    const refusal = opened ? null : await this.#probeAccess();
    if (this.#status.state === 'closed') return; // close() was called meanwhile
    if (refusal) return void this.#shutDown(refusal);
    const error = new NexusApiError(reason, { code: ErrorCode.NOT_CONNECTED, retryable: true });
    if (!this.#options.reconnect) return void this.#shutDown(error);
    this.#scheduleReconnect(error);
  }

  #scheduleReconnect(error) {
    const delay = backoffDelay(this.#failedAttempts++, this.#options.reconnect);
    this.#setStatus({ state: 'disconnected', error, retryInMs: delay });
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.#connect();
    }, delay);
  }

  // An HTTP 401 or 403 from POST /rpc (with the same token, or the page's cookie) tells a refused
  // token or origin from a server that is down; null when the server let it through or is unreachable.
  async #probeAccess() {
    if (!this.#fetch) return null;
    try {
      const response = await this.#fetch(httpUrlOf(this.#url), {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(this.#token === undefined ? {} : { Authorization: `Bearer ${this.#token}` }),
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'system:ping' }),
        credentials: 'same-origin',
        signal: AbortSignal.timeout?.(ACCESS_PROBE_TIMEOUT_MS),
      });
      if (response.status !== 401 && response.status !== 403) return null;
      const reason = (await response.text()).trim();
      const hint = this.#token === undefined ? ' (no token was given)' : '';
      return new NexusApiError(
        `${this.#url} refused the connection with HTTP ${response.status}${hint}: ${reason || response.statusText}`,
        { code: ErrorCode.ACCESS_DENIED, data: { status: response.status } });
    } catch {
      return null; // unreachable as well: the reconnect loop keeps trying
    }
  }

  #shutDown(error) {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    if (this.#status?.state !== 'closed') this.#setStatus({ state: 'closed', error });
    const pending = [...this.#queued.splice(0), ...this.#inFlight.values()];
    this.#inFlight.clear();
    for (const call of pending) this.#settle(call).reject(withMethod(error, call.method));
    const socket = this.#socket;
    this.#socket = null;
    if (!socket || socket.readyState === WEBSOCKET_CLOSED) return Promise.resolve();
    const closed = new Promise((resolve) => {
      socket.addEventListener('close', () => resolve(), { once: true });
      // Node 20's WebSocket, closed while connecting, fires 'error' and never 'close'.
      socket.addEventListener('error', () => resolve(), { once: true });
    });
    socket.close(NORMAL_CLOSURE);
    return closed;
  }

  #setStatus(status) {
    this.#status = Object.freeze(status);
    for (const listener of [...this.#statusListeners]) callSafely(listener, this.#status);
  }

  #isOpen() {
    return this.#socket?.readyState === WEBSOCKET_OPEN;
  }

  #closedError(method) {
    return withMethod(this.#status.error ?? new NexusApiError('the Nexus API client is closed', { code: ErrorCode.CLOSED }), method);
  }

  // --- calls ------------------------------------------------------------------------------

  #refuseToQueue(method) {
    const notConnected = (why) => new NexusApiError(`${method}: not connected to the server (${why})`,
      { code: ErrorCode.NOT_CONNECTED, retryable: true, method });
    if (!this.#options.queueWhileDisconnected) return notConnected('calls do not wait for a connection');
    if (this.#queued.length >= this.#options.maxQueuedCalls) {
      return notConnected(`${this.#queued.length} calls are already waiting for it`);
    }
    return null;
  }

  #send(call) {
    this.#inFlight.set(call.id, call);
    this.#socket.send(call.text);
  }

  #startTimer(call, timeoutMs) {
    if (!(timeoutMs > 0) || timeoutMs === Infinity) return;
    call.timer = setTimeout(() => {
      const wasSent = this.#inFlight.delete(call.id);
      if (!wasSent) removeFrom(this.#queued, call);
      const outcome = wasSent ? 'it may still be carried out' : 'it was never sent';
      call.reject(new NexusApiError(`${call.method}: no answer within ${timeoutMs} ms; ${outcome}`,
        { code: ErrorCode.TIMEOUT, retryable: true, method: call.method }));
    }, timeoutMs);
  }

  #settle(call) {
    clearTimeout(call.timer);
    return call;
  }

  #rejectInFlight(errorFor) {
    const calls = [...this.#inFlight.values()];
    this.#inFlight.clear();
    for (const call of calls) this.#settle(call).reject(errorFor(call));
  }

  #onMessage(data) {
    if (typeof data !== 'string') return; // the server speaks text frames only
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (!isRecord(message)) return;
    if (message.method === EVENT_NOTIFICATION) return this.#dispatchEvent(message.params);
    const call = this.#inFlight.get(message.id);
    if (!call) return; // answered after its timeout
    this.#inFlight.delete(message.id);
    this.#settle(call);
    if (message.error) call.reject(errorFromResponse(message.error, call.method));
    else call.resolve(message.result);
  }

  // --- events -----------------------------------------------------------------------------

  async #changeEventFilter(filter) {
    const previous = this.#eventFilter;
    this.#eventFilter = filter; // filters here at once, before the server has it
    try {
      return await this.#applyEventFilter(filter);
    } catch (error) {
      // The server refused this filter and keeps the one before: so does this client. A lost
      // connection is no refusal: the filter is applied again when it is back.
      const refused = typeof error.code === 'number';
      if (refused && this.#eventFilter === filter) this.#eventFilter = previous;
      throw error;
    }
  }

  // One filter on the wire at a time: the server runs a client's calls in parallel, so two
  // changes sent together could take effect in either order.
  #applyEventFilter(filter) {
    const applied = this.#filterChanges.then(() => filter === UNSUBSCRIBED
      ? this.call('events:unsubscribe')
      : this.call('events:subscribe', filter));
    this.#filterChanges = applied.catch(() => {});
    return applied;
  }

  #dispatchEvent(params) {
    if (!isRecord(params) || typeof params.type !== 'string') return;
    const event = Object.freeze({ type: params.type, payload: params.payload, timestamp: params.timestamp });
    if (!filterAdmits(this.#eventFilter, event)) return;
    for (const listener of [...this.#eventListeners]) callSafely(listener, event);
  }
}

const UNSUBSCRIBED = Object.freeze({ silent: true });

// The server's rule (EventFilter::admits): a listed type, and a listed session unless the
// event belongs to none.
function filterAdmits(filter, { type, payload }) {
  if (filter === null) return true;
  if (filter === UNSUBSCRIBED) return false;
  if (filter.types?.length && !filter.types.includes(type)) return false;
  const sessionId = isRecord(payload) ? payload.sessionId : undefined;
  if (!filter.sessionIds?.length || typeof sessionId !== 'string' || sessionId === '') return true;
  return filter.sessionIds.includes(sessionId);
}

// --- helpers ------------------------------------------------------------------------------

// An option given as undefined is an option not given.
function withDefaults(options) {
  const merged = { ...DEFAULT_OPTIONS };
  for (const [name, value] of Object.entries(options)) {
    if (value !== undefined) merged[name] = value;
  }
  if (merged.reconnect === true) merged.reconnect = DEFAULT_OPTIONS.reconnect;
  else if (merged.reconnect) merged.reconnect = { ...DEFAULT_OPTIONS.reconnect, ...merged.reconnect };
  return merged;
}

/**
 * Where to connect and with which token. A ws(s) URL is taken as it is; an http(s) one is the
 * address `nexus serve` prints (`http://127.0.0.1:8765/?token=T`): its /rpc, with its token
 * unless one is given. Without a URL, the page's own server.
 */
function resolveEndpoint(url, token) {
  if (url === undefined) {
    if (!globalThis.location?.host) throw new TypeError('nexus-api: options.url is required outside a browser page');
    const scheme = globalThis.location.protocol === 'https:' ? 'wss:' : 'ws:';
    return { url: `${scheme}//${globalThis.location.host}${RPC_PATH}`, token };
  }
  const parsed = new URL(String(url));
  if (parsed.protocol === 'ws:' || parsed.protocol === 'wss:') return { url: parsed.href, token };
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`nexus-api: the url must be ws:, wss:, http: or https:, not ${parsed.protocol}`);
  }
  const tokenInUrl = parsed.searchParams.get('token') ?? undefined;
  return { url: `${parsed.protocol === 'https:' ? 'wss:' : 'ws:'}//${parsed.host}${RPC_PATH}`, token: token ?? tokenInUrl };
}

function httpUrlOf(webSocketUrl) {
  const url = new URL(webSocketUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  return url.href;
}

// "Equal jitter": half the exponential step for sure, half at random, so that clients dropped
// together do not all come back at once, and none retries at once in a loop.
function backoffDelay(failedAttempts, { initialDelayMs, maxDelayMs }) {
  const step = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(failedAttempts, 30));
  return Math.round(step / 2 + Math.random() * (step / 2));
}

// The preload API's arguments as JSON-RPC positional params: trailing optional ones left out.
function positionalParams(args) {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  return end === 0 ? undefined : args.slice(0, end);
}

function errorFromResponse(error, method) {
  if (!isRecord(error)) return new NexusApiError(`${method} failed`, { code: ErrorCode.INTERNAL_ERROR, method });
  return new NexusApiError(String(error.message ?? `${method} failed`),
    { code: error.code ?? ErrorCode.INTERNAL_ERROR, data: error.data, method });
}

function withMethod(error, method) {
  return new NexusApiError(`${method}: ${error.message}`,
    { code: error.code, data: error.data, retryable: error.retryable, method, cause: error });
}

function describeClose({ code, reason }) {
  return reason ? `${code}: ${reason}` : `code ${code}`;
}

function addListener(listeners, callback, what) {
  if (typeof callback !== 'function') throw new TypeError(`nexus-api: ${what} takes a function`);
  const listener = (value) => callback(value); // its own entry: the same callback may be added twice
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

// A listener that throws must not stop the others nor the client: report it as uncaught.
function callSafely(listener, value) {
  try {
    listener(value);
  } catch (error) {
    if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
    else queueMicrotask(() => { throw error; });
  }
}

function removeFrom(array, item) {
  const index = array.indexOf(item);
  if (index >= 0) array.splice(index, 1);
}

function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const encoder = new TextEncoder();
function utf8Length(text) {
  return encoder.encode(text).length;
}
