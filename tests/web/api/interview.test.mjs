// A whole interview through the JS client against a real `nexus serve` with the offline
// analyst: the preload API's methods, their results in the shapes of DESIGN.md §2, and the
// events a UI draws from.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { connectTo, recordEvents } from '../support/client.mjs';
import { startNexusServer } from '../support/nexus-server.mjs';
import { shapes } from '../support/shapes.mjs';

const STATEMENTS = [
  'I want to build a todo app for small teams',
  'Users must sign in with Google',
  'Pages should load in under 2 seconds',
  'We must use PostgreSQL',
];

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

/** Sends each statement in turn; the results, and the events each turn brought (a call's events come before its answer). */
async function converse(sessionId, recorder, statements = STATEMENTS) {
  const turns = [];
  for (const message of statements) {
    const firstEvent = recorder.events.length;
    const result = await nexusAPI.interview.sendMessage(sessionId, message);
    const events = recorder.events.slice(firstEvent).filter((event) => event.payload.sessionId === sessionId);
    turns.push({ message, result, events });
  }
  return turns;
}

test('a whole interview: start, several messages, getSession, pause, resume, end', async () => {
  const session = await nexusAPI.interview.start('todo-app');
  shapes.session(session, 'started session');
  assert.equal(session.projectId, 'todo-app');
  assert.equal(session.status, 'active');
  assert.equal(session.mode, 'genesis');
  assert.deepEqual(session.extractedRequirements, []);
  assert.equal(session.messages.length, 1, 'the greeting');
  assert.equal(session.messages[0].role, 'assistant');
  assert.equal(session.messages[0].content, await nexusAPI.interview.getGreeting());

  const results = [];
  for (const message of STATEMENTS) {
    const result = await nexusAPI.interview.sendMessage(session.id, message);
    shapes.processMessageResult(result, `the result of "${message}"`);
    assert.ok(result.response.length > 0, 'a reply');
    results.push(result);
  }
  const captured = results.flatMap((result) => result.extractedRequirements);
  assert.ok(captured.length >= STATEMENTS.length, `each statement is a requirement, got ${captured.length}`);
  const signIn = captured.find((requirement) => /sign in with Google/.test(requirement.text));
  assert.ok(signIn, 'the sign-in requirement is captured');
  assert.equal(signIn.priority, 'must');
  assert.equal(signIn.area, 'authentication');
  assert.ok(results.at(-1).suggestedGaps.length > 0, 'gaps once enough has been said');

  const stored = await nexusAPI.interview.getSession(session.id);
  shapes.session(stored, 'stored session');
  assert.equal(stored.messages.length, 1 + 2 * STATEMENTS.length);
  const userMessages = stored.messages.filter((message) => message.role === 'user');
  const replies = stored.messages.filter((message) => message.role === 'assistant').slice(1);
  assert.deepEqual(userMessages.map((message) => message.content), STATEMENTS);
  assert.deepEqual(replies.map((message) => message.content), results.map((result) => result.response));
  assert.deepEqual(stored.extractedRequirements, captured);
  for (const requirement of captured) {
    const source = userMessages.find((message) => message.id === requirement.sourceMessageId);
    assert.ok(source?.requirementsExtracted?.includes(requirement.id), `"${requirement.text}" names its message`);
  }
  assert.ok(stored.exploredAreas.includes('authentication'));
  assert.ok(stored.exploredAreas.includes('performance'));

  assert.equal(await nexusAPI.interview.pause(session.id), null);
  assert.equal((await nexusAPI.interview.getSession(session.id)).status, 'paused');

  const resumed = await nexusAPI.interview.resume(session.id);
  shapes.session(resumed, 'resumed session');
  assert.equal(resumed.status, 'active');
  assert.deepEqual(resumed.messages, stored.messages);

  assert.equal(await nexusAPI.interview.end(session.id), null);
  const ended = await nexusAPI.interview.getSession(session.id);
  shapes.session(ended, 'ended session');
  assert.equal(ended.status, 'completed');
  assert.ok(ended.completedAt >= ended.startedAt);

  const [summary, ...others] = await nexusAPI.interview.list('todo-app');
  assert.equal(others.length, 0);
  shapes.summary(summary, 'summary');
  assert.deepEqual(summary, {
    id: session.id,
    projectId: 'todo-app',
    status: 'completed',
    mode: 'genesis',
    messageCount: stored.messages.length,
    requirementCount: captured.length,
    startedAt: ended.startedAt,
    lastActivityAt: ended.lastActivityAt,
  });
});

test('events: started, each message, the streamed reply, requirements, areas, gaps, pause, resume, completed', async () => {
  const recorder = recordEvents(nexusAPI);
  const session = await nexusAPI.interview.start('events-project');
  const ofSession = (type) => recorder.ofType(type).filter((event) => event.payload.sessionId === session.id);

  const [started] = ofSession('interview:started');
  assert.deepEqual(started.payload, { sessionId: session.id, projectId: 'events-project', mode: 'genesis' });
  assert.match(started.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  assert.deepEqual(ofSession('interview:question-asked').map((event) => event.payload.message), session.messages);

  const turns = await converse(session.id, recorder);
  for (const { message, result, events } of turns) {
    const deltas = events.filter((event) => event.type === 'interview:delta');
    assert.ok(deltas.length > 0, `"${message}" streams its reply`);
    // The stream ends with the blank lines that stood before the reply's requirement tags; the
    // stored reply is trimmed.
    const streamed = deltas.map((event) => event.payload.text).join('');
    assert.equal(streamed.trimEnd(), result.response, 'the pieces make the reply');

    const added = events.filter((event) => event.type === 'interview:question-asked').map((event) => event.payload.message);
    assert.deepEqual(added.map((m) => [m.role, m.role === 'user' ? m.content : result.response]),
      [['user', message], ['assistant', result.response]]);

    const captured = events.filter((event) => event.type === 'interview:requirement-captured');
    assert.deepEqual(captured.map((event) => event.payload.requirement), result.extractedRequirements);
    for (const { payload } of captured) shapes.extractedRequirement(payload.requirement, 'captured requirement');

    const gaps = events.filter((event) => event.type === 'interview:gap-suggested');
    assert.deepEqual(gaps.map((event) => event.payload.gaps), result.suggestedGaps.length ? [result.suggestedGaps] : []);
  }
  const stored = await nexusAPI.interview.getSession(session.id);
  assert.deepEqual(ofSession('interview:area-explored').map((event) => event.payload.area), stored.exploredAreas);

  await nexusAPI.interview.pause(session.id);
  assert.deepEqual(ofSession('interview:paused').map((event) => event.payload), [{ sessionId: session.id }]);
  await nexusAPI.interview.resume(session.id);
  assert.deepEqual(ofSession('interview:resumed').map((event) => event.payload), [{ sessionId: session.id }]);
  await nexusAPI.interview.end(session.id);

  const [completed] = ofSession('interview:completed');
  const categories = {};
  for (const requirement of stored.extractedRequirements) {
    categories[requirement.category] = (categories[requirement.category] ?? 0) + 1;
  }
  assert.equal(completed.payload.sessionId, session.id);
  assert.equal(completed.payload.projectId, 'events-project');
  assert.equal(completed.payload.totalRequirements, stored.extractedRequirements.length);
  assert.deepEqual(completed.payload.categories, categories);
  assert.ok(Number.isInteger(completed.payload.duration) && completed.payload.duration >= 0, 'duration in ms');
  assert.deepEqual(ofSession('system:error'), []);
  recorder.stop();
});

test('greeting, evolution mode, resumeByProject, list, exportToRequirementsDB and delete', async () => {
  const genesis = await nexusAPI.interview.getGreeting();
  const evolution = await nexusAPI.interview.getGreeting('evolution');
  assert.equal(typeof genesis, 'string');
  assert.equal(typeof evolution, 'string');
  assert.notEqual(genesis, evolution);

  const evolutionContext = { projectPath: '/src/shop', repoMapContext: 'src/cart.ts: Cart, addItem', projectSummary: 'A shop' };
  const session = await nexusAPI.interview.start('shop', { mode: 'evolution', evolutionContext });
  shapes.session(session);
  assert.equal(session.mode, 'evolution');
  assert.deepEqual(session.evolutionContext, evolutionContext);
  assert.equal(session.messages[0].content, evolution);

  const [{ result }] = await converse(session.id, recordEvents(nexusAPI), ['Customers must be able to pay with PayPal']);
  await nexusAPI.interview.pause(session.id);
  const resumed = await nexusAPI.interview.resumeByProject('shop');
  assert.equal(resumed.id, session.id);
  assert.equal(resumed.status, 'active');
  assert.equal(await nexusAPI.interview.resumeByProject('no-such-project'), null);

  assert.equal(await nexusAPI.interview.exportToRequirementsDB(session.id), result.extractedRequirements.length);

  const other = await nexusAPI.interview.start('another-project');
  const everything = await nexusAPI.interview.list();
  for (const summary of everything) shapes.summary(summary);
  assert.ok(everything.some((summary) => summary.id === session.id));
  assert.ok(everything.some((summary) => summary.id === other.id));
  assert.deepEqual((await nexusAPI.interview.list('shop')).map((summary) => summary.id), [session.id]);

  assert.equal(await nexusAPI.interview.delete(session.id), null);
  assert.equal(await nexusAPI.interview.getSession(session.id), null);
  assert.equal(await nexusAPI.interview.resume(session.id), null);
  assert.deepEqual(await nexusAPI.interview.list('shop'), []);
});

test('system.info names the server and its backend; system.ping answers', async () => {
  const info = await nexusAPI.system.info();
  assert.equal(info.name, 'nexus');
  assert.equal(typeof info.version, 'string');
  assert.equal(info.backend.name, 'offline');
  assert.equal(typeof info.backend.model, 'string');
  assert.equal(info.database, ':memory:');
  assert.ok(Number.isInteger(info.maxMessageBytes) && info.maxMessageBytes > 0);
  assert.equal(await nexusAPI.system.ping(), 'pong');
});
