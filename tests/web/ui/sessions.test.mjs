// Interviews beyond one sitting: the list of stored interviews and resuming one, a second
// window on the same interview kept in step by events, the evolution form, and the errors a
// person can run into before anything is sent.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startNexusServer } from '../support/nexus-server.mjs';
import { launchBrowser, watchPage } from './support/browser.mjs';
import { InterviewPage } from './support/interview-page.mjs';

let server;
let browser;
let first; // the window the person works in
let second; // another window on the same interview
const problemsOfWindows = []; // one live list per window

async function openWindow(page) {
  problemsOfWindows.push(await watchPage(page));
  return new InterviewPage(page);
}

before(async () => {
  server = await startNexusServer();
  browser = await launchBrowser();
  first = await openWindow(browser.page);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a paused interview is listed with its counts and can be resumed after a reload', async () => {
  await first.open(server.url);
  await first.startInterview('shop');
  await first.say('I want to build an online shop for handmade furniture.');
  await first.say('Customers must be able to pay by credit card.');
  await first.clickSessionButton('Pause');
  await first.status.filter({ hasText: 'Paused' }).waitFor();

  await first.page.getByRole('button', { name: 'Interviews' }).click();
  const listed = first.sessions.filter({ hasText: 'shop' });
  await listed.waitFor();
  const summary = await listed.textContent();
  assert.match(summary, /Paused/);
  assert.match(summary, /5 messages/);
  assert.match(summary, /2 requirements/);

  await first.page.reload();
  await first.sessions.filter({ hasText: 'shop' }).getByRole('button', { name: /^Resume/ }).click();
  await first.status.filter({ hasText: 'Active' }).waitFor();
  assert.equal(await first.messages('user').count(), 2);
  assert.equal(await first.requirements.count(), 2);
  assert.equal(await first.priorityOf('pay by credit card'), 'Must');
  assert.equal(await first.messageBox.isEditable(), true);
});

test('a second window on the same interview follows what the first one does', async () => {
  second = await openWindow(await browser.context.newPage());
  await second.open(`${server.httpOrigin}/${new URL(first.page.url()).hash}`);
  await second.page.getByRole('heading', { level: 1, name: 'shop' }).waitFor();
  assert.equal(await second.messages('user').count(), 2);

  await second.clickSessionButton('Pause');
  await first.status.filter({ hasText: 'Paused' }).waitFor();
  assert.equal(await first.messageBox.isDisabled(), true);
  await second.clickSessionButton('Resume');
  await first.status.filter({ hasText: 'Active' }).waitFor();

  await second.say('The shop must send an email when an order ships.');
  await first.messages('user').filter({ hasText: 'send an email when an order ships' }).waitFor();
  await first.requirement('send an email when an order ships').waitFor();
  assert.equal(await first.messages('assistant').count(), await second.messages('assistant').count());
  await second.page.close();
});

test('an evolution interview asks for the existing project first', async () => {
  await first.page.getByRole('button', { name: 'Interviews' }).click();
  await first.projectId.fill('legacy-crm');
  await first.page.getByLabel(/A change to existing software/).check();
  await first.page.getByRole('button', { name: 'Start interview' }).click();
  await first.page.locator('#start-error', { hasText: 'path' }).waitFor();
  assert.equal(await first.page.getByLabel('Project path').getAttribute('aria-invalid'), 'true');

  await first.startInterview('legacy-crm', {
    evolution: { projectPath: '/srv/crm', repoMapContext: 'src/contacts: contact records\nsrc/mail: newsletters' },
  });
  assert.match(await first.page.locator('#session-meta').textContent(), /Change to existing software/);
  assert.match(await first.messages('assistant').first().textContent(), /\S/);
});

test('a project id that is not valid is explained before anything is sent', async () => {
  await first.page.getByRole('button', { name: 'Interviews' }).click();
  await first.page.getByLabel(/Something new/).check();
  await first.projectId.fill('my shop!');
  await first.page.getByRole('button', { name: 'Start interview' }).click();
  await first.page.locator('#start-error', { hasText: 'letters, digits' }).waitFor();
  assert.equal(await first.projectId.getAttribute('aria-invalid'), 'true');
});

test('a message over the size limit is refused with a clear message and kept in the box', async () => {
  await first.sessions.filter({ hasText: 'legacy-crm' }).getByRole('button', { name: /^Resume/ }).click();
  await first.status.filter({ hasText: 'Active' }).waitFor();
  const before = await first.messages('user').count();
  const tooLong = 'We need a very long specification. '.repeat(3000);
  await first.messageBox.fill(tooLong);
  await first.messageBox.press('Enter');
  await first.turnError.filter({ hasText: 'too long' }).waitFor();
  assert.equal(await first.page.getByRole('button', { name: 'Try again' }).isVisible(), false);
  assert.equal(await first.messageBox.inputValue(), tooLong);
  assert.equal(await first.messages('user').count(), before);

  await first.say('Sales staff must see every contact of their region.');
  assert.equal(await first.turnError.isVisible(), false, 'a turn that works clears the error');
});

test('nothing went wrong in any window', () => {
  assert.deepEqual(problemsOfWindows.flat(), []);
});
