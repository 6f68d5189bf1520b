// The message box: Enter sends, Shift+Enter starts a new line. Read-only while a turn is in
// progress (focus stays, so the next answer can follow at once); disabled while the interview
// is paused, gone once it has ended. Errors of a turn show above it, with "Try again" when
// that may work.

import { byId } from './dom.js';

const PLACEHOLDERS = {
  active: 'Type your answer…',
  paused: 'This interview is paused: resume it to continue.',
};

// state: the session state (its interview's status); onSend(text): the person sent text (not
// blank) while sending was possible.
export function createComposer({ state, onSend }) {
  const form = byId('composer');
  const input = byId('message-input');
  const sendButton = byId('send-button');
  const errorBox = byId('turn-error');
  const errorText = byId('turn-error-text');
  const retryButton = byId('retry-button');
  let busy = false;
  let retry = null;

  const status = () => state.session?.status ?? 'active';

  function update() {
    const current = status();
    const open = current === 'active';
    form.hidden = current === 'completed';
    input.disabled = !open;
    input.readOnly = busy;
    input.setAttribute('aria-disabled', String(!open || busy));
    input.placeholder = busy ? 'Waiting for the interviewer…' : PLACEHOLDERS[current] ?? '';
    sendButton.disabled = !open || busy;
    form.setAttribute('aria-busy', String(busy));
  }

  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    form.requestSubmit();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy || status() !== 'active' || !input.value.trim()) return;
    onSend(input.value);
  });

  retryButton.addEventListener('click', () => {
    const again = retry;
    clearError();
    again?.();
  });

  function clearError() {
    retry = null;
    retryButton.hidden = true;
    errorBox.hidden = true;
    errorText.textContent = '';
  }

  state.subscribe(({ type }) => {
    if (type === 'session' || type === 'status') update();
  });

  return {
    setBusy(next) {
      busy = next;
      update();
    },
    // Empties the box and returns what was in it.
    takeText() {
      const text = input.value;
      input.value = '';
      return text;
    },
    restoreText(text) {
      if (!input.value) input.value = text;
    },
    // {text, retryable}; onRetry is offered as "Try again" when given.
    showError({ text }, onRetry) {
      errorText.textContent = text;
      errorBox.hidden = false;
      retry = onRetry ?? null;
      retryButton.hidden = !onRetry;
    },
    clearError,
    submit() {
      form.requestSubmit();
    },
    focus() {
      if (!input.disabled) input.focus();
    },
  };
}
