// The web UI's session state (web/ui/session-state.js), in Node without a browser: only its
// actions change it, each change reaches the subscribers once, and what it hands out is frozen.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ErrorCode, NexusApiError } from '../../../web/nexus-api.js';
import { createSessionState } from '../../../web/ui/session-state.js';

const requirement = (id, text) => ({
  id, text, category: 'functional', priority: 'must', confidence: 0.9, sourceMessageId: 'm1',
});

function storedSession() {
  return {
    id: 's1', projectId: 'shop', status: 'active', mode: 'genesis',
    messages: [{ id: 'm0', role: 'assistant', content: 'Hello', timestamp: '2026-01-16T03:57:45.123Z' }],
    extractedRequirements: [requirement('r1', 'Users must sign in')],
    exploredAreas: ['authentication'],
    startedAt: '2026-01-16T03:57:45.123Z', lastActivityAt: '2026-01-16T03:57:45.123Z',
  };
}

function recorded() {
  const state = createSessionState();
  const changes = [];
  state.subscribe((change) => changes.push(change));
  return { state, changes, types: () => changes.map((change) => change.type) };
}

test('an interview shown is the state\'s own frozen copy', () => {
  const { state, types } = recorded();
  const stored = storedSession();
  state.show(stored);
  assert.deepEqual(types(), ['session']);
  assert.deepEqual(state.session, stored);
  assert.notEqual(state.session, stored);
  assert.throws(() => { state.session.status = 'paused'; }, TypeError);
  assert.throws(() => state.session.messages.push({}), TypeError);
  stored.status = 'paused';
  assert.equal(state.session.status, 'active', 'the caller\'s object is not the state');
});

test('a status told twice (answer and event) is one change', () => {
  const { state, types } = recorded();
  state.show(storedSession());
  state.setStatus('paused');
  state.setStatus('paused');
  assert.equal(state.session.status, 'paused');
  assert.deepEqual(types(), ['session', 'status']);
});

test('requirements and areas already held change nothing; new ones are told as added', () => {
  const { state, changes, types } = recorded();
  state.show(storedSession());
  state.addRequirements([requirement('r1', 'Users must sign in'), requirement('r2', 'Admins can ban users')]);
  state.addRequirements([requirement('r2', 'Admins can ban users')]);
  assert.deepEqual(state.session.extractedRequirements.map((r) => r.id), ['r1', 'r2']);
  assert.deepEqual(changes.at(-1).added.map((r) => r.id), ['r2']);
  state.addExploredArea('authentication');
  state.addExploredArea('security');
  assert.deepEqual(state.session.exploredAreas, ['authentication', 'security']);
  assert.deepEqual(types(), ['session', 'requirements', 'area']);
});

test('messages are added in order; gaps start over when the interview is shown again', () => {
  const { state, types } = recorded();
  state.show(storedSession());
  state.addMessage({ id: 'm1', role: 'user', content: 'Hi', timestamp: '2026-01-16T03:58:45.123Z' });
  state.setGaps(['security', 'performance']);
  assert.deepEqual(state.session.messages.map((m) => m.id), ['m0', 'm1']);
  assert.deepEqual(state.gaps, ['security', 'performance']);
  state.show(storedSession());
  assert.deepEqual(state.gaps, []);
  assert.deepEqual(types(), ['session', 'message', 'gaps', 'session']);
});

test('with no interview open, its actions change nothing', () => {
  const { state, types } = recorded();
  state.show(storedSession());
  state.close();
  state.close();
  state.setStatus('paused');
  state.addMessage({ id: 'm1', role: 'user', content: 'Hi', timestamp: '2026-01-16T03:58:45.123Z' });
  state.addRequirements([requirement('r2', 'Admins can ban users')]);
  state.addExploredArea('security');
  state.setGaps(['security']);
  state.setReadiness(readiness(0.5));
  state.review({ findings: [finding('f1')] });
  state.updateRequirement({ ...requirement('r1', 'Users must sign in'), priority: 'could' });
  state.removeRequirement('r1');
  assert.equal(state.session, null);
  assert.deepEqual([state.findings, state.conflicts, state.readiness], [[], [], null]);
  assert.deepEqual(types(), ['session', 'closed']);
});

const readiness = (score, openConflicts = 0) => ({
  score, ready: false, threshold: 0.8, openConflicts, openFindings: 0,
  areas: [{ area: 'authentication', status: 'clear', requirementIds: ['r1'] }],
});
const finding = (id, status = 'open') => ({
  id, requirementId: 'r1', kind: 'vague-term', term: 'fast', message: '"fast" cannot be tested', status,
});
const conflict = (id, status = 'open', resolution) => ({
  id, requirementIds: ['r1', 'r2'], kind: 'exclusive-choice', explanation: 'two databases', status,
  ...(resolution ? { resolution } : {}),
});

test('readiness is unknown until set, changes only when it differs, and stays for the same interview', () => {
  const { state, types } = recorded();
  state.setReadiness(readiness(0.5));
  assert.equal(state.readiness, null, 'no interview open');
  state.show(storedSession());
  assert.equal(state.readiness, null);
  state.setReadiness(readiness(0.25));
  state.setReadiness(readiness(0.25));
  assert.equal(state.readiness.score, 0.25);
  assert.throws(() => { state.readiness.score = 1; }, TypeError);
  state.show(storedSession());
  assert.equal(state.readiness.score, 0.25, 'shown again as stored: the same interview');
  state.show({ ...storedSession(), id: 's2' });
  assert.equal(state.readiness, null, 'another interview');
  state.setReadiness(readiness(0.5));
  state.close();
  assert.equal(state.readiness, null);
  assert.deepEqual(types(), ['session', 'readiness', 'session', 'session', 'readiness', 'closed']);
});

test('findings and conflicts: new ones added, the same id again replaces, a repeat changes nothing', () => {
  const { state, changes, types } = recorded();
  const stored = { ...storedSession(), findings: [finding('f1')] };
  state.show(stored);
  assert.deepEqual(state.findings, [finding('f1')]);
  assert.deepEqual(state.conflicts, []);
  state.review({ conflicts: [conflict('c1')] });
  state.review({ conflicts: [conflict('c1')], findings: [finding('f1')] }); // the answer after the event
  state.review({ findings: [finding('f1', 'dismissed'), finding('f2')] });
  state.review({});
  assert.deepEqual(state.findings, [finding('f1', 'dismissed'), finding('f2')]);
  state.review({ conflicts: [conflict('c1', 'resolved', 'keep-first')] });
  assert.deepEqual(state.conflicts, [conflict('c1', 'resolved', 'keep-first')]);
  assert.throws(() => state.conflicts.push(conflict('c2')), TypeError);
  assert.deepEqual(types(), ['session', 'review', 'review', 'review']);
  assert.deepEqual(changes.at(-1).conflicts.map((c) => c.status), ['resolved']);
  assert.equal(stored.findings.length, 1, 'the caller\'s object is not the state');
});

test('a requirement updated in place, or removed once; unknown ones change nothing', () => {
  const { state, changes, types } = recorded();
  state.show(storedSession());
  state.addRequirements([requirement('r2', 'Admins can ban users')]);
  const edited = { ...requirement('r1', 'Users must sign in'), priority: 'could', editedFields: ['priority'] };
  state.updateRequirement(edited);
  state.updateRequirement(edited);
  state.updateRequirement(requirement('r9', 'Not held'));
  assert.deepEqual(state.session.extractedRequirements.map((r) => [r.id, r.priority]), [['r1', 'could'], ['r2', 'must']]);
  assert.deepEqual(changes.at(-1).requirement, edited);
  state.removeRequirement('r1');
  state.removeRequirement('r1');
  state.removeRequirement('r9');
  assert.deepEqual(state.session.extractedRequirements.map((r) => r.id), ['r2']);
  assert.deepEqual(types(), ['session', 'requirements', 'requirement', 'removed']);
  assert.equal(changes.at(-1).requirementId, 'r1');
});

test('the connection: ever connected once open, signed out when the server refused the page', () => {
  const { state, types } = recorded();
  state.setConnection({ state: 'connecting', attempt: 1 });
  assert.equal(state.everConnected, false);
  state.setConnection({ state: 'open' });
  state.setConnection({ state: 'connecting', attempt: 1 });
  assert.equal(state.everConnected, true, 'stays so after a drop');
  assert.equal(state.signedOut, false);
  const denied = new NexusApiError('refused', { code: ErrorCode.ACCESS_DENIED });
  state.setConnection({ state: 'closed', error: denied });
  assert.equal(state.signedOut, true);
  state.setServer({ name: 'nexus', version: '1', maxMessageBytes: 65536 });
  assert.equal(state.server.maxMessageBytes, 65536);
  assert.deepEqual(types(), ['connection', 'connection', 'connection', 'connection', 'server']);
});
