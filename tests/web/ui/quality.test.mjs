// The quality analysis in the browser, against the offline analyst: conflicts and unclear
// requirements shown on the requirement cards and settled from them, a second window kept in
// step by the events, the readiness gauge moving as areas are covered, and the person's own
// edits and removals, which outlive later turns and a reload. All of it by keyboard as well.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startNexusServer } from '../support/nexus-server.mjs';
import { launchBrowser, watchPage } from './support/browser.mjs';
import { InterviewPage } from './support/interview-page.mjs';

const POSTGRES = 'We must use PostgreSQL.';
const MYSQL = 'The database will be MySQL.';
const FAST = 'The app should be fast.';
const SIGN_IN = 'Users must sign in with Google.';

let server;
let browser;
let ui;
let other; // a second window on the same interview
const problemsOfWindows = [];

async function openWindow(page) {
  problemsOfWindows.push(await watchPage(page));
  return new InterviewPage(page);
}

before(async () => {
  server = await startNexusServer();
  browser = await launchBrowser();
  ui = await openWindow(browser.page);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// --- what the page shows ---------------------------------------------------------------------

const gauge = (window = ui) => window.page.getByRole('meter', { name: 'Readiness' });

async function readinessPercent(window = ui) {
  return Number(await gauge(window).getAttribute('aria-valuenow'));
}

/** Waits until the gauge shows more than `percent`, and returns what it shows. */
async function readinessAbove(percent, window = ui) {
  await window.page.waitForFunction(
    (before) => Number(document.getElementById('readiness-gauge').getAttribute('aria-valuenow')) > before, percent);
  return readinessPercent(window);
}

const openIssues = (card, kind) => card.locator(`.issue[data-kind="${kind}"][data-status="open"]`);
const settledIssues = (card, kind) => card.locator(`.issue[data-kind="${kind}"]:not([data-status="open"])`);
const chip = (area, window = ui) => window.area(area);

/** The card of a requirement by its id: while it is edited, its text is in a text box. */
async function cardOf(text) {
  const id = await ui.requirement(text).getAttribute('data-requirement-id');
  return ui.page.locator(`#requirement-list > li[data-requirement-id="${id}"]`);
}

async function openEditor(text) {
  const card = await cardOf(text);
  await card.locator('.requirement-text').click();
  const editor = card.getByRole('form', { name: 'Edit requirement' });
  await editor.waitFor();
  return editor;
}

/** Waits until the requirement count shows `n`; fails by timeout if it never does. */
async function countShows(n) {
  await ui.page.waitForFunction((expected) => Number(document.getElementById('requirements-count')?.textContent) === expected, n);
}

// --- the tests -------------------------------------------------------------------------------

test('before anything is said, the gauge is empty, not ready, and every area is missing', async () => {
  await ui.open(server.url);
  await ui.startInterview('bookshop');
  // The badge says "Not ready yet" before the readiness is known too: wait for the gauge's value.
  await ui.page.locator('#readiness-gauge[aria-valuetext="0%, not ready yet"]').waitFor();
  await ui.page.locator('#readiness-state', { hasText: 'Not ready yet' }).waitFor();
  assert.equal(await readinessPercent(), 0);
  assert.match(await gauge().getAttribute('aria-valuetext'), /^0%, not ready yet$/);
  assert.match(await ui.page.locator('#readiness-facts').textContent(), /Ready at 80% with no open conflict/);
  assert.equal(await ui.page.locator('#area-list > li').count(), 9);
  assert.equal(await ui.page.locator('#area-list > li[data-readiness="missing"]').count(), 9);
});

test('two databases show as a conflict on both cards, naming the other requirement', async () => {
  await ui.say(POSTGRES);
  const afterOne = await readinessAbove(0);
  assert.equal(await chip('Data model').getAttribute('data-readiness'), 'clear');
  await ui.say(MYSQL);

  const postgres = ui.requirement(POSTGRES);
  const mysql = ui.requirement(MYSQL);
  await openIssues(postgres, 'conflict').waitFor();
  const onPostgres = await openIssues(postgres, 'conflict').textContent();
  assert.match(onPostgres, /Conflicts with “The database will be MySQL\.”/);
  assert.match(onPostgres, /PostgreSQL and MySQL/, 'the explanation');
  assert.match(await openIssues(mysql, 'conflict').textContent(), /Conflicts with “We must use PostgreSQL\.”/);
  for (const name of ['Keep this', 'Keep the other', 'Keep both', 'Not a conflict']) {
    assert.equal(await postgres.getByRole('button', { name, exact: true }).count(), 1, name);
  }
  assert.equal(await postgres.getAttribute('data-attention'), 'conflict');
  assert.match(await ui.page.locator('#readiness-facts').textContent(), /1 open conflict/);
  assert.equal(await readinessPercent(), afterOne, 'the same area again, with a conflict, adds nothing');
});

test('a second window on the interview shows the same conflict', async () => {
  other = await openWindow(await browser.context.newPage());
  await other.open(`${server.httpOrigin}/${new URL(ui.page.url()).hash}`);
  await openIssues(other.requirement(POSTGRES), 'conflict').waitFor();
  assert.equal(await readinessPercent(other), await readinessPercent(), 'the gauge is read on opening');
});

test('"Keep this" on the PostgreSQL card settles the conflict: MySQL becomes won\'t, in both windows', async () => {
  await ui.requirement(POSTGRES).getByRole('button', { name: 'Keep this', exact: true }).click();

  const mysql = ui.requirement(MYSQL);
  await settledIssues(mysql, 'conflict').waitFor();
  assert.equal(await openIssues(ui.requirement(POSTGRES), 'conflict').count(), 0);
  assert.equal(await ui.priorityOf(MYSQL), 'Won’t');
  assert.equal(await ui.priorityOf(POSTGRES), 'Must');
  assert.match(await mysql.locator('.priority').textContent(), /edited/, 'settling it changed MySQL\'s priority');
  assert.match(await settledIssues(mysql, 'conflict').textContent(), /“We must use PostgreSQL\.” was kept instead/);
  assert.match(await settledIssues(ui.requirement(POSTGRES), 'conflict').textContent(), /Kept over “The database will be MySQL\.”/);
  assert.doesNotMatch(await ui.page.locator('#readiness-facts').textContent(), /\d open conflict/);
  assert.equal(await ui.page.evaluate(() => document.activeElement?.textContent), 'Edit',
    'the keyboard stays on the card whose button went away');

  // The other window follows from the events alone.
  await settledIssues(other.requirement(MYSQL), 'conflict').waitFor();
  assert.equal(await other.priorityOf(MYSQL), 'Won’t');
});

test('a vague requirement shows the finding quoting the word, and "Fine as it is" dismisses it', async () => {
  const before = await readinessPercent();
  await ui.say(FAST);
  const fast = ui.requirement(FAST);
  const finding = openIssues(fast, 'finding');
  await finding.waitFor();
  const shown = await finding.textContent();
  assert.match(shown, /Vague: “fast”/);
  assert.match(shown, /"fast" cannot be tested/, 'the message');
  assert.match(shown, /Suggestion: How fast\?/, 'the suggestion');
  assert.equal(await fast.getAttribute('data-attention'), 'finding');
  assert.equal(await chip('Performance').getAttribute('data-readiness'), 'partial');
  const partly = await readinessAbove(before);
  await openIssues(other.requirement(FAST), 'finding').waitFor();

  await fast.getByRole('button', { name: 'Fine as it is' }).click();
  await settledIssues(fast, 'finding').filter({ hasText: '“fast”: fine as it is.' }).waitFor();
  assert.equal(await openIssues(fast, 'finding').count(), 0);
  assert.equal(await chip('Performance').getAttribute('data-readiness'), 'clear');
  assert.ok(await readinessAbove(partly) > partly, 'a clear area counts more than a partly covered one');
  await settledIssues(other.requirement(FAST), 'finding').waitFor();
  await other.page.close();
});

test('the gauge moves up as requirements in new areas are captured, and the change is announced', async () => {
  const before = await readinessPercent();
  await ui.say(SIGN_IN);
  const after = await readinessAbove(before);
  assert.equal(await chip('Authentication').getAttribute('data-readiness'), 'clear');
  assert.equal(await ui.page.locator('#readiness-score').textContent(), `${after}%`);
  const announcer = ui.page.locator('#readiness-announcer');
  assert.equal(await announcer.getAttribute('aria-live'), 'polite');
  assert.equal(await announcer.textContent(), `Readiness ${after}%, not ready yet.`);
});

test('a card opens as an editor with labelled fields; Escape and Cancel leave it as it was', async () => {
  const card = await cardOf(SIGN_IN);
  const editor = await openEditor(SIGN_IN);
  assert.equal(await editor.getByLabel('Requirement').inputValue(), SIGN_IN);
  assert.equal(await editor.getByLabel('Priority').inputValue(), 'must');
  assert.equal(await editor.getByLabel('Category').inputValue(), 'functional');
  assert.equal(await editor.getByLabel('Area').inputValue(), 'authentication');
  const areas = await editor.getByLabel('Area').locator('option').allTextContents();
  assert.deepEqual(areas, ['None', 'Authentication', 'Authorization', 'Data model', 'API', 'UI/UX', 'Performance',
    'Security', 'Integrations', 'Deployment']);
  assert.equal(await ui.page.evaluate(() => document.activeElement?.tagName), 'TEXTAREA', 'the text has the keyboard');

  await editor.getByLabel('Priority').selectOption('could');
  await editor.getByLabel('Requirement').press('Escape');
  await editor.waitFor({ state: 'detached' });
  assert.equal(await ui.priorityOf(SIGN_IN), 'Must');
  assert.equal(await ui.page.evaluate(() => document.activeElement?.textContent), 'Edit', 'back on the card');

  // By keyboard: the card's Edit button opens it, Cancel closes it.
  await ui.page.keyboard.press('Enter');
  const again = card.getByRole('form', { name: 'Edit requirement' });
  await again.waitFor();
  await again.getByRole('button', { name: 'Cancel' }).click();
  await again.waitFor({ state: 'detached' });
});

test('the server\'s refusal shows in one line in the editor, and nothing changes', async () => {
  const editor = await openEditor(SIGN_IN);
  await editor.getByLabel('Requirement').fill('   ');
  await editor.getByRole('button', { name: 'Save' }).click();
  const error = editor.getByRole('alert');
  await error.filter({ hasText: 'Text must not be empty.' }).waitFor();
  assert.equal((await error.textContent()).split('\n').length, 1);
  await editor.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await ui.requirement(SIGN_IN).locator('.requirement-text').textContent(), SIGN_IN);
});

test('a priority changed on the card is marked edited, and stays after another turn and a reload', async () => {
  const editor = await openEditor(SIGN_IN);
  await editor.getByLabel('Priority').selectOption('could');
  await editor.getByLabel('Area').selectOption('security');
  await editor.getByRole('button', { name: 'Save' }).click();
  await editor.waitFor({ state: 'detached' });

  const card = ui.requirement(SIGN_IN);
  assert.equal(await ui.priorityOf(SIGN_IN), 'Could');
  assert.equal(await card.locator('.fact[data-edited]').count(), 2);
  assert.match(await card.locator('.priority').textContent(), /edited/);
  assert.match(await card.locator('.requirement-facts').textContent(), /Security\s*edited/);
  assert.equal(await chip('Security').getAttribute('data-readiness'), 'clear', 'the readiness follows the new area');

  await ui.say('Orders should be shipped within two days.');
  assert.equal(await ui.priorityOf(SIGN_IN), 'Could', 'a later turn keeps what the person set');
  const percent = await readinessPercent();

  await ui.page.reload();
  await ui.page.getByRole('heading', { level: 1, name: 'bookshop' }).waitFor();
  await ui.requirement(SIGN_IN).waitFor();
  assert.equal(await ui.priorityOf(SIGN_IN), 'Could');
  assert.match(await ui.requirement(SIGN_IN).locator('.priority').textContent(), /edited/);
  assert.equal(await ui.priorityOf(MYSQL), 'Won’t');
  await settledIssues(ui.requirement(FAST), 'finding').waitFor();
  await ui.page.waitForFunction((value) => document.getElementById('readiness-score').textContent === `${value}%`, percent);
  assert.equal(await readinessPercent(), percent, 'the gauge is read again on opening');
});

test('Remove asks first; a removed requirement is gone, and stays gone after a reload', async () => {
  const before = Number(await ui.requirementCount.textContent());
  const editor = await openEditor(FAST);
  await editor.getByRole('button', { name: /^Remove/ }).click();
  const dialog = ui.page.getByRole('dialog', { name: 'Remove this requirement?' });
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /The app should be fast\./);
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(Number(await ui.requirementCount.textContent()), before);

  await editor.getByRole('button', { name: /^Remove/ }).click();
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await ui.requirement(FAST).waitFor({ state: 'detached' });
  // The card goes first; the count follows in the same update, which may land a frame later.
  await countShows(before - 1);
  assert.equal(await chip('Performance').getAttribute('data-readiness'), 'missing');
  assert.equal(await ui.page.evaluate(() => document.activeElement?.textContent), 'Edit', 'the keyboard moves to the next card');

  await ui.page.reload();
  await ui.requirement(POSTGRES).waitFor();
  assert.equal(await ui.requirement(FAST).count(), 0);
  await countShows(before - 1);
});

test('a second interview of the project that contradicts the first shows it, and "Keep this" settles it', async () => {
  await ui.page.getByRole('button', { name: 'Interviews' }).click();
  await ui.startInterview('bookshop');
  await ui.requirement(POSTGRES).waitFor({ state: 'detached' }); // the new interview has none yet
  const SQLITE = 'The database will be SQLite.';
  await ui.say(SQLITE);
  const sqlite = ui.requirement(SQLITE);
  await openIssues(sqlite, 'conflict').waitFor();
  assert.match(await openIssues(sqlite, 'conflict').textContent(),
    /Conflicts with “We must use PostgreSQL\.” \(from another interview\)/);
  assert.match(await ui.page.locator('#readiness-facts').textContent(), /1 open conflict/);

  await sqlite.getByRole('button', { name: 'Keep this', exact: true }).click();
  await settledIssues(sqlite, 'conflict').waitFor();
  assert.match(await settledIssues(sqlite, 'conflict').textContent(), /Kept over “We must use PostgreSQL\.”/);
  assert.notEqual(await ui.priorityOf(SQLITE), 'Won’t');
  assert.doesNotMatch(await ui.page.locator('#readiness-facts').textContent(), /\d open conflict/);
});

test('one more requirement in an area already clear is counted on its chip, though the readiness did not move', async () => {
  const BOOK_DATA = "The system must store each book's title, author and price.";
  const dataModel = chip('Data model');
  assert.equal(await dataModel.getAttribute('data-readiness'), 'clear');
  const before = Number((await dataModel.getAttribute('title')).match(/\d+/)[0]);
  await ui.say(BOOK_DATA);
  await ui.requirement(BOOK_DATA).waitFor();
  await ui.page.waitForFunction((expected) =>
    document.querySelector('#area-list > li[data-area="data_model"]')?.getAttribute('title') === expected,
  `${before + 1} requirements`);
});

test('nothing went wrong in any window: no console error, no CSP violation, no dialog', () => {
  assert.deepEqual(problemsOfWindows.flat(), []);
});
