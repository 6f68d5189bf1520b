// Debian's Chromium driven by playwright-core (DESIGN.md §8): headless, never a downloaded
// browser, a fresh profile directory for every browser. playwright-core is installed in web/
// (web/package.json), so it is loaded from there.

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CHROMIUM_PATH = process.env.NEXUS_CHROMIUM ?? '/usr/bin/chromium';
const { chromium } = loadPlaywright();
if (!existsSync(CHROMIUM_PATH)) {
  throw new Error(`no Chromium at ${CHROMIUM_PATH}: install Debian's (apt-get install chromium), or set NEXUS_CHROMIUM`);
}
export const CHROMIUM_FLAGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);
// Against hangs only: Playwright's auto-waiting does the waiting, no test asserts on speed.
export const WAIT_MS = 20_000;

/**
 * A browser with a profile of its own (no cookies, nothing cached). Playwright takes the
 * profile directory as launchPersistentContext's argument, not as --user-data-dir.
 * @returns {Promise<{context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, close(): Promise<void>}>}
 */
export async function launchBrowser({ colorScheme = 'light', viewport = { width: 1280, height: 860 } } = {}) {
  const profile = await mkdtemp(path.join(tmpdir(), 'nexus-ui-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    viewport,
    colorScheme,
    acceptDownloads: true,
  });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  const page = context.pages()[0] ?? await context.newPage();
  return {
    context,
    page,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * What went wrong in a page: console errors (a CSP violation is one), uncaught exceptions,
 * CSP violation events and dialogs (an injected alert() would open one).
 */
export async function watchPage(page) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog ${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  // Runs before the page's own scripts, outside its CSP.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`);
    });
  });
  return problems;
}

function loadPlaywright() {
  const web = new URL('../../../../web/', import.meta.url);
  try {
    return createRequire(new URL('package.json', web))('playwright-core');
  } catch (error) {
    throw new Error(`playwright-core is not installed in ${web.pathname}: run \`npm ci\` there (${error.message})`);
  }
}
