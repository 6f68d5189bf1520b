// Quality analysis through the JS client, against the offline analyst: conflicts and findings
// as a turn's result, the session and events have them; settling them (resolveConflict,
// dismissFinding); the person's edits and removals (updateRequirement, removeRequirement) and
// what they do to readiness; the same over a project's database (requirements.update, analyze);
// and the errors a UI meets on the way.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { ErrorCode, ErrorKind, NexusApiError, connectTo, recordEvents, rejectionOf } from '../support/client.mjs';
import { startNexusServer } from '../support/nexus-server.mjs';
import { shapes } from '../support/shapes.mjs';

const PROJECT = 'quality';
const POSTGRES = 'We must use PostgreSQL.';
const MYSQL = 'The database will be MySQL.';
const FAST = 'The app should be fast.';
const SIGN_IN = 'Users must sign in with Google.';

let server;
let nexusAPI;
let recorder;
let session;
const requirementOf = {}; // statement → the requirement captured from it
let conflict;
let finding;

before(async () => {
  server = await startNexusServer();
  nexusAPI = connectTo(server);
  recorder = recordEvents(nexusAPI);
  session = await nexusAPI.interview.start(PROJECT);
});

after(async () => {
  recorder?.stop();
  await nexusAPI?.close();
  await server?.stop();
});

/** One turn: its result, and the events of this session it brought (a call's events come before its answer). */
async function say(message) {
  const first = recorder.events.length;
  const result = await nexusAPI.interview.sendMessage(session.id, message);
  shapes.processMessageResult(result, `the result of "${message}"`);
  const [requirement] = result.extractedRequirements;
  assert.ok(requirement, `"${message}" is captured as a requirement`);
  requirementOf[message] = requirement;
  return { result, events: eventsSince(first) };
}

function eventsSince(first) {
  return recorder.events.slice(first).filter((event) => event.payload?.sessionId === session.id);
}

const ofType = (events, type) => events.filter((event) => event.type === type).map((event) => event.payload);

function lastReadiness(events) {
  const readiness = ofType(events, 'interview:readiness-changed').at(-1)?.readiness;
  assert.ok(readiness, 'an interview:readiness-changed event came');
  shapes.readiness(readiness, 'the readiness of the event');
  return readiness;
}

const areaOf = (readiness, name) => readiness.areas.find((area) => area.area === name);

test('a new interview has a readiness of every standard area missing, and not ready', async () => {
  const readiness = await nexusAPI.interview.getReadiness(session.id);
  shapes.readiness(readiness, 'readiness');
  assert.ok(readiness.areas.every((area) => area.status === 'missing' && area.requirementIds.length === 0));
  assert.equal(readiness.ready, false);
  assert.ok(readiness.score < readiness.threshold);
  assert.equal(readiness.threshold, 0.8);
  assert.deepEqual([readiness.openConflicts, readiness.openFindings], [0, 0]);
});

test('two databases are one exclusive-choice conflict: in the result, an event, the session and the readiness', async () => {
  const first = await say(POSTGRES);
  assert.equal(first.result.conflicts, undefined, 'nothing to conflict with yet');
  assert.equal(areaOf(first.result.readiness, 'data_model').status, 'clear');

  const { result, events } = await say(MYSQL);
  assert.equal(result.conflicts?.length, 1);
  [conflict] = result.conflicts;
  assert.equal(conflict.kind, 'exclusive-choice');
  assert.equal(conflict.status, 'open');
  assert.deepEqual(conflict.requirementIds, [requirementOf[POSTGRES].id, requirementOf[MYSQL].id]);
  assert.match(conflict.explanation, /PostgreSQL/);
  assert.match(conflict.explanation, /MySQL/);
  assert.deepEqual(ofType(events, 'interview:conflict-detected').map((payload) => payload.conflict), [conflict]);
  assert.deepEqual(lastReadiness(events), result.readiness);
  assert.equal(result.readiness.openConflicts, 1);
  assert.equal(result.readiness.ready, false);

  const stored = await nexusAPI.interview.getSession(session.id);
  shapes.session(stored, 'stored session');
  assert.equal(stored.conflicts.length, 1);
  assert.equal(stored.conflicts[0].id, conflict.id);
  const reply = stored.messages.at(-1);
  assert.equal(stored.conflicts[0].askedInMessageId, reply.id, 'the reply asked about it');
  assert.match(reply.content, /PostgreSQL/);
});

test('a vague word is a finding on its requirement, quoting the word and suggesting a testable one', async () => {
  const before = await nexusAPI.interview.getReadiness(session.id);
  const { result, events } = await say(FAST);
  assert.equal(result.findings?.length, 1);
  [finding] = result.findings;
  assert.equal(finding.kind, 'vague-term');
  assert.equal(finding.term, 'fast');
  assert.equal(finding.requirementId, requirementOf[FAST].id);
  assert.equal(finding.status, 'open');
  assert.match(finding.message, /fast/);
  assert.ok(finding.suggestion?.length > 0, 'a suggestion of how to say it');
  assert.deepEqual(ofType(events, 'interview:finding-detected').map((payload) => payload.finding), [finding]);

  const readiness = lastReadiness(events);
  assert.equal(readiness.openFindings, 1);
  assert.equal(areaOf(readiness, 'performance').status, 'partial', 'only an unclear requirement covers it');
  assert.deepEqual(areaOf(readiness, 'performance').requirementIds, [finding.requirementId]);
  assert.ok(readiness.score > before.score, 'a new area, even partly covered, moves the score up');
});

test('resolveConflict keep-first keeps the first and makes the second wont, announcing both', async () => {
  const first = recorder.events.length;
  const settled = await nexusAPI.interview.resolveConflict(session.id, conflict.id, 'keep-first');
  shapes.conflict(settled, 'settled conflict');
  assert.equal(settled.id, conflict.id);
  assert.equal(settled.status, 'resolved');
  assert.equal(settled.resolution, 'keep-first');

  const events = eventsSince(first);
  assert.deepEqual(ofType(events, 'interview:conflict-detected').map((payload) => payload.conflict), [settled],
    'announced again with the same id');
  const [updated] = ofType(events, 'interview:requirement-updated');
  assert.equal(updated.requirement.id, requirementOf[MYSQL].id);
  assert.equal(updated.requirement.priority, 'wont');
  assert.deepEqual(updated.changedFields, ['priority']);
  assert.equal(lastReadiness(events).openConflicts, 0);

  const stored = await nexusAPI.interview.getSession(session.id);
  const byId = new Map(stored.extractedRequirements.map((r) => [r.id, r]));
  assert.equal(byId.get(requirementOf[MYSQL].id).priority, 'wont');
  assert.equal(byId.get(requirementOf[POSTGRES].id).priority, 'must');
  assert.equal(stored.conflicts.find((c) => c.id === conflict.id).status, 'resolved');
});

test('dismissFinding leaves the requirement as it is and clears its area', async () => {
  const first = recorder.events.length;
  const dismissed = await nexusAPI.interview.dismissFinding(session.id, finding.id);
  shapes.finding(dismissed, 'dismissed finding');
  assert.equal(dismissed.id, finding.id);
  assert.equal(dismissed.status, 'dismissed');

  const events = eventsSince(first);
  assert.deepEqual(ofType(events, 'interview:finding-detected').map((payload) => payload.finding), [dismissed]);
  const readiness = lastReadiness(events);
  assert.equal(readiness.openFindings, 0);
  assert.equal(areaOf(readiness, 'performance').status, 'clear');
  const stored = await nexusAPI.interview.getSession(session.id);
  assert.equal(stored.extractedRequirements.find((r) => r.id === finding.requirementId).text, FAST);
});

test('updateRequirement changes the fields given, marks them edited, and the edit outlives later turns', async () => {
  await say(SIGN_IN);
  const { id } = requirementOf[SIGN_IN];
  const first = recorder.events.length;
  const edited = await nexusAPI.interview.updateRequirement(session.id, id, { priority: 'could', category: 'constraint' });
  shapes.extractedRequirement(edited, 'edited requirement');
  assert.equal(edited.priority, 'could');
  assert.equal(edited.category, 'constraint');
  assert.equal(edited.text, SIGN_IN);
  assert.deepEqual([...edited.editedFields].sort(), ['category', 'priority']);
  const [announced] = ofType(eventsSince(first), 'interview:requirement-updated');
  assert.deepEqual(announced.requirement, edited);
  assert.deepEqual([...announced.changedFields].sort(), ['category', 'priority']);

  // An area of "" takes it away; text is changed as given.
  const moved = await nexusAPI.interview.updateRequirement(session.id, id, { area: '' });
  assert.equal(moved.area, undefined);
  const reworded = await nexusAPI.interview.updateRequirement(session.id, id,
    { text: 'Users must sign in with their Google account.', area: 'authentication' });
  assert.deepEqual([...reworded.editedFields].sort(), ['area', 'category', 'priority', 'text']);

  await say('Admins must be able to ban users.');
  const stored = await nexusAPI.interview.getSession(session.id);
  const kept = stored.extractedRequirements.find((r) => r.id === id);
  assert.deepEqual(kept, reworded, 'a later turn changes nothing the person set');
  // One edit per field changed, oldest first (the fields of one call in any order).
  const edits = stored.requirementEdits.filter((edit) => edit.requirementId === id)
    .map(({ field, oldValue, newValue }) => ({ field, oldValue, newValue }));
  const byField = (a, b) => a.field.localeCompare(b.field);
  assert.deepEqual(edits.slice(0, 2).sort(byField), [
    { field: 'category', oldValue: 'functional', newValue: 'constraint' },
    { field: 'priority', oldValue: 'must', newValue: 'could' },
  ]);
  assert.deepEqual(edits[2], { field: 'area', oldValue: 'authentication', newValue: undefined }, 'the area was taken away');
  assert.deepEqual(edits.slice(3).sort(byField), [
    { field: 'area', oldValue: undefined, newValue: 'authentication' },
    { field: 'text', oldValue: SIGN_IN, newValue: 'Users must sign in with their Google account.' },
  ]);
});

test('removeRequirement takes it out of the session, announced as removed, and readiness drops its area', async () => {
  const { id } = requirementOf[FAST];
  const first = recorder.events.length;
  assert.equal(await nexusAPI.interview.removeRequirement(session.id, id), null);
  const events = eventsSince(first);
  const [announced] = ofType(events, 'interview:requirement-updated');
  assert.equal(announced.requirement.id, id);
  assert.deepEqual(announced.changedFields, ['removed']);
  assert.equal(areaOf(lastReadiness(events), 'performance').status, 'missing');

  const stored = await nexusAPI.interview.getSession(session.id);
  assert.ok(!stored.extractedRequirements.some((r) => r.id === id));
  assert.deepEqual(stored.requirementEdits.filter((edit) => edit.requirementId === id).map((edit) => [edit.field, edit.oldValue]),
    [['removed', FAST]]);
  const error = await rejectionOf(nexusAPI.interview.removeRequirement(session.id, id));
  assert.equal(error.kind, ErrorKind.NOT_FOUND, 'removed once only');
});

test('removing one of a conflicting pair settles the conflict', async () => {
  const { result } = await say('Customers must pay by card.');
  const second = await say('Customers must not pay by card.');
  const [open] = second.result.conflicts ?? [];
  assert.ok(open, `"Customers must not pay by card" conflicts with "${result.extractedRequirements[0].text}"`);
  assert.equal(open.status, 'open');

  const first = recorder.events.length;
  await nexusAPI.interview.removeRequirement(session.id, requirementOf['Customers must not pay by card.'].id);
  const [announced] = ofType(eventsSince(first), 'interview:conflict-detected');
  assert.equal(announced?.conflict.id, open.id);
  assert.notEqual(announced.conflict.status, 'open');
  assert.equal((await nexusAPI.interview.getReadiness(session.id)).openConflicts, 0);
});

test('the methods take their params by name too', async () => {
  const readiness = await nexusAPI.call('interview:getReadiness', { sessionId: session.id });
  shapes.readiness(readiness, 'readiness');
  const { id } = requirementOf[SIGN_IN];
  const edited = await nexusAPI.call('interview:updateRequirement',
    { sessionId: session.id, requirementId: id, changes: { priority: 'must' } });
  assert.equal(edited.priority, 'must');
});

test('unknown ids and values that are not allowed are refused with a NexusApiError saying which', async () => {
  const refused = async (promise, kind, pattern) => {
    const error = await rejectionOf(promise);
    assert.ok(error instanceof NexusApiError, `a NexusApiError, got ${error}`);
    assert.equal(error.kind, kind, error.message);
    assert.match(error.message, pattern);
    assert.equal(error.retryable, false);
    return error;
  };
  const unknownConflict = await refused(
    nexusAPI.interview.resolveConflict(session.id, 'no-such-conflict-id-1', 'keep-both'), ErrorKind.NOT_FOUND, /conflict/i);
  assert.equal(unknownConflict.code, ErrorCode.SESSION_NOT_FOUND, 'not-found is -32001');
  assert.equal(unknownConflict.method, 'interview:resolveConflict');
  await refused(nexusAPI.interview.dismissFinding(session.id, 'no-such-finding-id-1'), ErrorKind.NOT_FOUND, /finding/i);
  await refused(nexusAPI.interview.getReadiness('no-such-session-id-1'), ErrorKind.NOT_FOUND, /session/i);
  await refused(nexusAPI.interview.updateRequirement(session.id, 'no-such-requirement1', { priority: 'must' }),
    ErrorKind.NOT_FOUND, /requirement/i);

  const { id } = requirementOf[SIGN_IN];
  const badResolution = await refused(nexusAPI.interview.resolveConflict(session.id, conflict.id, 'keep-all'),
    ErrorKind.INVALID_ARGUMENT, /keep-all/);
  assert.equal(badResolution.code, ErrorCode.INVALID_PARAMS);
  await refused(nexusAPI.interview.updateRequirement(session.id, id, { priority: 'urgent' }), ErrorKind.INVALID_ARGUMENT, /urgent/);
  await refused(nexusAPI.interview.updateRequirement(session.id, id, { text: '   ' }), ErrorKind.INVALID_ARGUMENT, /text/);
  await refused(nexusAPI.interview.updateRequirement(session.id, id, {}), ErrorKind.INVALID_ARGUMENT, /change/);
});

test('requirements.update edits the project database with a history; requirements.analyze reads it', async () => {
  await nexusAPI.interview.exportToRequirementsDB(session.id);
  const requirements = await nexusAPI.requirements.list(PROJECT);
  const postgres = requirements.find((r) => r.text === POSTGRES);
  assert.ok(postgres, 'PostgreSQL is in the project database');

  const updated = await nexusAPI.requirements.update(postgres.id, { text: 'We must use PostgreSQL 16.', priority: 'should' });
  shapes.requirement(updated, 'updated requirement');
  assert.equal(updated.text, 'We must use PostgreSQL 16.');
  assert.equal(updated.priority, 'should');
  assert.deepEqual([...updated.editedFields].sort(), ['priority', 'text']);
  assert.deepEqual(updated.history.map(({ field, oldValue, newValue }) => ({ field, oldValue, newValue })), [
    { field: 'text', oldValue: POSTGRES, newValue: 'We must use PostgreSQL 16.' },
    { field: 'priority', oldValue: 'must', newValue: 'should' },
  ]);
  assert.equal((await nexusAPI.requirements.list(PROJECT)).find((r) => r.id === postgres.id).text, 'We must use PostgreSQL 16.');

  const analysis = await nexusAPI.requirements.analyze(PROJECT);
  shapes.analysis(analysis, 'analysis');
  const ids = new Set(requirements.map((r) => r.id));
  for (const area of analysis.readiness.areas) {
    for (const id of area.requirementIds) assert.ok(ids.has(id), `${area.area} names requirements of the project`);
  }
  assert.equal(areaOf(analysis.readiness, 'data_model').status, 'clear');

  const empty = await nexusAPI.requirements.analyze('no-such-project');
  assert.deepEqual([empty.conflicts, empty.findings, empty.readiness.score], [[], [], 0]);
  const error = await rejectionOf(nexusAPI.requirements.update('no-such-requirement1', { priority: 'must' }));
  assert.equal(error.kind, ErrorKind.NOT_FOUND);
});
