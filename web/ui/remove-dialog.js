// "Remove this requirement?": the confirmation asked before a requirement leaves the interview.

import { byId } from './dom.js';

// Resolves true when the person confirms removing the requirement whose text is `text`.
export function confirmRemoval(text) {
  const dialog = byId('remove-dialog');
  byId('remove-dialog-requirement').textContent = text;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'remove'), { once: true });
  });
}
