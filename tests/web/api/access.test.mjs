// Who may connect (DESIGN.md §5): the token as the `nexus.token.<token>` subprotocol, from the
// option or from the address `nexus serve` prints. Without it, or with a wrong one, the
// connection is refused, and the client says so instead of trying again forever.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { ErrorCode, NexusApiError, connectTo, createNexusAPI, rejectionOf, statusReached } from '../support/client.mjs';
import { startNexusServer } from '../support/nexus-server.mjs';

let server;

before(async () => {
  server = await startNexusServer();
});

after(async () => {
  await server?.stop();
});

/** Connects with `options`, expects the first call to be refused, and returns its error and the final status. */
async function refusedWith(options) {
  const nexusAPI = createNexusAPI({ url: server.rpcUrl, ...options });
  try {
    const error = await rejectionOf(nexusAPI.system.info());
    const status = await statusReached(nexusAPI, 'closed');
    return { error, status, later: await rejectionOf(nexusAPI.system.ping()) };
  } finally {
    await nexusAPI.close();
  }
}

function assertAccessDenied(error, method) {
  assert.ok(error instanceof NexusApiError, `a NexusApiError, got ${error}`);
  assert.equal(error.code, ErrorCode.ACCESS_DENIED);
  assert.equal(error.method, method);
  assert.equal(error.retryable, false);
  assert.match(error.message, /refused the connection with HTTP 401/);
  assert.deepEqual(error.data, { status: 401 });
}

test('without a token the connection is refused, the call rejects with a clear error, and the client gives up', async () => {
  const { error, status, later } = await refusedWith({});
  assertAccessDenied(error, 'system:info');
  assert.match(error.message, /no token was given/);
  assert.equal(status.error.code, ErrorCode.ACCESS_DENIED);
  assertAccessDenied(later, 'system:ping');
});

test('a wrong token is refused the same way', async () => {
  const { error, status } = await refusedWith({ token: 'not-the-token' });
  assertAccessDenied(error, 'system:info');
  assert.doesNotMatch(error.message, /no token was given/);
  assert.equal(status.state, 'closed');
});

test('the token is taken from the option or from the address the server printed', async () => {
  const byOption = createNexusAPI({ url: server.rpcUrl, token: server.token });
  const byAddress = connectTo(server); // http://127.0.0.1:PORT/?token=T
  try {
    assert.equal(await byOption.system.ping(), 'pong');
    assert.equal(await byAddress.system.ping(), 'pong');
  } finally {
    await Promise.all([byOption.close(), byAddress.close()]);
  }
});

test('a server started with --no-auth takes clients without a token', async () => {
  const open = await startNexusServer({ noAuth: true });
  const nexusAPI = createNexusAPI({ url: open.rpcUrl });
  try {
    assert.equal(open.token, undefined, 'no token in the printed address');
    assert.equal(await nexusAPI.system.ping(), 'pong');
  } finally {
    await nexusAPI.close();
    await open.stop();
  }
});

test('options the client cannot work with are refused when it is created', () => {
  assert.throws(() => createNexusAPI({ url: server.rpcUrl, token: 'has spaces' }), TypeError);
  assert.throws(() => createNexusAPI({ url: 'ftp://127.0.0.1/rpc' }), TypeError);
  assert.throws(() => createNexusAPI({}), /url is required/);
  assert.throws(() => createNexusAPI({ url: server.rpcUrl, WebSocket: 'no' }), /no WebSocket/);
});
