// A whole interview in the browser, as a person has it: start it, answer in real sentences,
// watch the reply stream in and the requirements arrive in the side panel, pause and resume,
// export, end. Nothing may go wrong in the page meanwhile: no console error, no CSP violation.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startNexusServer } from '../support/nexus-server.mjs';
import { launchBrowser, watchPage } from './support/browser.mjs';
import { InterviewPage } from './support/interview-page.mjs';

const HOSTILE_REQUIREMENT = 'Users must be able to paste <img src=x onerror=alert(1)> into comments.';

let server;
let browser;
let problems;
let ui;

before(async () => {
  server = await startNexusServer();
  browser = await launchBrowser();
  problems = await watchPage(browser.page);
  ui = new InterviewPage(browser.page);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the interview starts with the interviewer\'s greeting and an empty side panel', async () => {
  await ui.open(server.url);
  await ui.startInterview('todo-app');

  assert.match(new URL(ui.page.url()).hash, /^#\/interview\/[A-Za-z0-9_-]{21}$/);
  assert.equal(await ui.status.textContent(), 'Active');
  assert.equal(await ui.messages('assistant').count(), 1);
  assert.match(await ui.messages('assistant').first().textContent(), /\S/);
  assert.equal(await ui.requirementCount.textContent(), '0');
  assert.equal(await ui.page.evaluate(() => document.activeElement?.id), 'message-input');
});

test('Shift+Enter starts a new line and sends nothing', async () => {
  await ui.messageBox.fill('');
  await ui.messageBox.pressSequentially('First line');
  await ui.messageBox.press('Shift+Enter');
  await ui.messageBox.pressSequentially('second line');
  assert.equal(await ui.messageBox.inputValue(), 'First line\nsecond line');
  assert.equal(await ui.messages('user').count(), 0);
  await ui.messageBox.fill('');
});

test('the reply streams in after a thinking indicator, then the stored reply replaces it', async () => {
  await ui.recordStreaming();
  await ui.say('I want to build a todo app for small teams.');

  const snapshots = await ui.streamedSnapshots();
  assert.ok(snapshots.length > 0, 'the reply was seen while it streamed');
  assert.equal(snapshots[0].typing, true, 'a thinking indicator comes first');
  assert.equal(snapshots[0].busy, 'true', 'the reply is aria-busy while it streams');
  const partial = snapshots.filter((s) => !s.typing && s.text.length > 0);
  assert.ok(partial.length > 0, 'pieces of the reply appeared before it was complete');

  const reply = await ui.messages('assistant').last().textContent();
  assert.ok(reply.length > 0);
  assert.ok(reply.startsWith(partial[0].text.trim().slice(0, 10)), 'the stored reply continues the streamed text');
  assert.equal(await ui.messages('user').last().textContent(), 'I want to build a todo app for small teams.');
  await ui.requirement('I want to build a todo app for small teams').waitFor();
  assert.equal(await ui.priorityOf('todo app for small teams'), 'Should');
});

test('requirements appear in the side panel with their priority, category and area', async () => {
  await ui.say('Users must sign in with Google.');
  await ui.say('Pages should load in under 2 seconds.');

  const signIn = ui.requirement('Users must sign in with Google.');
  await signIn.waitFor();
  assert.equal(await ui.priorityOf('Users must sign in with Google.'), 'Must');
  assert.match(await signIn.textContent(), /Functional.*Authentication.*90%/);
  assert.equal(await ui.priorityOf('Pages should load in under 2 seconds.'), 'Should');
  assert.equal(await ui.requirementCount.textContent(), '3');
  // Must comes before should, whatever the order they were said in.
  assert.match(await ui.requirements.first().textContent(), /sign in with Google/);

  assert.equal(await ui.area('Authentication').getAttribute('data-state'), 'explored');
  assert.equal(await ui.area('Performance').getAttribute('data-state'), 'explored');
  await ui.gaps.waitFor();
  assert.match(await ui.gaps.textContent(), /Worth covering next: .+/);
  assert.match(await ui.messages('user').nth(1).locator('..').textContent(), /1 requirement captured/);

  if (process.env.NEXUS_UI_SCREENSHOT) {
    await ui.page.screenshot({ path: process.env.NEXUS_UI_SCREENSHOT });
  }
});

test('pause stops the conversation until resume', async () => {
  await ui.clickSessionButton('Pause');
  await ui.status.filter({ hasText: 'Paused' }).waitFor();
  assert.equal(await ui.messageBox.isDisabled(), true);
  assert.equal(await ui.sendButton.isDisabled(), true);
  assert.match(await ui.notice.textContent(), /paused/i);

  await ui.clickSessionButton('Resume');
  await ui.status.filter({ hasText: 'Active' }).waitFor();
  assert.equal(await ui.messageBox.isEditable(), true);
  assert.equal(await ui.notice.isVisible(), false);
  await ui.say('We must use PostgreSQL.');
  assert.equal(await ui.priorityOf('We must use PostgreSQL.'), 'Must');
});

test('a requirement with HTML in it is shown as text', async () => {
  await ui.say(HOSTILE_REQUIREMENT);

  const text = ui.requirement('onerror=alert(1)').locator('.requirement-text');
  await text.waitFor();
  assert.equal(await text.textContent(), HOSTILE_REQUIREMENT);
  assert.equal(await ui.messages('user').last().textContent(), HOSTILE_REQUIREMENT);
  assert.equal(await ui.page.locator('main img').count(), 0, 'no element was made from the text');
  assert.equal(await ui.requirementCount.textContent(), '5');
});

test('export downloads a file with the requirements', async () => {
  const markdown = await ui.exportAs('markdown');
  assert.match(markdown.filename, /^todo-app-requirements-[A-Za-z0-9_-]{21}\.md$/);
  for (const text of ['Users must sign in with Google', 'Pages should load in under 2 seconds', 'PostgreSQL']) {
    assert.ok(markdown.text.includes(text), `the Markdown names "${text}"`);
  }

  const json = await ui.exportAs('json');
  assert.match(json.filename, /\.json$/);
  const document = JSON.parse(json.text);
  assert.equal(document.projectId, 'todo-app');
  assert.equal(document.requirements.length, 5);
  assert.ok(document.requirements.some((r) => r.text === HOSTILE_REQUIREMENT));

  const csv = await ui.exportAs('csv');
  assert.match(csv.filename, /\.csv$/);
  assert.ok(csv.text.includes('Users must sign in with Google.'));
  assert.match(await ui.notice.textContent(), /Exported 5 requirements/);
});

test('ending the interview leaves it completed, readable and exportable', async () => {
  await ui.endInterview();

  assert.match(await ui.notice.textContent(), /Interview completed: 5 requirements/);
  assert.equal(await ui.messageBox.isVisible(), false, 'nothing more can be said');
  assert.equal(await ui.page.getByRole('button', { name: 'Pause' }).isVisible(), false);
  assert.equal(await ui.page.getByRole('button', { name: 'End interview' }).isVisible(), false);
  const afterEnd = await ui.exportAs('markdown');
  assert.ok(afterEnd.text.includes('Users must sign in with Google'));

  await ui.page.getByRole('button', { name: 'Interviews' }).click();
  const listed = ui.sessions.filter({ hasText: 'todo-app' });
  await listed.waitFor();
  assert.match(await listed.textContent(), /Completed/);
  assert.match(await listed.textContent(), /5 requirements/);
  assert.match(await listed.textContent(), /11 messages/);
});

test('nothing went wrong in the page: no console error, no CSP violation, no dialog', () => {
  assert.deepEqual(problems, []);
});
