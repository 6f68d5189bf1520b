// Failed calls reject with NexusApiError: the server's JSON-RPC code, message and data, or
// one of the client's own codes (timeout, payload too large, closed, not connected).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { ErrorCode, ErrorKind, NexusApiError, connectTo, rejectionOf, statusReached } from '../support/client.mjs';
import { startNexusServer } from '../support/nexus-server.mjs';

let server;
let nexusAPI;

before(async () => {
  server = await startNexusServer();
  nexusAPI = connectTo(server);
});

after(async () => {
  await nexusAPI?.close();
  await server?.stop();
});

// kind: the server's spelling (its data.code), undefined for the client's own codes.
function assertApiError(error, { code, kind, method, retryable = false }) {
  assert.ok(error instanceof NexusApiError, `a NexusApiError, got ${error}`);
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'NexusApiError');
  assert.equal(error.code, code, `code of: ${error.message}`);
  assert.equal(error.kind, kind, `kind of: ${error.message}`);
  if (typeof code === 'number' && error.data !== undefined) {
    assert.deepEqual(error.data, { code: kind, retryable }, 'the server\'s data: its spelling and retryable');
  }
  assert.equal(error.method, method);
  assert.equal(error.retryable, retryable);
  assert.ok(error.message.length > 0, 'says what was wrong');
}

const UNKNOWN_SESSION = 'AAAAAAAAAAAAAAAAAAAAA';

test('an unknown session is -32001', async () => {
  const error = await rejectionOf(nexusAPI.interview.sendMessage(UNKNOWN_SESSION, 'Users must sign in'));
  assertApiError(error, { code: ErrorCode.SESSION_NOT_FOUND, kind: ErrorKind.NOT_FOUND, method: 'interview:sendMessage' });
  assert.equal(error.code, -32001);
  for (const call of [nexusAPI.interview.pause, nexusAPI.interview.end, nexusAPI.interview.delete,
    nexusAPI.interview.exportToRequirementsDB]) {
    assert.equal((await rejectionOf(call(UNKNOWN_SESSION))).code, -32001);
  }
  assert.equal((await rejectionOf(nexusAPI.requirements.export({ sessionId: UNKNOWN_SESSION }, 'json'))).code, -32001);
});

test('bad params are -32602, with a message naming the method and the parameter', async () => {
  const session = await nexusAPI.interview.start('errors');
  const cases = [
    [() => nexusAPI.interview.start(), 'interview:start', /projectId/],
    [() => nexusAPI.interview.sendMessage(session.id, 42), 'interview:sendMessage', /message/],
    [() => nexusAPI.interview.sendMessage(session.id, ''), 'interview:sendMessage', /empty|message/i],
    [() => nexusAPI.interview.getGreeting('sideways'), 'interview:getGreeting', /mode/],
    [() => nexusAPI.interview.start('errors', { mode: 'sideways' }), 'interview:start', /mode/],
    [() => nexusAPI.requirements.list('errors', { priority: 'urgent' }), 'requirements:list', /priority/],
    [() => nexusAPI.requirements.export('errors', 'pdf'), 'requirements:export', /format/],
    [() => nexusAPI.events.subscribe({ types: ['interview:nonsense'] }), 'events:subscribe', /interview:nonsense/],
    [() => nexusAPI.call('interview:getSession', [session.id, 'extra']), 'interview:getSession', /at most 1/],
  ];
  for (const [makeCall, method, mentions] of cases) {
    const error = await rejectionOf(makeCall());
    assertApiError(error, { code: ErrorCode.INVALID_PARAMS, kind: ErrorKind.INVALID_ARGUMENT, method });
    assert.match(error.message, mentions);
  }
});

test('an unknown method is -32601', async () => {
  const error = await rejectionOf(nexusAPI.call('interview:teleport', []));
  assertApiError(error, { code: ErrorCode.METHOD_NOT_FOUND, kind: ErrorKind.UNKNOWN_METHOD, method: 'interview:teleport' });
});

test('a paused or completed session is -32002, and resuming makes it take messages again', async () => {
  const session = await nexusAPI.interview.start('errors');
  await nexusAPI.interview.pause(session.id);
  const paused = await rejectionOf(nexusAPI.interview.sendMessage(session.id, 'Users must sign in'));
  assertApiError(paused, { code: ErrorCode.SESSION_NOT_ACTIVE, kind: ErrorKind.NOT_ACTIVE, method: 'interview:sendMessage' });
  assert.equal(paused.code, -32002);

  await nexusAPI.interview.resume(session.id);
  const result = await nexusAPI.interview.sendMessage(session.id, 'Users must sign in');
  assert.ok(result.response.length > 0);

  await nexusAPI.interview.end(session.id);
  const completed = await rejectionOf(nexusAPI.interview.sendMessage(session.id, 'Admins can ban users'));
  assertApiError(completed, { code: ErrorCode.SESSION_NOT_ACTIVE, kind: ErrorKind.NOT_ACTIVE, method: 'interview:sendMessage' });
});

test('a message over the server\'s limit is -32005; a request over the frame limit is refused before it is sent', async () => {
  const { maxMessageBytes } = await nexusAPI.system.info();
  const session = await nexusAPI.interview.start('errors');
  const tooLong = await rejectionOf(nexusAPI.interview.sendMessage(session.id, 'a'.repeat(maxMessageBytes + 1)));
  assertApiError(tooLong, { code: ErrorCode.PAYLOAD_TOO_LARGE, kind: ErrorKind.PAYLOAD_TOO_LARGE, method: 'interview:sendMessage' });

  // Refused by the client itself, with the kind the server would have answered with.
  const tooLarge = await rejectionOf(nexusAPI.interview.sendMessage(session.id, 'a'.repeat(2 * 1024 * 1024)));
  assertApiError(tooLarge, { code: ErrorCode.PAYLOAD_TOO_LARGE, kind: ErrorKind.PAYLOAD_TOO_LARGE, method: 'interview:sendMessage' });
  assert.equal(tooLarge.data, undefined, 'the server never saw it');
  assert.equal(nexusAPI.status.state, 'open', 'the connection stays');
  assert.equal(await nexusAPI.system.ping(), 'pong');
});

test('a call with no answer within its timeout rejects as retryable; a late answer is ignored', async () => {
  await server.freeze(); // the server answers nothing until it is thawed
  try {
    const error = await rejectionOf(nexusAPI.call('system:ping', [], { timeoutMs: 200 }));
    assertApiError(error, { code: ErrorCode.TIMEOUT, method: 'system:ping', retryable: true });
    assert.match(error.message, /may still be carried out/);
  } finally {
    server.thaw();
  }
  assert.equal(await nexusAPI.system.ping(), 'pong');
  assert.equal(nexusAPI.status.state, 'open');
});

test('without queueing, a call made before the connection is open fails at once as not connected', async () => {
  const impatient = connectTo(server, { queueWhileDisconnected: false });
  try {
    const error = await rejectionOf(impatient.system.ping());
    assertApiError(error, { code: ErrorCode.NOT_CONNECTED, method: 'system:ping', retryable: true });
    await statusReached(impatient, 'open');
    assert.equal(await impatient.system.ping(), 'pong');
  } finally {
    await impatient.close();
  }
});

test('close() rejects the calls still waiting and every later one with CLOSED', async () => {
  const closing = connectTo(server);
  const waiting = rejectionOf(closing.system.info()); // queued: the connection is not open yet
  await closing.close();
  assertApiError(await waiting, { code: ErrorCode.CLOSED, method: 'system:info' });
  assertApiError(await rejectionOf(closing.system.ping()), { code: ErrorCode.CLOSED, method: 'system:ping' });
  assert.equal(closing.status.state, 'closed');
  assert.equal(closing.status.error.code, ErrorCode.CLOSED);
});
