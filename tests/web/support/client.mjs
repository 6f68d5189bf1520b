// The JS client under test, and what tests need around it: recording events, waiting for a
// status. Waits have generous limits against hangs only; no test asserts on speed.

import { createNexusAPI } from '../../../web/nexus-api.js';

export * from '../../../web/nexus-api.js';

export const HANG_LIMIT_MS = 20_000;
// Fast reconnects, so that a restart test does not sit out the default backoff.
export const QUICK_RECONNECT = Object.freeze({ initialDelayMs: 50, maxDelayMs: 500 });

/** A client of `server` with the token of the address it printed. */
export function connectTo(server, options = {}) {
  return createNexusAPI({ url: server.url, ...options });
}

/** Resolves with the first value `matches` accepts among those `subscribe(callback)` delivers. */
function firstMatch(subscribe, matches, what, timeoutMs = HANG_LIMIT_MS) {
  return new Promise((resolve, reject) => {
    let stop = () => {};
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`waited ${timeoutMs} ms for ${what}`));
    }, timeoutMs);
    stop = subscribe((value) => {
      if (!matches(value)) return;
      clearTimeout(timer);
      queueMicrotask(() => stop()); // onStatus may call back before it has returned its stop
      resolve(value);
    });
  });
}

/** Resolves when the client's connection reaches `state` (at once if it is there). */
export function statusReached(api, state, timeoutMs) {
  return firstMatch((cb) => api.onStatus(cb), (status) => status.state === state, `the status "${state}"`, timeoutMs);
}

/** Every event the client receives from now on, in order, and a way to wait for one. */
export function recordEvents(api) {
  const events = [];
  const waiters = new Set();
  const stop = api.onEvent((event) => {
    events.push(event);
    for (const waiter of [...waiters]) waiter(event);
  });
  return {
    events,
    stop,
    ofType: (type) => events.filter((event) => event.type === type),
    /** The first event, already received or still to come, that `matches` accepts. */
    find(matches, what = 'an event') {
      const seen = events.find(matches);
      if (seen) return Promise.resolve(seen);
      return firstMatch((cb) => {
        waiters.add(cb);
        return () => waiters.delete(cb);
      }, matches, what);
    },
  };
}

/** Resolves with the first truthy value of `probe`, asked every few milliseconds. */
export async function until(probe, what, timeoutMs = HANG_LIMIT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A promise's rejection, failing when it resolves instead. */
export async function rejectionOf(promise) {
  let value;
  try {
    value = await promise;
  } catch (error) {
    return error;
  }
  throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
}
