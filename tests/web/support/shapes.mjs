// Assertions that a value has exactly a JSON shape of DESIGN.md §2: every required field, no
// field beyond the optional ones, and each of the right kind (the mirror of web/nexus-api.d.ts).
// shapes.session(value, 'session') throws an AssertionError naming the first field that is off.

import assert from 'node:assert/strict';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const NANOID = /^[A-Za-z0-9_-]{21}$/;

// A check is a function (value, path) that throws an AssertionError naming the path.
export const check = {
  string: (value, path) => assert.equal(typeof value, 'string', `${path} is a string`),
  id: (value, path) => assert.match(value, NANOID, `${path} is a 21-character URL-safe id`),
  isoDate: (value, path) => assert.match(value, ISO_DATE, `${path} is an ISO-8601 UTC date with milliseconds`),
  count: (value, path) => assert.ok(Number.isInteger(value) && value >= 0, `${path} is a count, got ${value}`),
  fraction: (value, path) => assert.ok(typeof value === 'number' && value >= 0 && value <= 1, `${path} is 0..1, got ${value}`),
  oneOf: (...allowed) => (value, path) => assert.ok(allowed.includes(value), `${path} is one of ${allowed.join(', ')}, got ${value}`),
  arrayOf: (item) => (value, path) => {
    assert.ok(Array.isArray(value), `${path} is an array`);
    value.forEach((element, index) => item(element, `${path}[${index}]`));
  },
  shape: (required, optional = {}) => (value, path = 'value') => assertShape(value, required, optional, path),
};

export function assertShape(value, required, optional = {}, path = 'value') {
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), `${path} is an object`);
  for (const key of Object.keys(value)) {
    assert.ok(key in required || key in optional, `${path} has no field "${key}" beyond its shape`);
  }
  for (const [key, checkField] of Object.entries(required)) {
    assert.ok(key in value, `${path}.${key} is present`);
    checkField(value[key], `${path}.${key}`);
  }
  for (const [key, checkField] of Object.entries(optional)) {
    if (!(key in value)) continue;
    assert.notEqual(value[key], null, `${path}.${key} is left out rather than null`);
    checkField(value[key], `${path}.${key}`);
  }
}

const category = check.oneOf('functional', 'non-functional', 'technical', 'constraint', 'assumption');
const priority = check.oneOf('must', 'should', 'could', 'wont');
const sessionStatus = check.oneOf('active', 'paused', 'completed');
const mode = check.oneOf('genesis', 'evolution');
const requirementField = check.oneOf('text', 'category', 'priority', 'area');
const qualityStatus = check.oneOf('open', 'resolved', 'dismissed');
const STANDARD_AREAS = [
  'authentication', 'authorization', 'data_model', 'api', 'ui_ux', 'performance', 'security', 'integrations', 'deployment',
];

export const shapes = {
  message: check.shape(
    { id: check.id, role: check.oneOf('user', 'assistant', 'system'), content: check.string, timestamp: check.isoDate },
    { requirementsExtracted: check.arrayOf(check.id) }),
  extractedRequirement: check.shape(
    { id: check.id, text: check.string, category, priority, confidence: check.fraction, sourceMessageId: check.id },
    { area: check.string, editedFields: check.arrayOf(requirementField) }),
  finding: check.shape(
    {
      id: check.id, requirementId: check.id,
      kind: check.oneOf('vague-term', 'unmeasured', 'open-ended', 'compound', 'no-actor', 'tbd'),
      message: check.string, status: qualityStatus,
    },
    { term: check.string, suggestion: check.string, askedInMessageId: check.id }),
  conflict: check.shape(
    {
      id: check.id,
      requirementIds: (value, path) => {
        check.arrayOf(check.id)(value, path);
        assert.equal(value.length, 2, `${path} names two requirements`);
      },
      kind: check.oneOf('polarity', 'exclusive-choice', 'numeric', 'access'),
      explanation: check.string, status: qualityStatus,
    },
    { resolution: check.oneOf('keep-first', 'keep-second', 'keep-both', 'dismissed'), askedInMessageId: check.id }),
  readiness: check.shape({
    score: check.fraction,
    ready: (value, path) => assert.equal(typeof value, 'boolean', `${path} is a boolean`),
    threshold: check.fraction,
    areas: (value, path) => {
      check.arrayOf(check.shape({
        area: check.oneOf(...STANDARD_AREAS),
        status: check.oneOf('missing', 'partial', 'clear'),
        requirementIds: check.arrayOf(check.id),
      }))(value, path);
      assert.deepEqual(value.map((entry) => entry.area), STANDARD_AREAS, `${path} has each standard area once, in order`);
    },
    openConflicts: check.count, openFindings: check.count,
  }),
  requirementEdit: check.shape(
    { requirementId: check.id, field: check.oneOf('text', 'category', 'priority', 'area', 'removed'), editedAt: check.isoDate },
    { oldValue: check.string, newValue: check.string }),
  summary: check.shape({
    id: check.id, projectId: check.string, status: sessionStatus, mode,
    messageCount: check.count, requirementCount: check.count, startedAt: check.isoDate, lastActivityAt: check.isoDate,
  }),
  requirementSource: check.shape(
    { source: check.string, addedAt: check.isoDate },
    { messageId: check.string, originId: check.string }),
};

shapes.session = check.shape(
  {
    id: check.id, projectId: check.string, status: sessionStatus, mode,
    messages: check.arrayOf(shapes.message),
    extractedRequirements: check.arrayOf(shapes.extractedRequirement),
    exploredAreas: check.arrayOf(check.string),
    startedAt: check.isoDate, lastActivityAt: check.isoDate,
  },
  {
    evolutionContext: check.shape({ projectPath: check.string, repoMapContext: check.string }, { projectSummary: check.string }),
    completedAt: check.isoDate,
    findings: check.arrayOf(shapes.finding),
    conflicts: check.arrayOf(shapes.conflict),
    requirementEdits: check.arrayOf(shapes.requirementEdit),
  });

shapes.processMessageResult = check.shape(
  {
    response: check.string,
    extractedRequirements: check.arrayOf(shapes.extractedRequirement),
    suggestedGaps: check.arrayOf(check.string),
  },
  { findings: check.arrayOf(shapes.finding), conflicts: check.arrayOf(shapes.conflict), readiness: shapes.readiness });

shapes.requirement = check.shape(
  {
    id: check.id, projectId: check.string, text: check.string, category, priority, confidence: check.fraction,
    validation: check.oneOf('pending', 'validated', 'rejected'),
    sources: check.arrayOf(shapes.requirementSource),
    createdAt: check.isoDate, updatedAt: check.isoDate,
  },
  { area: check.string, featureId: check.string, editedFields: check.arrayOf(requirementField),
    history: check.arrayOf(shapes.requirementEdit) });

shapes.analysis = check.shape({
  conflicts: check.arrayOf(shapes.conflict), findings: check.arrayOf(shapes.finding), readiness: shapes.readiness,
});
