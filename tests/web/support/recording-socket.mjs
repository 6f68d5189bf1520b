// A stand-in for a WebSocket that opens at once, records every request the client sends and
// answers each with a null result: it tells which JSON-RPC method a client member calls,
// with no server and no network.

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;

export class RecordingSocket {
  /** Every RecordingSocket made, newest last. */
  static made = [];

  constructor(url, protocols) {
    this.url = url;
    this.protocols = protocols;
    this.readyState = CONNECTING;
    /** The methods of the requests sent, in order. */
    this.methods = [];
    this.listeners = new Map();
    RecordingSocket.made.push(this);
    setImmediate(() => {
      this.readyState = OPEN;
      this.#fire('open', {});
    });
  }

  addEventListener(type, listener, { once = false } = {}) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    const entry = once ? (event) => { this.listeners.get(type).delete(entry); listener(event); } : listener;
    this.listeners.get(type).add(entry);
  }

  send(text) {
    const request = JSON.parse(text);
    this.methods.push(request.method);
    setImmediate(() => this.#fire('message', { data: JSON.stringify({ jsonrpc: '2.0', id: request.id, result: null }) }));
  }

  close(code = 1000, reason = '') {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    setImmediate(() => this.#fire('close', { code, reason }));
  }

  #fire(type, event) {
    for (const listener of [...(this.listeners.get(type) ?? [])]) listener(event);
  }
}
