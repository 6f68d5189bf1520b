// Every door in and out of the requirements database, as a person uses it in the browser: the
// open interview and a whole project exported in each format (Markdown, JSON, CSV, ReqIF), as
// stated and in EARS, and files imported into a project: a JSON export of Nexus and ReqIF files
// (another tool's among them), a file that is not one, and one too large to send.
//
// What the EARS wording is, is the renderer's tests' concern: here the downloaded file must be
// what requirements:export answers for the same choice (apart from the time it was made), with
// the file name and type of its format.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';

import { connectTo } from '../support/client.mjs';
import { startNexusServer } from '../support/nexus-server.mjs';
import { launchBrowser, watchPage } from './support/browser.mjs';
import { InterviewPage } from './support/interview-page.mjs';

const PROJECT = 'shop';
const STATEMENTS = [
  'I want to build an online shop for handmade furniture.',
  'Customers must be able to pay by credit card.',
  'Search results should appear in under 1 second.',
  'We must use PostgreSQL.',
];
const FORMATS = {
  markdown: { extension: 'md', type: 'text/markdown;charset=utf-8', styled: true },
  json: { extension: 'json', type: 'application/json', styled: false },
  csv: { extension: 'csv', type: 'text/csv;charset=utf-8', styled: true },
  reqif: { extension: 'reqif', type: 'application/xml', styled: true },
};
const STYLES = ['as-stated', 'ears'];
const REQIF_SAMPLES = new URL('../../data/reqif/', import.meta.url);

let server;
let nexusAPI; // the same server, directly: what the page should have got
let browser;
let problems;
let ui;
let sessionId;

before(async () => {
  server = await startNexusServer();
  nexusAPI = connectTo(server);
  browser = await launchBrowser();
  problems = await watchPage(browser.page);
  // The type of each Blob the page downloads, which the download event does not tell.
  await browser.page.addInitScript(() => {
    const createObjectURL = URL.createObjectURL.bind(URL);
    window.__downloadTypes = [];
    URL.createObjectURL = (blob) => {
      window.__downloadTypes.push(blob.type);
      return createObjectURL(blob);
    };
  });
  ui = new InterviewPage(browser.page);
});

after(async () => {
  await browser?.close();
  await nexusAPI?.close();
  await server?.stop();
});

// A document without the time it was made: JSON without generatedAt, text without timestamps
// (Markdown's "generated", ReqIF's CREATION-TIME).
function comparable(format, text) {
  if (format === 'json') return { ...JSON.parse(text), generatedAt: 'TIME' };
  return text.replace(/\d{4}-\d{2}-\d{2}[T ][\d:.]+Z?/g, 'TIME');
}

async function downloaded(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const text = await readFile(await download.path(), 'utf8');
  const type = await page.evaluate(() => window.__downloadTypes.at(-1));
  return { filename: download.suggestedFilename(), text, type };
}

function fileName(base, format, style) {
  const ears = FORMATS[format].styled && style === 'ears' ? '-ears' : '';
  return `${base}${ears}.${FORMATS[format].extension}`;
}

function projectRow(projectId) {
  return ui.page.locator('#project-list > li').filter({
    has: ui.page.locator('.project-item-name', { hasText: new RegExp(`^${projectId}$`) }),
  });
}

const projectStatus = () => ui.page.locator('#projects-status');
const importDialog = () => ui.page.getByRole('dialog', { name: 'Import requirements' });

async function backToList() {
  await ui.page.getByRole('button', { name: 'Interviews' }).click();
  await projectRow(PROJECT).waitFor();
}

/** Opens the import dialog (of a project's row, or for a new project), chooses the file, imports. */
async function importFile({ into, newProject, file }) {
  if (newProject) {
    await ui.page.getByRole('button', { name: 'Import into a new project…' }).click();
    await importDialog().getByLabel('Into project').fill(into);
  } else {
    await projectRow(into).getByRole('button', { name: 'Import into project…' }).click();
    assert.equal(await importDialog().getByLabel('Into project').inputValue(), into);
  }
  await importDialog().getByLabel('File').setInputFiles(file);
  await importDialog().getByRole('button', { name: 'Import', exact: true }).click();
}

const fields = (r) => JSON.stringify([r.text, r.category, r.priority, r.area ?? null]);

test('an interview captures requirements to export', async () => {
  await ui.open(server.url);
  await ui.startInterview(PROJECT);
  for (const statement of STATEMENTS) await ui.say(statement);
  assert.ok(await ui.requirements.count() >= 3, 'the interview captured requirements');
  sessionId = /^#\/interview\/([A-Za-z0-9_-]+)$/.exec(new URL(ui.page.url()).hash)[1];
});

test('the open interview exports in every format, as stated and in EARS', async () => {
  const format = ui.page.getByLabel('Export format');
  const style = ui.page.getByLabel('Export style');
  assert.deepEqual(await format.locator('option').allTextContents(), ['Markdown', 'JSON', 'CSV', 'ReqIF']);
  assert.deepEqual(await style.locator('option').allTextContents(), ['As stated', 'EARS']);
  const count = await ui.requirements.count();
  for (const [name, { styled, type }] of Object.entries(FORMATS)) {
    await format.selectOption(name);
    assert.equal(await style.isDisabled(), !styled, `the style is ${styled ? 'on' : 'off'} for ${name}`);
    for (const chosen of styled ? STYLES : ['as-stated']) {
      if (styled) await style.selectOption(chosen);
      const what = `${name}, ${chosen}`;
      const file = await downloaded(ui.page, () => ui.page.getByRole('button', { name: 'Export', exact: true }).click());
      assert.equal(file.filename, fileName(`${PROJECT}-requirements-${sessionId}`, name, chosen), what);
      assert.equal(file.type, type, what);
      const direct = await nexusAPI.requirements.export({ sessionId }, name, { style: chosen });
      assert.deepEqual(comparable(name, file.text), comparable(name, direct), `${what}: the file is the server's document`);
      await ui.notice.filter({ hasText: `Exported ${count} requirements${chosen === 'ears' ? ' in EARS' : ''} as ${file.filename}.` })
        .waitFor();
    }
  }
  // JSON after EARS is as stated whatever the style select still shows.
  await style.selectOption('ears');
  await format.selectOption('json');
  const json = await downloaded(ui.page, () => ui.page.getByRole('button', { name: 'Export', exact: true }).click());
  assert.equal(json.filename, `${PROJECT}-requirements-${sessionId}.json`);
  assert.deepEqual(JSON.parse(json.text).requirements, (await nexusAPI.interview.getSession(sessionId)).extractedRequirements);
});

test('a project exports its whole requirements database, in every format and style', async () => {
  await backToList();
  const row = projectRow(PROJECT);
  assert.equal(await row.locator('.project-item-facts').textContent(), '1 interview');
  const dialog = ui.page.getByRole('dialog', { name: `Export project ${PROJECT}` });
  for (const [name, { styled, type }] of Object.entries(FORMATS)) {
    for (const chosen of styled ? STYLES : ['as-stated']) {
      const what = `${name}, ${chosen}`;
      await row.getByRole('button', { name: 'Export project…' }).click();
      await dialog.waitFor();
      await dialog.getByLabel('Format').selectOption(name);
      assert.equal(await dialog.getByLabel('Style').isDisabled(), !styled, what);
      if (styled) await dialog.getByLabel('Style').selectOption(chosen);
      const file = await downloaded(ui.page, () => dialog.getByRole('button', { name: 'Export', exact: true }).click());
      await dialog.waitFor({ state: 'hidden' });
      assert.equal(file.filename, fileName(`${PROJECT}-requirements`, name, chosen), what);
      assert.equal(file.type, type, what);
      const direct = await nexusAPI.requirements.export(PROJECT, name, { style: chosen });
      assert.deepEqual(comparable(name, file.text), comparable(name, direct), `${what}: the file is the server's document`);
      await projectStatus().filter({
        hasText: `Exported the requirements of ${PROJECT}${chosen === 'ears' ? ' in EARS' : ''} as ${file.filename}.`,
      }).waitFor();
    }
  }
  const exported = JSON.parse(await nexusAPI.requirements.export(PROJECT, 'json'));
  assert.equal(exported.format, 'nexus-requirements');
  assert.equal(exported.requirements.length, (await nexusAPI.requirements.list(PROJECT)).length);
});

test('the export dialog is used with the keyboard alone, and Escape leaves it', async () => {
  const button = projectRow(PROJECT).getByRole('button', { name: 'Export project…' });
  await button.focus();
  await ui.page.keyboard.press('Enter');
  const dialog = ui.page.getByRole('dialog', { name: `Export project ${PROJECT}` });
  await dialog.waitFor();
  assert.equal(await ui.page.evaluate(() => document.activeElement?.id), 'project-export-format');
  await ui.page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await button.evaluate((node) => node === document.activeElement), true, 'the focus is back on the button');
});

test('a JSON export of Nexus imports into a new project, and a second time adds nothing', async () => {
  const target = 'shop-copy';
  const document = await nexusAPI.requirements.export(PROJECT, 'json');
  const requirements = await nexusAPI.requirements.list(PROJECT);
  const file = { name: 'shop-requirements.json', mimeType: 'application/json', buffer: Buffer.from(document) };

  await importFile({ into: target, newProject: true, file });
  await importDialog().waitFor({ state: 'hidden' });
  await projectStatus().filter({ hasText: `Imported ${requirements.length} requirements into ${target}.` }).waitFor();
  assert.equal(await projectStatus().getAttribute('aria-live'), 'polite');
  const imported = await nexusAPI.requirements.list(target);
  assert.deepEqual(imported.map(fields).sort(), requirements.map(fields).sort());
  assert.match(await projectRow(target).textContent(), /Imported, no interviews yet/);

  await importFile({ into: target, file });
  await projectStatus().filter({
    hasText: `Imported ${requirements.length} requirements into ${target} (${requirements.length} already there).`,
  }).waitFor();
  assert.equal((await nexusAPI.requirements.list(target)).length, requirements.length);
});

test('ReqIF files import: another tool\'s, and one told apart by its content alone', async () => {
  const strictdoc = await readFile(new URL('samples/strictdoc-default-import.reqif', REQIF_SAMPLES));
  await importFile({
    into: 'from-strictdoc', newProject: true,
    file: { name: 'sample.reqif', mimeType: 'application/xml', buffer: strictdoc },
  });
  await importDialog().waitFor({ state: 'hidden' });
  await projectStatus().filter({ hasText: /^Imported 1 requirement into from-strictdoc\b/ }).waitFor();
  const fromStrictdoc = await nexusAPI.requirements.list('from-strictdoc');
  assert.equal(fromStrictdoc.length, 1);
  assert.ok(fromStrictdoc[0].sources.length > 0, 'where it came from is recorded');

  // No extension: '<' at the start says XML.
  const example = await readFile(new URL('example.reqif', REQIF_SAMPLES));
  await importFile({
    into: 'from-example', newProject: true,
    file: { name: 'requirements', mimeType: 'application/octet-stream', buffer: example },
  });
  await importDialog().waitFor({ state: 'hidden' });
  await projectStatus().filter({ hasText: 'Imported 1 requirement into from-example.' }).waitFor();
  assert.deepEqual((await nexusAPI.requirements.list('from-example')).map((r) => r.text), ['Users can sign in with Google']);

  // A ReqIF export of Nexus reads back into the project it came from: nothing new.
  const reqif = await nexusAPI.requirements.export(PROJECT, 'reqif');
  const before = await nexusAPI.requirements.list(PROJECT);
  await importFile({ into: PROJECT, file: { name: 'shop.xml', mimeType: 'application/xml', buffer: Buffer.from(reqif) } });
  // Its category headings are objects without a requirement: skipped.
  await projectStatus().filter({
    hasText: new RegExp(`^Imported ${before.length} requirements into ${PROJECT} \\(${before.length} already there, \\d+ skipped\\)\\.$`),
  }).waitFor();
  assert.equal((await nexusAPI.requirements.list(PROJECT)).length, before.length);
});

test('a file that is not one is refused in one line, and nothing is added', async () => {
  const status = await projectStatus().textContent();
  const error = importDialog().locator('#import-error');
  const cases = [
    [{ name: 'broken.reqif', mimeType: 'application/xml', buffer: Buffer.from('<not-reqif>') }, /^broken\.reqif could not be imported: .*XML.*\. Nothing was added\.$/],
    [{ name: 'other.xml', mimeType: 'application/xml', buffer: Buffer.from('<html><body>hello</body></html>') }, /^other\.xml could not be imported: XML but not ReqIF\b.*Nothing was added\.$/],
    [{ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"requirements": 5}') }, /^notes\.json could not be imported: JSON but not a Nexus requirements document\b/],
    [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Users must sign in.') }, /^notes\.txt is neither a JSON export of Nexus nor a ReqIF file\b/],
  ];
  for (const [file, expected] of cases) {
    await importFile({ into: 'broken-project', newProject: true, file });
    await error.waitFor();
    const text = await error.textContent();
    assert.match(text, expected, file.name);
    assert.doesNotMatch(text, /\n/, `${file.name}: one line`);
    assert.equal(await error.getAttribute('role'), 'alert');
    assert.equal(await importDialog().isVisible(), true, 'the dialog stays, to choose another file');
    await importDialog().getByRole('button', { name: 'Cancel' }).click();
    await importDialog().waitFor({ state: 'hidden' });
  }
  assert.deepEqual(await nexusAPI.requirements.list('broken-project'), []);
  assert.equal(await projectStatus().textContent(), status, 'no import is reported');
  assert.equal(await projectRow('broken-project').count(), 0, 'no project was made');
});

test('a file too large to send is refused before it is read', async () => {
  const tooLarge = Buffer.alloc(1.2 * 1024 * 1024, ' ');
  tooLarge.write('{"format": "nexus-requirements", "requirements": []}');
  await importFile({ into: 'big', newProject: true, file: { name: 'big.json', mimeType: 'application/json', buffer: tooLarge } });
  const error = importDialog().locator('#import-error');
  await error.filter({ hasText: /^big\.json is 1\.2 MB; at most 1 MB can be imported here\. Import it with `nexus import`/ }).waitFor();
  assert.equal(await importDialog().getByLabel('File').getAttribute('aria-invalid'), 'true');
  await importDialog().getByRole('button', { name: 'Cancel' }).click();
  assert.deepEqual(await nexusAPI.requirements.list('big'), []);
});

test('the import dialog asks for a project id and a file before anything is sent', async () => {
  await ui.page.getByRole('button', { name: 'Import into a new project…' }).click();
  const dialog = importDialog();
  assert.equal(await ui.page.evaluate(() => document.activeElement?.id), 'import-project');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.locator('#import-error', { hasText: 'Name the project' }).waitFor();
  await dialog.getByLabel('Into project').fill('my project!');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.locator('#import-error', { hasText: 'letters, digits' }).waitFor();
  assert.equal(await dialog.getByLabel('Into project').getAttribute('aria-invalid'), 'true');
  await dialog.getByLabel('Into project').fill('fine');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.locator('#import-error', { hasText: 'Choose the file' }).waitFor();
  assert.equal(await dialog.getByLabel('File').getAttribute('accept'), '.json,.reqif,.xml');
  await ui.page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
});

test('nothing went wrong in the page: no console error, no CSP violation, no dialog', () => {
  assert.deepEqual(problems, []);
});
