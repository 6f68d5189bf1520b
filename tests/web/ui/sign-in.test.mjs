// The way into the page: the address `nexus serve` prints sets the cookie and leaves the token
// out of the address bar; a page opened without it explains what to do and reaches nothing;
// the app bar tells whether the server is there.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startNexusServer } from '../support/nexus-server.mjs';
import { launchBrowser, watchPage } from './support/browser.mjs';

let server;

before(async () => {
  server = await startNexusServer();
});

after(async () => {
  await server?.stop();
});

test('the printed address lands on / with the token gone from the address bar', async () => {
  const browser = await launchBrowser();
  try {
    const { page, context } = browser;
    const problems = await watchPage(page);
    await page.goto(server.url);

    assert.equal(page.url(), `${server.httpOrigin}/`);
    await page.getByRole('heading', { name: 'Start an interview' }).waitFor();
    await page.locator('#connection[data-state="open"]').waitFor();
    assert.equal(await page.locator('#connection-label').textContent(), 'Connected');
    await page.locator('#connection-backend', { hasText: 'offline' }).waitFor();

    const [cookie] = await context.cookies(server.httpOrigin);
    assert.equal(cookie?.value, server.token);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(await page.evaluate(() => document.cookie), '', 'the token is out of reach of scripts');
    assert.ok(!(await page.content()).includes(server.token), 'the token is nowhere in the page');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

test('a page opened without the token says to open the printed address and has no API access', async () => {
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    await page.goto(`${server.httpOrigin}/`);

    const explanation = page.locator('#signed-out');
    await explanation.waitFor();
    assert.match(await explanation.textContent(), /open the address that nexus serve printed/);
    assert.equal(await page.locator('#connection-label').textContent(), 'Not signed in');
    assert.equal(await page.locator('#home-view').isVisible(), false);
    assert.equal(await page.locator('#interview-view').isVisible(), false);
    assert.equal(await page.locator('#session-list li').count(), 0);

    const status = await page.evaluate(async () => {
      const response = await fetch('/rpc', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'interview:list' }),
      });
      return response.status;
    });
    assert.equal(status, 401);
  } finally {
    await browser.close();
  }
});

test('the app bar says so when the server goes away', async () => {
  const leaving = await startNexusServer();
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    await page.goto(leaving.url);
    await page.locator('#connection[data-state="open"]').waitFor();
    await leaving.stop();
    await page.locator('#connection-label', { hasText: 'Reconnecting…' }).waitFor();
    assert.notEqual(await page.locator('#connection').getAttribute('data-state'), 'open');
  } finally {
    await browser.close();
    await leaving.stop();
  }
});
