// The JSON project document (`requirements:export` format json, `nexus export --format json`)
// against its published schema, docs/project-document.schema.json (JSON Schema 2020-12, checked
// with ajv in strict mode): the schema itself compiles; a real export of a project with captured,
// edited and imported requirements, findings and a conflict is valid; documents that break the
// schema (a newer schemaVersion, an unknown priority, no requirements, a renamed field) are
// refused, so that the check cannot pass vacuously; and the checked-in golden document, if there
// is one, is valid too.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { connectTo } from '../support/client.mjs';
import { startNexusServer } from '../support/nexus-server.mjs';

const SCHEMA_PATH = fileURLToPath(new URL('../../../docs/project-document.schema.json', import.meta.url));
const GOLDEN_PATH = fileURLToPath(new URL('../../data/golden/project.json', import.meta.url));

const PROJECT = 'schema-shop';
const STATEMENTS = [
  'We are building an online shop for small bakeries',
  'Customers must sign in with their Google account',
  'The checkout should be fast and user-friendly', // a vague term: a finding
  'We must use PostgreSQL for the data',
  'We must use MySQL for the data', // two databases: a conflict
  'Admins can export the orders as CSV etc.', // open-ended: a finding
];

// Requirements from outside the interviews, with what an interview does not set: a feature link,
// a validation state, a source without a message, an area no interview uses.
const IMPORTED = {
  format: 'nexus-requirements',
  schemaVersion: 1,
  requirements: [
    {
      id: 'imported-1',
      projectId: 'elsewhere',
      text: 'Invoices are kept for ten years',
      category: 'constraint',
      priority: 'must',
      confidence: 1,
      area: 'legal',
      validation: 'validated',
      featureId: 'feature-archive',
      sources: [{ source: 'manual', addedAt: '2026-01-02T03:04:05.006Z' }],
      createdAt: '2026-01-02T03:04:05.006Z',
      updatedAt: '2026-01-02T03:04:05.006Z',
    },
    {
      id: 'imported-2',
      projectId: 'elsewhere',
      text: 'Bakers may print a daily order list',
      category: 'functional',
      priority: 'could',
      confidence: 0.6,
      validation: 'rejected',
      sources: [{ source: 'reqif:bakery-spec', originId: 'SO-17', addedAt: '2026-01-02T03:04:05.006Z' }],
      createdAt: '2026-01-02T03:04:05.006Z',
      updatedAt: '2026-01-02T03:04:05.006Z',
    },
  ],
};

// ajv (its JSON Schema 2020-12 class) is a devDependency of web/, installed in web/node_modules.
function loadAjv2020() {
  const web = new URL('../../../web/', import.meta.url);
  try {
    return createRequire(new URL('package.json', web))('ajv/dist/2020.js').default;
  } catch (error) {
    throw new Error(`ajv is not installed in ${web.pathname}: run scripts/install-deps.sh (npm ci there) (${error.message})`);
  }
}
const Ajv2020 = loadAjv2020();

let server;
let nexusAPI;
let validate;
let exported;

/** ajv's errors, one per line, for a failure message. */
function describeErrors(errors) {
  return (errors ?? []).map((e) => `  ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)} (${e.schemaPath})`)
    .join('\n');
}

function assertValid(document, what) {
  const valid = validate(document);
  assert.ok(valid, `${what} matches docs/project-document.schema.json:\n${describeErrors(validate.errors)}`);
}

function assertInvalid(document, what, expected) {
  assert.equal(validate(document), false, `${what} is refused by the schema`);
  if (expected) {
    assert.ok(validate.errors.some(expected), `${what}: the expected error among\n${describeErrors(validate.errors)}`);
  }
}

// strict: unknown keywords, ignored keywords, missing types and loose tuples are errors.
function compileSchema() {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
  return { schema, validate: new Ajv2020({ strict: true, allErrors: true }).compile(schema) };
}

before(async () => {
  ({ validate } = compileSchema());
  server = await startNexusServer();
  nexusAPI = connectTo(server);
  const session = await nexusAPI.interview.start(PROJECT);
  for (const message of STATEMENTS) await nexusAPI.interview.sendMessage(session.id, message);
  const captured = await nexusAPI.requirements.list(PROJECT);
  assert.ok(captured.length >= 4, 'the interview captured requirements to work with');
  // The person's edits: a history with old and new values, one without a new value (area cleared).
  const [first, ...others] = captured;
  const withArea = others.find((r) => r.area);
  assert.ok(withArea, 'a captured requirement with an area');
  await nexusAPI.requirements.update(first.id, { text: `${first.text} For now.`, priority: 'could', area: 'billing' });
  await nexusAPI.requirements.update(withArea.id, { area: '' });
  const counts = await nexusAPI.requirements.import(PROJECT, 'json', JSON.stringify(IMPORTED));
  assert.equal(counts.added, IMPORTED.requirements.length, 'the imported requirements are new');
  exported = await nexusAPI.requirements.export(PROJECT, 'json');
});

after(async () => {
  await nexusAPI?.close();
  await server?.stop();
});

test('the schema is a JSON Schema 2020-12 that compiles in ajv\'s strict mode', () => {
  const { schema, validate: compiled } = compileSchema();
  assert.equal(typeof compiled, 'function');
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.equal(typeof schema.$id, 'string');
  assert.match(schema.description, /schemaVersion/, 'the versioning rule is documented');
  // Each property documents itself.
  const undocumented = [];
  const visit = (node, path) => {
    if (Array.isArray(node)) return node.forEach((child, i) => visit(child, `${path}/${i}`));
    if (typeof node !== 'object' || node === null) return;
    if (node.properties && !path.includes('prefixItems')) {
      for (const [name, property] of Object.entries(node.properties)) {
        if (typeof property.title !== 'string' || typeof property.description !== 'string') {
          undocumented.push(`${path}/properties/${name}`);
        }
      }
    }
    for (const [key, child] of Object.entries(node)) visit(child, `${path}/${key}`);
  };
  visit(schema, '#');
  assert.deepEqual(undocumented, [], 'every property has a title and a description');
});

test('a project exported as JSON matches the schema', () => {
  const document = JSON.parse(exported);
  assertValid(document, 'the export');

  // The export exercised the optional parts of the shape, so that the check means something.
  const { requirements } = document;
  assert.ok(requirements.some((r) => r.history?.some((edit) => 'oldValue' in edit && 'newValue' in edit)), 'an edit');
  assert.ok(requirements.some((r) => r.history?.some((edit) => edit.field === 'area' && !('newValue' in edit))),
    'an edit that cleared the area');
  assert.ok(requirements.some((r) => r.featureId === 'feature-archive'), 'a requirement linked to a feature');
  assert.ok(requirements.some((r) => r.validation === 'validated') && requirements.some((r) => r.validation === 'rejected'),
    'requirements in other validation states');
  assert.ok(requirements.some((r) => r.sources.some((s) => !('messageId' in s))), 'a source without a message');
  assert.ok(requirements.some((r) => !('area' in r)), 'a requirement without an area');
  assert.ok(document.findings.length > 0, 'findings');
  assert.ok(document.findings.some((f) => 'term' in f && 'suggestion' in f), 'a finding with a term and a suggestion');
  assert.ok(document.conflicts.length > 0, 'a conflict');
});

test('documents that break the schema are refused', () => {
  const document = JSON.parse(exported);
  const mutated = (change) => {
    const copy = structuredClone(document);
    change(copy);
    return copy;
  };
  assertInvalid(mutated((d) => { d.schemaVersion = 2; }), 'schemaVersion 2',
    (e) => e.instancePath === '/schemaVersion' && e.keyword === 'const');
  assertInvalid(mutated((d) => { d.requirements[0].priority = 'urgent'; }), 'a priority "urgent"',
    (e) => e.instancePath === '/requirements/0/priority' && e.keyword === 'enum');
  assertInvalid(mutated((d) => { delete d.requirements; }), 'a document without requirements',
    (e) => e.keyword === 'required' && e.params.missingProperty === 'requirements');
  assertInvalid(mutated((d) => { d.format = 'something-else'; }), 'another format');
  assertInvalid(mutated((d) => {
    d.requirements[0].created = d.requirements[0].createdAt;
    delete d.requirements[0].createdAt;
  }), 'a renamed field', (e) => e.keyword === 'additionalProperties' && e.params.additionalProperty === 'created');
  assertInvalid(mutated((d) => { d.requirements.find((r) => !('area' in r)).area = null; }), 'an optional field written as null');
  assertInvalid(mutated((d) => { d.requirements[0].sources = []; }), 'a requirement without sources');
  assertInvalid(mutated((d) => { d.generatedAt = '2026-01-02 03:04:05'; }), 'a date that is not ISO-8601 UTC');
  assertInvalid(mutated((d) => { d.readiness.areas.reverse(); }), 'the standard areas out of order');
});

test('the golden project document matches the schema', { skip: !existsSync(GOLDEN_PATH) && 'no tests/data/golden/project.json' }, () => {
  assertValid(JSON.parse(readFileSync(GOLDEN_PATH, 'utf8')), 'tests/data/golden/project.json');
});
