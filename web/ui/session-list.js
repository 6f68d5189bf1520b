// The interviews stored on the server (interview:list), newest activity first, each with a
// button that opens it.

import { byId, el, showMessage } from './dom.js';
import { describeError } from './errors.js';
import { countText, dateTimeText, modeName, relativeTimeText, statusName } from './labels.js';

// loadSessions() → a promise of session summaries; onOpen(summary) opens one.
export function createSessionList({ loadSessions, onOpen }) {
  const list = byId('session-list');
  const empty = byId('sessions-empty');
  const errorText = byId('sessions-error');
  const refreshButton = byId('refresh-sessions');
  let loading = null;

  function itemFor(summary) {
    const lastActivity = el('time', {
      text: relativeTimeText(summary.lastActivityAt),
      attrs: { datetime: summary.lastActivityAt, title: dateTimeText(summary.lastActivityAt) },
    });
    const facts = el('p', { className: 'session-item-facts' },
      `${modeName(summary.mode)} · ${countText(summary.messageCount, 'message')} · `,
      `${countText(summary.requirementCount, 'requirement')} · `, lastActivity);
    const title = el('div', { className: 'session-item-title' },
      el('span', { className: 'session-item-project', text: summary.projectId }),
      el('span', { className: 'badge', dataset: { status: summary.status }, text: statusName(summary.status) }));
    const action = summary.status === 'completed' ? 'View' : 'Resume';
    const button = el('button', {
      className: summary.status === 'completed' ? 'button small' : 'button primary small',
      text: action,
      attrs: { type: 'button', 'aria-label': `${action} the interview of ${summary.projectId} (${statusName(summary.status)})` },
    });
    button.addEventListener('click', () => onOpen(summary));
    return el('li', { className: 'session-item', dataset: { sessionId: summary.id, status: summary.status } },
      el('div', { className: 'session-item-main' }, title, facts), button);
  }

  function render(summaries) {
    const byActivity = [...summaries].sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt));
    list.replaceChildren(...byActivity.map(itemFor));
    empty.hidden = summaries.length > 0;
  }

  // Concurrent refreshes share one request.
  function refresh() {
    loading ??= loadSessions()
      .then((summaries) => {
        showMessage(errorText, '');
        render(summaries);
      })
      .catch((error) => showMessage(errorText, `The interviews could not be listed. ${describeError(error).text}`))
      .finally(() => { loading = null; });
    return loading;
  }

  refreshButton.addEventListener('click', refresh);
  return {
    refresh,
    showError(text) {
      showMessage(errorText, text);
    },
  };
}
