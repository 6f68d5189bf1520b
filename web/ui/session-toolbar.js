// The bar above an open interview: what it is, its status, and what can be done with it
// (pause, resume, end after a confirmation, export in a format and style). The interview is the
// session state's.

import { byId } from './dom.js';
import { createExportControl } from './export-control.js';
import { dateTimeText, modeName, statusName } from './labels.js';

export function createSessionToolbar({ state, onBack, onPause, onResume, onEnd, onExport }) {
  const heading = byId('session-heading');
  const badge = byId('session-status');
  const meta = byId('session-meta');
  const pauseButton = byId('pause-button');
  const resumeButton = byId('resume-button');
  const endButton = byId('end-button');
  const exportChoice = createExportControl({ formatSelect: byId('export-format'), styleSelect: byId('export-style') });
  const exportButton = byId('export-button');
  const endDialog = byId('end-dialog');
  let busy = false;

  function update() {
    const status = state.session?.status ?? 'active';
    badge.dataset.status = status;
    badge.textContent = statusName(status);
    pauseButton.hidden = status !== 'active';
    resumeButton.hidden = status !== 'paused';
    endButton.hidden = status === 'completed';
    for (const button of [pauseButton, resumeButton, endButton, exportButton]) button.disabled = busy;
  }

  // Keeps the keyboard where it was when the button under it disappears.
  function keepFocusAfter(button, replacement) {
    if (document.activeElement === button && button.hidden && !replacement.hidden) replacement.focus();
  }

  byId('back-to-sessions').addEventListener('click', onBack);
  pauseButton.addEventListener('click', async () => {
    await onPause();
    keepFocusAfter(pauseButton, resumeButton);
  });
  resumeButton.addEventListener('click', async () => {
    await onResume();
    keepFocusAfter(resumeButton, pauseButton);
  });
  endButton.addEventListener('click', () => {
    endDialog.returnValue = '';
    endDialog.showModal();
  });
  endDialog.addEventListener('close', async () => {
    if (endDialog.returnValue !== 'end') return;
    await onEnd();
    if (endButton.hidden) exportButton.focus();
  });
  exportButton.addEventListener('click', () => {
    const { format, style } = exportChoice.choice;
    void onExport(format, { style });
  });

  function show() {
    const { session } = state;
    heading.textContent = session.projectId;
    meta.textContent = `${modeName(session.mode)} · started ${dateTimeText(session.startedAt)}`;
    update();
  }

  state.subscribe(({ type }) => {
    if (type === 'session') show();
    else if (type === 'status') update();
  });

  return {
    // While a pause, resume, end or export is under way.
    setBusy(next) {
      busy = next;
      update();
    },
  };
}
