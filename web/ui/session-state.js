// What the page knows of its session with the server, in one place: the connection, the server's
// facts (system:info), and the open interview with the coverage gaps last suggested for it and
// its readiness, findings and conflicts.
// Only the actions below change it; views read it and subscribe to its changes. What it hands
// out is frozen, so that no view can change it behind the others' backs.

import { ErrorCode } from '../nexus-api.js';

// A change, as subscribers are told of it:
//   {type: 'connection'}       the connection's status changed
//   {type: 'server'}           system:info arrived
//   {type: 'session'}          an interview was opened, or shown again as stored
//   {type: 'closed'}           no interview is open any more
//   {type: 'status'}           the open interview's status changed
//   {type: 'message', message} a message was added to it
//   {type: 'requirements', added} requirements it did not hold yet were captured
//   {type: 'area', area}       an area was explored for the first time
//   {type: 'gaps'}             the areas suggested next changed
//   {type: 'readiness'}        the readiness changed (or became known)
//   {type: 'review', findings, conflicts}  findings or conflicts were found, or their status changed
//   {type: 'requirement', requirement}     a requirement it holds changed (the person's edit, a settled conflict)
//   {type: 'removed', requirementId}       a requirement was removed
export function createSessionState() {
  let connection = Object.freeze({ state: 'connecting', attempt: 1 });
  let everConnected = false;
  let server = Object.freeze({});
  let session = null;
  let gaps = Object.freeze([]);
  let readiness = null;
  const listeners = new Set();

  function notify(change) {
    for (const listener of [...listeners]) listener(Object.freeze(change));
  }

  // The open interview, changed in one field.
  function changeSession(fields, change) {
    session = Object.freeze({ ...session, ...fields });
    notify(change);
  }

  // `held` with each of `arrived` in it: one of the same id replaced where it was, a new one last.
  // Null when nothing changes.
  function merged(held = [], arrived = []) {
    const byId = new Map(held.map((item) => [item.id, item]));
    let changed = false;
    for (const item of arrived) {
      const known = byId.get(item.id);
      if (known && sameJson(known, item)) continue;
      byId.set(item.id, deepFrozen(item));
      changed = true;
    }
    return changed ? Object.freeze([...byId.values()]) : null;
  }

  return {
    /** The client's ConnectionStatus. */
    get connection() {
      return connection;
    },
    /** Whether the connection has ever been open: every attempt after that is a reconnect. */
    get everConnected() {
      return everConnected;
    },
    /** The server refused this page (its token or origin): reconnecting will not help. */
    get signedOut() {
      return connection.state === 'closed' && connection.error?.code === ErrorCode.ACCESS_DENIED;
    },
    /** The result of system:info; {} until it has come. */
    get server() {
      return server;
    },
    /** The open InterviewSession as it stands now, or null. */
    get session() {
      return session;
    },
    /** The standard areas suggested to cover next, since the interview was shown. */
    get gaps() {
      return gaps;
    },
    /** The open interview's Readiness, or null until it is known. */
    get readiness() {
      return readiness;
    },
    /** The open interview's RequirementFindings, open and settled. */
    get findings() {
      return session?.findings ?? [];
    },
    /** The open interview's RequirementConflicts, open and settled. */
    get conflicts() {
      return session?.conflicts ?? [];
    },

    /** Calls listener(change) after every change; returns the function that stops it. */
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    setConnection(status) {
      connection = status;
      everConnected ||= status.state === 'open';
      notify({ type: 'connection' });
    },
    setServer(info) {
      server = deepFrozen(info);
      notify({ type: 'server' });
    },
    // Opening an interview, or showing it again as stored: suggestions start over. The readiness
    // of the same interview stays until a newer one comes.
    show(stored) {
      if (session?.id !== stored.id) readiness = null;
      session = deepFrozen(stored);
      gaps = Object.freeze([]);
      notify({ type: 'session' });
    },
    close() {
      if (!session) return;
      session = null;
      gaps = Object.freeze([]);
      readiness = null;
      notify({ type: 'closed' });
    },
    // From an answer or an event, whichever comes first; the second changes nothing.
    setStatus(status) {
      if (!session || session.status === status) return;
      changeSession({ status }, { type: 'status' });
    },
    addMessage(message) {
      if (!session) return;
      const added = deepFrozen(message);
      changeSession({ messages: Object.freeze([...session.messages, added]) }, { type: 'message', message: added });
    },
    // From a turn's result or interview:requirement-captured, whichever comes first.
    addRequirements(captured) {
      if (!session) return;
      const known = new Set(session.extractedRequirements.map((r) => r.id));
      const added = captured.filter((r) => !known.has(r.id)).map(deepFrozen);
      if (added.length === 0) return;
      changeSession({ extractedRequirements: Object.freeze([...session.extractedRequirements, ...added]) },
        { type: 'requirements', added: Object.freeze(added) });
    },
    addExploredArea(area) {
      if (!session || session.exploredAreas.includes(area)) return;
      changeSession({ exploredAreas: Object.freeze([...session.exploredAreas, area]) }, { type: 'area', area });
    },
    setGaps(suggested) {
      if (!session) return;
      gaps = Object.freeze([...suggested]);
      notify({ type: 'gaps' });
    },
    // From getReadiness, a turn's result or interview:readiness-changed; the same again changes nothing.
    setReadiness(next) {
      if (!session || !next || sameJson(readiness, next)) return;
      readiness = deepFrozen(next);
      notify({ type: 'readiness' });
    },
    // Findings and conflicts, new or with a new status (the same id again), from a turn's result,
    // an answer or an event, in any order and any number of times.
    review({ findings = [], conflicts = [] }) {
      if (!session) return;
      const nextFindings = merged(session.findings, findings);
      const nextConflicts = merged(session.conflicts, conflicts);
      if (!nextFindings && !nextConflicts) return;
      changeSession({
        ...(nextFindings ? { findings: nextFindings } : {}),
        ...(nextConflicts ? { conflicts: nextConflicts } : {}),
      }, { type: 'review', findings: Object.freeze([...findings]), conflicts: Object.freeze([...conflicts]) });
    },
    // A requirement it holds as it is now (an answer, or interview:requirement-updated).
    updateRequirement(requirement) {
      if (!session) return;
      const index = session.extractedRequirements.findIndex((r) => r.id === requirement.id);
      if (index < 0 || sameJson(session.extractedRequirements[index], requirement)) return;
      const updated = deepFrozen(requirement);
      const requirements = [...session.extractedRequirements];
      requirements[index] = updated;
      changeSession({ extractedRequirements: Object.freeze(requirements) }, { type: 'requirement', requirement: updated });
    },
    // From the answer or the event, whichever comes first.
    removeRequirement(requirementId) {
      if (!session || !session.extractedRequirements.some((r) => r.id === requirementId)) return;
      changeSession({ extractedRequirements: Object.freeze(session.extractedRequirements.filter((r) => r.id !== requirementId)) },
        { type: 'removed', requirementId });
    },
  };
}

// Whether two JSON values are the same: what the server sends twice (answer and event) is.
function sameJson(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && sameJson(a[key], b[key]));
}

// A copy no one can change: what the state holds is its own, not the caller's.
function deepFrozen(value) {
  return freezeAll(structuredClone(value));
}

function freezeAll(value) {
  if (typeof value !== 'object' || value === null) return value;
  for (const child of Object.values(value)) freezeAll(child);
  return Object.freeze(value);
}
