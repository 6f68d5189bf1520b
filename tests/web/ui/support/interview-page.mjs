// The page as a person uses it: by labels, roles and visible text (ids only where a region has
// no better handle). Every wait is Playwright's auto-waiting.

import { readFile } from 'node:fs/promises';

export class InterviewPage {
  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
    this.projectId = page.getByLabel('Project id');
    this.messageBox = page.getByLabel('Your message');
    this.sendButton = page.getByRole('button', { name: 'Send', exact: true });
    this.log = page.getByRole('log', { name: 'Conversation' });
    this.status = page.locator('#session-status');
    this.notice = page.locator('#session-notice');
    this.turnError = page.locator('#turn-error');
    this.requirements = page.locator('#requirement-list > li');
    this.requirementCount = page.locator('#requirements-count');
    this.gaps = page.locator('#gaps');
    this.sessions = page.locator('#session-list > li');
  }

  async open(url) {
    await this.page.goto(url);
    await this.page.locator('#connection[data-state="open"]').waitFor();
  }

  async startInterview(projectId, { evolution } = {}) {
    await this.projectId.fill(projectId);
    if (evolution) {
      await this.page.getByLabel(/A change to existing software/).check();
      await this.page.getByLabel('Project path').fill(evolution.projectPath);
      await this.page.getByLabel('Repository map').fill(evolution.repoMapContext);
    }
    await this.page.getByRole('button', { name: 'Start interview' }).click();
    await this.page.getByRole('heading', { level: 1, name: projectId }).waitFor();
  }

  /** Types a message, sends it with Enter and waits until the turn is over. */
  async say(text) {
    await this.messageBox.fill(text);
    await this.messageBox.press('Enter');
    await this.turnOver();
  }

  async turnOver() {
    await this.page.locator('#message-log > li[data-state="streaming"]').waitFor({ state: 'detached' });
    await this.page.locator('#composer[aria-busy="false"]').waitFor();
  }

  messages(role) {
    return this.page.locator(`#message-log > li[data-role="${role}"] .message-text`);
  }

  requirement(text) {
    return this.requirements.filter({ has: this.page.locator('.requirement-text', { hasText: text }) });
  }

  async priorityOf(text) {
    return this.requirement(text).locator('.priority .fact-value').textContent();
  }

  area(name) {
    return this.page.locator('#area-list > li').filter({ hasText: name });
  }

  async clickSessionButton(name) {
    await this.page.getByRole('group', { name: 'Interview actions' }).getByRole('button', { name, exact: true }).click();
  }

  async endInterview() {
    await this.clickSessionButton('End interview');
    const dialog = this.page.getByRole('dialog', { name: 'End this interview?' });
    await dialog.getByRole('button', { name: 'End interview' }).click();
    await this.status.filter({ hasText: 'Completed' }).waitFor();
  }

  /** Exports in a format and returns the downloaded file's name and text. */
  async exportAs(format) {
    await this.page.getByLabel('Export format').selectOption(format);
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    const path = await download.path();
    return { filename: download.suggestedFilename(), text: await readFile(path, 'utf8') };
  }

  /**
   * Records what the reply of the next turn looks like as it arrives: one entry per change of
   * the log while a reply streams. Read it with streamedSnapshots().
   */
  async recordStreaming() {
    await this.page.evaluate(() => {
      const log = document.getElementById('message-log');
      const snapshots = [];
      window.__replySnapshots = snapshots;
      new MutationObserver(() => {
        const reply = log.querySelector('li[data-state="streaming"]');
        if (!reply) return;
        snapshots.push({
          typing: reply.querySelector('.typing') !== null,
          text: reply.querySelector('.message-text').textContent,
          busy: reply.getAttribute('aria-busy'),
        });
      }).observe(log, { childList: true, subtree: true, characterData: true });
    });
  }

  streamedSnapshots() {
    return this.page.evaluate(() => window.__replySnapshots);
  }
}
