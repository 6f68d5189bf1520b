// The connection kept open across a server restart: the client reconnects by itself, calls
// made meanwhile wait, a call in flight at the drop rejects as retryable (and is not sent
// again), and the events filter is applied again on the new connection.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  ErrorCode, QUICK_RECONNECT, connectTo, recordEvents, rejectionOf, statusReached, until,
} from '../support/client.mjs';
import { startNexusServer } from '../support/nexus-server.mjs';

const servers = [];
const clients = [];

after(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await Promise.all(servers.map((server) => server.stop('SIGKILL')));
});

async function startServer(options) {
  const server = await startNexusServer(options);
  servers.push(server);
  return server;
}

/** The same server again: same port, same token. */
function restart(server) {
  return startServer({ port: server.port, token: server.token });
}

function newClient(server, options) {
  const client = connectTo(server, { reconnect: QUICK_RECONNECT, ...options });
  clients.push(client);
  return client;
}

/**
 * A WebSocket that logs every frame, numbered by connection, so that a test can see what went
 * over the wire rather than what the client made of it.
 */
function wireLog() {
  const log = { connections: 0, sent: [], received: [] };
  log.WebSocket = class extends globalThis.WebSocket {
    #connection = ++log.connections;

    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (event) => {
        log.received.push({ connection: this.#connection, message: JSON.parse(event.data) });
      });
    }

    send(text) {
      log.sent.push({ connection: this.#connection, message: JSON.parse(text) });
      super.send(text);
    }
  };
  return log;
}

test('after a restart on the same port and token the client comes back; a call in flight at the drop rejects as retryable', async () => {
  const server = await startServer();
  const wire = wireLog();
  const nexusAPI = newClient(server, { WebSocket: wire.WebSocket });
  const states = [];
  nexusAPI.onStatus((status) => states.push(status.state));
  await statusReached(nexusAPI, 'open');

  await server.freeze(); // so that the call below is surely sent and surely unanswered
  const inFlight = rejectionOf(nexusAPI.interview.start('reconnect'));
  const sentCall = wire.sent.at(-1).message;
  assert.equal(sentCall.method, 'interview:start');
  await server.stop('SIGKILL');

  const lost = await inFlight;
  assert.equal(lost.code, ErrorCode.CONNECTION_LOST);
  assert.equal(lost.retryable, true);
  assert.equal(lost.method, 'interview:start');
  assert.match(lost.message, /may or may not have been carried out/);

  const down = await statusReached(nexusAPI, 'disconnected');
  assert.equal(down.error.code, ErrorCode.NOT_CONNECTED);
  assert.ok(down.retryInMs >= 0 && down.retryInMs <= QUICK_RECONNECT.maxDelayMs);
  const waiting = nexusAPI.system.info(); // made while down: waits for the connection

  const restarted = await restart(server);
  assert.equal((await waiting).name, 'nexus');
  assert.equal(nexusAPI.status.state, 'open');
  assert.equal(await nexusAPI.system.ping(), 'pong');
  const session = await nexusAPI.interview.start('reconnect');
  assert.equal((await nexusAPI.interview.sendMessage(session.id, 'Users must sign in with Google')).extractedRequirements.length, 1);

  assert.equal(wire.sent.filter(({ message }) => message.id === sentCall.id).length, 1, 'the lost call is never sent again');
  assert.deepEqual(states.slice(0, 3), ['connecting', 'open', 'disconnected']);
  assert.equal(states.at(-1), 'open');
  await restarted.stop();
});

test('the events filter is applied again on the new connection', async () => {
  const server = await startServer();
  const wire = wireLog();
  const nexusAPI = newClient(server, { WebSocket: wire.WebSocket });
  const recorder = recordEvents(nexusAPI);
  await nexusAPI.events.subscribe({ types: ['interview:started'] });

  const statuses = [];
  nexusAPI.onStatus((status) => statuses.push(status));
  await server.stop(); // SIGTERM: a graceful stop closes WebSockets with 1001
  const down = await until(() => statuses.find((status) => status.state === 'disconnected'), 'the drop');
  assert.match(down.error.message, /closed \(1001/);
  const restarted = await restart(server);
  await statusReached(nexusAPI, 'open');

  // Wait until the server has taken the filter: its answer on the new connection.
  const connection = wire.connections;
  const resent = await until(() => wire.sent.find((frame) => frame.connection === connection &&
    frame.message.method === 'events:subscribe'), 'the filter to be sent again');
  assert.deepEqual(resent.message.params, { types: ['interview:started'] });
  await until(() => wire.received.some((frame) => frame.message.id === resent.message.id), 'the filter to be taken');

  const other = newClient(restarted);
  const session = await other.interview.start('refiltered');
  await other.interview.sendMessage(session.id, 'Users must sign in with Google');
  await recorder.find((event) => event.type === 'interview:started' && event.payload.sessionId === session.id);
  const eventTypesOnTheWire = wire.received
    .filter((frame) => frame.connection === connection && frame.message.method === 'nexus-event')
    .map((frame) => frame.message.params.type);
  assert.deepEqual([...new Set(eventTypesOnTheWire)], ['interview:started'], 'the server filters, not only the client');
  await restarted.stop();
});

test('while disconnected, calls wait in a queue of limited size', async () => {
  const server = await startServer();
  const nexusAPI = newClient(server, { maxQueuedCalls: 2 });
  await statusReached(nexusAPI, 'open');
  await server.stop();
  await statusReached(nexusAPI, 'disconnected');

  const first = nexusAPI.system.ping();
  const second = nexusAPI.interview.getGreeting();
  const third = await rejectionOf(nexusAPI.system.ping());
  assert.equal(third.code, ErrorCode.NOT_CONNECTED);
  assert.equal(third.retryable, true);
  assert.match(third.message, /2 calls are already waiting/);

  const restarted = await restart(server);
  assert.equal(await first, 'pong');
  assert.equal(typeof (await second), 'string');
  await restarted.stop();
});

test('with reconnect off, a drop closes the client for good', async () => {
  const server = await startServer();
  const nexusAPI = newClient(server, { reconnect: false });
  await statusReached(nexusAPI, 'open');
  await server.stop();

  const closed = await statusReached(nexusAPI, 'closed');
  assert.equal(closed.error.code, ErrorCode.NOT_CONNECTED);
  const error = await rejectionOf(nexusAPI.system.ping());
  assert.equal(error.code, ErrorCode.NOT_CONNECTED);
  assert.equal(error.method, 'system:ping');
});
