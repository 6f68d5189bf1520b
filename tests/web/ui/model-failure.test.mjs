// When the model fails: the page says so in plain words, keeps the person's message (the
// server stored it), and offers "Try again" when that may work. Against a scripted
// OpenAI-compatible server, so that failures and recovery are certain.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, watchPage } from './support/browser.mjs';
import { InterviewPage } from './support/interview-page.mjs';
import { MODEL_REPLY_TEXT, MODEL_REQUIREMENT, startModelServer, startNexusWithModel } from './support/model-server.mjs';

const RETRIES = 4; // the backend's attempts at one reply before it gives up

let model;
let server;
let browser;
let problems;
let ui;

before(async () => {
  model = await startModelServer();
  server = await startNexusWithModel(model.baseUrl);
  browser = await launchBrowser();
  problems = await watchPage(browser.page);
  ui = new InterviewPage(browser.page);
  await ui.open(server.url);
  await ui.startInterview('team-chat');
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await model?.close();
});

// The server's system:error of the failed turn (code "model-failed") came before the turn's
// answer: the page knows it for this page's own turn and leaves it to the turn's error.
async function assertToldOnce() {
  assert.equal(await ui.notice.isVisible(), false,
    `the failure is told once, beside the message, not again above the conversation: "${await ui.notice.textContent()}"`);
}

test('a model that keeps failing: the message stays, the error says so, and Try again works', async () => {
  model.failNext(RETRIES, 503);
  await ui.say('Users must sign in with Google.');

  await ui.turnError.waitFor();
  assert.match(await ui.turnError.textContent(), /The interviewer could not answer: .+Your message is saved\./);
  const tryAgain = ui.page.getByRole('button', { name: 'Try again' });
  assert.equal(await tryAgain.isVisible(), true);
  assert.match(await ui.page.locator('#message-log > li[data-state="failed"]').textContent(), /Not answered/);
  assert.equal(await ui.messageBox.inputValue(), '', 'the message was stored, so it is not put back');
  await assertToldOnce();

  await ui.recordStreaming();
  await tryAgain.click();
  await ui.turnOver();
  assert.equal(await ui.turnError.isVisible(), false);
  assert.equal(await ui.messages('assistant').last().textContent(), MODEL_REPLY_TEXT);
  const snapshots = await ui.streamedSnapshots();
  assert.ok(snapshots.some((s) => s.text.length > 0), 'the reply streamed in');
  const shown = snapshots.map((s) => s.text).join('\n');
  assert.ok(!shown.includes('<requirement') && !shown.includes('<text>'), 'tags never show while streaming');
  await ui.requirement(MODEL_REQUIREMENT).waitFor();
  assert.equal(await ui.priorityOf(MODEL_REQUIREMENT), 'Must');
  assert.equal(await ui.page.locator('#connection-backend').textContent(), 'openai · server default');
});

test('a refused request is not worth repeating: no Try again', async () => {
  model.failNext(1, 401, 'Incorrect API key provided', 'invalid_request_error');
  await ui.say('Team owners should be able to export the chat history.');

  await ui.turnError.waitFor();
  assert.match(await ui.turnError.textContent(), /could not answer/);
  assert.equal(await ui.page.getByRole('button', { name: 'Try again' }).isVisible(), false);
  assert.equal(await ui.sendButton.isDisabled(), false, 'the person can write again');
  await assertToldOnce();
});

test('nothing went wrong in the page meanwhile', () => {
  assert.deepEqual(problems, []);
});
