// The requirements database through the JS client: requirements.list with its filters,
// requirements.export of a project or of one session in each format and style, and
// requirements.import of an export back.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { ErrorCode, ErrorKind, connectTo } from '../support/client.mjs';
import { startNexusServer } from '../support/nexus-server.mjs';
import { check, shapes } from '../support/shapes.mjs';

const PROJECT = 'crm';
const STATEMENTS = [
  'Sales people must be able to record a call with a customer',
  'Users must sign in with their company account',
  'Search results should appear in under 1 second',
  'We must use PostgreSQL',
];

let server;
let nexusAPI;
let session;
let captured;

before(async () => {
  server = await startNexusServer();
  nexusAPI = connectTo(server);
  session = await nexusAPI.interview.start(PROJECT);
  captured = [];
  for (const message of STATEMENTS) {
    captured.push(...(await nexusAPI.interview.sendMessage(session.id, message)).extractedRequirements);
  }
  assert.ok(captured.length >= 3, 'the interview captured requirements to work with');
});

after(async () => {
  await nexusAPI?.close();
  await server?.stop();
});

test('requirements.list gives the project\'s requirements with their sources', async () => {
  const requirements = await nexusAPI.requirements.list(PROJECT);
  for (const requirement of requirements) shapes.requirement(requirement, 'requirement');
  assert.deepEqual(requirements.map((r) => r.text).sort(), captured.map((r) => r.text).sort());
  for (const requirement of requirements) {
    const stated = captured.find((r) => r.text === requirement.text);
    assert.equal(requirement.projectId, PROJECT);
    assert.equal(requirement.category, stated.category);
    assert.equal(requirement.priority, stated.priority);
    assert.equal(requirement.validation, 'pending');
    assert.deepEqual(requirement.sources.map(({ source, messageId }) => ({ source, messageId })),
      [{ source: `interview:${session.id}`, messageId: stated.sourceMessageId }]);
  }
  assert.deepEqual(await nexusAPI.requirements.list('no-such-project'), []);
});

test('requirements.list filters by priority, category, area and confidence', async () => {
  const all = await nexusAPI.requirements.list(PROJECT);
  const expectFilter = async (filters, keeps) => {
    const filtered = await nexusAPI.requirements.list(PROJECT, filters);
    assert.deepEqual(filtered.map((r) => r.id).sort(), all.filter(keeps).map((r) => r.id).sort(), JSON.stringify(filters));
    return filtered;
  };
  assert.ok((await expectFilter({ priority: 'must' }, (r) => r.priority === 'must')).length > 0);
  assert.ok((await expectFilter({ category: 'constraint' }, (r) => r.category === 'constraint')).length > 0);
  assert.ok((await expectFilter({ area: 'authentication' }, (r) => r.area === 'authentication')).length > 0);
  await expectFilter({ priority: 'must', category: 'functional' }, (r) => r.priority === 'must' && r.category === 'functional');
  await expectFilter({ minConfidence: 0.88 }, (r) => r.confidence >= 0.88);
  await expectFilter({ validation: 'validated' }, () => false);
});

test('requirements.export renders a project as JSON, Markdown and CSV', async () => {
  const requirements = await nexusAPI.requirements.list(PROJECT);
  const document = JSON.parse(await nexusAPI.requirements.export(PROJECT, 'json'));
  assert.deepEqual(Object.keys(document).sort(),
    ['conflicts', 'findings', 'format', 'generatedAt', 'projectId', 'readiness', 'requirements', 'schemaVersion']);
  assert.equal(document.format, 'nexus-requirements');
  assert.equal(document.schemaVersion, 1);
  assert.equal(document.projectId, PROJECT);
  check.isoDate(document.generatedAt, 'generatedAt');
  shapes.analysis({ conflicts: document.conflicts, findings: document.findings, readiness: document.readiness }, 'export');
  assert.deepEqual(document.requirements.map((r) => r.id).sort(), requirements.map((r) => r.id).sort());
  for (const requirement of document.requirements) shapes.requirement(requirement, 'exported requirement');

  const markdown = await nexusAPI.requirements.export(PROJECT); // markdown unless told
  const undated = (text) => text.replace(/\d{4}-\d{2}-\d{2}[T ][\d:.]+Z?/g, 'DATE');
  assert.equal(undated(markdown), undated(await nexusAPI.requirements.export(PROJECT, 'markdown')));
  assert.match(markdown, /^#/m);
  for (const requirement of requirements) assert.ok(markdown.includes(requirement.id), `the document lists ${requirement.id}`);

  const csv = (await nexusAPI.requirements.export(PROJECT, 'csv')).trimEnd().split(/\r?\n/);
  assert.match(csv[0], /\bid\b/i, 'a header row');
  assert.equal(csv.length, 1 + requirements.length);
});

// The EARS wording is the renderer's (its own tests); here: the option reaches the server in
// both forms of params, every format takes it, and JSON keeps the texts as stated.
const undated = (text) => text.replace(/\d{4}-\d{2}-\d{2}[T ][\d:.]+Z?/g, 'DATE');

test('requirements.export takes {style} for each format, of a project and of a session', async () => {
  const requirements = await nexusAPI.requirements.list(PROJECT);
  const sources = [PROJECT, { sessionId: session.id }];
  for (const source of sources) {
    for (const format of ['markdown', 'json', 'csv', 'reqif']) {
      const what = `${JSON.stringify(source)} ${format}`;
      const ears = await nexusAPI.requirements.export(source, format, { style: 'ears' });
      const asStated = await nexusAPI.requirements.export(source, format, { style: 'as-stated' });
      assert.equal(typeof ears, 'string', what);
      assert.ok(ears.length > 0, what);
      assert.equal(undated(asStated), undated(await nexusAPI.requirements.export(source, format)),
        `${what}: as-stated is the default`);
      const byName = typeof source === 'string' ? { projectId: source } : source;
      assert.equal(undated(await nexusAPI.call('requirements:export', { ...byName, format, options: { style: 'ears' } })),
        undated(ears), `${what}: by name as by position`);
      if (format === 'json') {
        const undatedJson = (text) => ({ ...JSON.parse(text), generatedAt: 'DATE' });
        check.isoDate(JSON.parse(ears).generatedAt, what);
        assert.deepEqual(undatedJson(ears), undatedJson(asStated), `${what}: JSON keeps the texts as stated`);
      } else if (format === 'markdown') {
        assert.match(ears, /^#/m, what);
      } else if (format === 'csv') {
        assert.match(ears.split(/\r?\n/)[0], /\bid\b/i, `${what}: a header row`);
      } else {
        assert.match(ears, /^<\?xml[^>]*\?>\s*<REQ-IF\b/, what);
      }
    }
  }
  const csv = await nexusAPI.requirements.export(PROJECT, 'csv', { style: 'ears' });
  for (const requirement of requirements) assert.ok(csv.includes(requirement.id), `the EARS CSV lists ${requirement.id}`);
});

test('requirements.export refuses a style it does not know, naming it', async () => {
  for (const source of [PROJECT, { sessionId: session.id }]) {
    await assert.rejects(nexusAPI.requirements.export(source, 'markdown', { style: 'shouting' }), (error) => {
      assert.equal(error.code, ErrorCode.INVALID_PARAMS);
      assert.equal(error.kind, ErrorKind.INVALID_ARGUMENT);
      assert.match(error.message, /"shouting"/);
      assert.match(error.message, /as-stated/);
      assert.doesNotMatch(error.message, /\n/, 'one line');
      return true;
    });
  }
  await assert.rejects(nexusAPI.requirements.export(PROJECT, 'csv', { style: 'ears', tone: 'warm' }),
    (error) => error.code === ErrorCode.INVALID_PARAMS && /tone/.test(error.message));
  await assert.rejects(nexusAPI.call('requirements:export', [PROJECT, 'csv', 'ears']),
    (error) => error.code === ErrorCode.INVALID_PARAMS && /options/.test(error.message));
});

test('requirements.import reads an export back into another project, and a second time adds nothing', async () => {
  const requirements = await nexusAPI.requirements.list(PROJECT);
  const copy = `${PROJECT}-copy`;
  for (const format of ['json', 'reqif']) {
    const target = `${copy}-${format}`;
    const document = await nexusAPI.requirements.export(PROJECT, format);
    const first = await nexusAPI.requirements.import(target, format, document);
    assert.equal(first.added, requirements.length, format);
    assert.equal(first.merged + first.alreadyThere, 0, format);
    const again = await nexusAPI.requirements.import(target, format, document);
    assert.deepEqual({ ...again, skipped: 0 }, { added: 0, merged: 0, alreadyThere: requirements.length, skipped: 0 }, format);
    const imported = await nexusAPI.requirements.list(target);
    const fields = (r) => JSON.stringify([r.text, r.category, r.priority, r.area ?? null, r.sources.map((s) => s.source)]);
    assert.deepEqual(imported.map(fields).sort(), requirements.map(fields).sort(), format);
  }
  await assert.rejects(nexusAPI.requirements.import(copy, 'reqif', '<REQ-IF><THE-HEADER>'),
    (error) => error.code === -32602 && /not well-formed XML/.test(error.message));
  assert.deepEqual(await nexusAPI.requirements.list(copy), []);
});

test('requirements.export renders one session given as {sessionId}', async () => {
  const document = JSON.parse(await nexusAPI.requirements.export({ sessionId: session.id }, 'json'));
  assert.deepEqual(Object.keys(document).sort(),
    ['conflicts', 'findings', 'generatedAt', 'projectId', 'readiness', 'requirementEdits', 'requirements', 'sessionId']);
  assert.equal(document.sessionId, session.id);
  shapes.analysis({ conflicts: document.conflicts, findings: document.findings, readiness: document.readiness }, 'export');
  check.arrayOf(shapes.requirementEdit)(document.requirementEdits, 'export.requirementEdits');
  assert.equal(document.projectId, PROJECT);
  assert.deepEqual(document.requirements, captured);

  const markdown = await nexusAPI.requirements.export({ sessionId: session.id }, 'md');
  for (const requirement of captured) assert.ok(markdown.includes(requirement.id), `the document lists ${requirement.id}`);
});
