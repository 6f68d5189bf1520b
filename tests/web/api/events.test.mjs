// Events through onEvent: what unsubscribing a callback stops, what several clients see of one
// session, and how events.subscribe narrows them (by session, by type, or none at all).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { connectTo, recordEvents } from '../support/client.mjs';
import { startNexusServer } from '../support/nexus-server.mjs';

let server;
const clients = [];

before(async () => {
  server = await startNexusServer();
});

after(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await server?.stop();
});

function newClient() {
  const client = connectTo(server);
  clients.push(client);
  return client;
}

const ofSession = (recorder, sessionId) => recorder.events.filter((event) => event.payload?.sessionId === sessionId);
const types = (events) => [...new Set(events.map((event) => event.type))].sort();

test('the function onEvent returns stops that callback, and only that one', async () => {
  const nexusAPI = newClient();
  const stopped = recordEvents(nexusAPI);
  const kept = recordEvents(nexusAPI);
  const before = await nexusAPI.interview.start('unsubscribe');
  assert.ok(ofSession(stopped, before.id).length > 0, 'it was called');

  stopped.stop();
  const counted = stopped.events.length;
  const after = await nexusAPI.interview.start('unsubscribe');
  await nexusAPI.interview.sendMessage(after.id, 'Users must sign in with Google');
  assert.equal(stopped.events.length, counted, 'no call after its stop');
  assert.ok(ofSession(kept, after.id).some((event) => event.type === 'interview:requirement-captured'));
  stopped.stop(); // twice is harmless
});

test('two clients on one session both see its events, the streamed reply included', async () => {
  const talking = newClient();
  const watching = newClient();
  const talkingEvents = recordEvents(talking);
  const watchingEvents = recordEvents(watching);
  const session = await talking.interview.start('two-clients');
  assert.equal(await watching.events.subscribe({ sessionIds: [session.id] }), true);

  const result = await talking.interview.sendMessage(session.id, 'Customers must be able to pay by credit card');
  const captured = await watchingEvents.find(
    (event) => event.type === 'interview:requirement-captured' && event.payload.sessionId === session.id,
    'the watching client to see the requirement');
  assert.deepEqual(captured.payload.requirement, result.extractedRequirements[0]);
  // A turn's reply is the last message it adds: once the watcher has it, it has the turn's deltas too.
  await watchingEvents.find((event) => event.type === 'interview:question-asked' &&
    event.payload.message.role === 'assistant' && event.payload.message.content === result.response, 'the reply');

  for (const recorder of [talkingEvents, watchingEvents]) {
    const deltas = ofSession(recorder, session.id).filter((event) => event.type === 'interview:delta');
    assert.equal(deltas.map((event) => event.payload.text).join('').trimEnd(), result.response);
  }
  const turnTypes = ['interview:delta', 'interview:question-asked', 'interview:requirement-captured'];
  for (const type of turnTypes) {
    assert.ok(ofSession(watchingEvents, session.id).some((event) => event.type === type), `the watcher sees ${type}`);
  }
});

test('a client subscribed to one session gets none of another session\'s events', async () => {
  const talking = newClient();
  const watching = newClient();
  const watchingEvents = recordEvents(watching);
  const watched = await talking.interview.start('filters');
  await watching.events.subscribe({ sessionIds: [watched.id] });

  const other = await talking.interview.start('filters');
  await talking.interview.sendMessage(other.id, 'Users must sign in with Google');
  await talking.interview.sendMessage(watched.id, 'Users must sign in with Google');
  // Events reach a client in the order they happen: once the later turn is in, so would be the earlier one.
  await watchingEvents.find((event) => event.type === 'interview:requirement-captured' && event.payload.sessionId === watched.id);
  assert.deepEqual(ofSession(watchingEvents, other.id), []);
});

test('subscribing to types lets only those through; unsubscribe stops all; subscribe() again lets all through', async () => {
  const nexusAPI = newClient();
  const recorder = recordEvents(nexusAPI);
  await nexusAPI.events.subscribe({ types: ['interview:started', 'interview:requirement-captured'] });
  const typed = await nexusAPI.interview.start('types');
  await nexusAPI.interview.sendMessage(typed.id, 'Users must sign in with Google');
  assert.deepEqual(types(ofSession(recorder, typed.id)), ['interview:requirement-captured', 'interview:started']);

  assert.equal(await nexusAPI.events.unsubscribe(), true);
  const silent = await nexusAPI.interview.start('types');
  await nexusAPI.interview.sendMessage(silent.id, 'Users must sign in with Google');

  await nexusAPI.events.subscribe();
  const loud = await nexusAPI.interview.start('types');
  await nexusAPI.interview.sendMessage(loud.id, 'Users must sign in with Google');
  assert.deepEqual(ofSession(recorder, silent.id), [], 'nothing while unsubscribed');
  assert.ok(types(ofSession(recorder, loud.id)).length > 3, 'every type again');
});

test('a filter the server refuses leaves the one before in force', async () => {
  const nexusAPI = newClient();
  const recorder = recordEvents(nexusAPI);
  await nexusAPI.events.subscribe({ types: ['interview:started'] });
  await assert.rejects(nexusAPI.events.subscribe({ types: ['interview:started', 'no-such-event'] }), { code: -32602 });
  const session = await nexusAPI.interview.start('refused-filter');
  await nexusAPI.interview.sendMessage(session.id, 'Users must sign in with Google');
  assert.deepEqual(types(ofSession(recorder, session.id)), ['interview:started']);
});

test('an event is {type, payload, timestamp}', async () => {
  const nexusAPI = newClient();
  const recorder = recordEvents(nexusAPI);
  const session = await nexusAPI.interview.start('event-shape');
  const started = await recorder.find((event) => event.type === 'interview:started' && event.payload.sessionId === session.id);
  assert.deepEqual(Object.keys(started).sort(), ['payload', 'timestamp', 'type']);
  assert.match(started.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  assert.ok(Object.isFrozen(started), 'shared by every callback, so not to be changed by one');
});
