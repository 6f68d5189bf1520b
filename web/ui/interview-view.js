// One open interview: the conversation, the message box, the side panel and the session bar,
// kept in step with the server's answers and its events.

import { ErrorKind } from '../nexus-api.js';
import { createComposer } from './composer.js';
import { createConversation } from './conversation.js';
import { byId } from './dom.js';
import { EXPORT_FORMATS, downloadText } from './download.js';
import { describeError } from './errors.js';
import { createInsightsPanel } from './insights-panel.js';
import { categoryName, countText, dateTimeText } from './labels.js';
import { createSessionToolbar } from './session-toolbar.js';

const utf8 = new TextEncoder();

// api: the Nexus API; limits() → {maxMessageBytes}; onBack() leaves for the list.
export function createInterviewView({ api, limits, onBack }) {
  const root = byId('interview-view');
  const notice = byId('session-notice');
  const conversation = createConversation();
  const insights = createInsightsPanel();
  const composer = createComposer({ onSend: send });
  const toolbar = createSessionToolbar({
    onBack,
    onPause: () => act(() => api.interview.pause(session.id), () => setStatus('paused')),
    onResume: () => act(() => api.interview.resume(session.id), (resumed) => resumed && setStatus('active')),
    onEnd: () => act(() => api.interview.end(session.id), () => setStatus('completed')),
    onExport: exportRequirements,
  });

  let session = null; // the open InterviewSession, kept current
  let turn = null; // the exchange in progress, if any

  function showNotice(text, tone = 'info') {
    notice.textContent = text;
    notice.dataset.tone = tone;
    notice.hidden = !text;
  }

  function statusNotice() {
    if (session.status === 'paused') return showNotice('This interview is paused. Resume it to continue.', 'warning');
    if (session.status === 'completed') {
      const when = session.completedAt ? ` on ${dateTimeText(session.completedAt)}` : '';
      return showNotice(`This interview ended${when}. You can read and export it; it cannot be continued.`);
    }
    return showNotice('');
  }

  function showStatus() {
    toolbar.setStatus(session.status);
    composer.setStatus(session.status);
    statusNotice();
  }

  // From an answer or an event, whichever comes first; the second changes nothing.
  function setStatus(status) {
    if (session.status === status) return;
    session.status = status;
    showStatus();
  }

  // A session action (pause, resume, end): buttons wait for it; a failure is said, not thrown.
  async function act(call, onDone) {
    const sessionId = session.id;
    toolbar.setBusy(true);
    try {
      const result = await call();
      if (session?.id === sessionId) onDone(result);
    } catch (error) {
      if (session?.id === sessionId) showNotice(describeError(error).text, 'warning');
    } finally {
      toolbar.setBusy(false);
    }
  }

  function send(text) {
    const { maxMessageBytes } = limits();
    const size = utf8.encode(text).length;
    if (maxMessageBytes && size > maxMessageBytes) {
      composer.showError({
        text: `Your message is too long to send: ${kilobytes(size)} where at most ${kilobytes(maxMessageBytes)} fit. ` +
          'Shorten it or split it in two.',
      });
      return;
    }
    composer.clearError();
    void runTurn(composer.takeText());
  }

  async function runTurn(text) {
    const sessionId = session.id;
    const current = conversation.beginTurn(text.trim());
    turn = current;
    composer.setBusy(true);
    try {
      const result = await api.interview.sendMessage(sessionId, text);
      if (session?.id !== sessionId) return;
      current.finish(result.response);
      current.capturedRequirements(result.extractedRequirements.length);
      requirementsCaptured(result.extractedRequirements);
      for (const { area } of result.extractedRequirements) if (area) insights.addExploredArea(area);
      insights.showGaps(result.suggestedGaps);
    } catch (error) {
      if (session?.id !== sessionId) return;
      turnFailed(current, text, error);
    } finally {
      if (turn === current) turn = null;
      composer.setBusy(false);
      if (session?.id === sessionId) composer.focus();
    }
  }

  function turnFailed(failedTurn, text, error) {
    // The server stores a message before asking the model; its event says it did.
    const stored = Boolean(failedTurn.userMessageId);
    if (stored) {
      failedTurn.fail();
    } else {
      failedTurn.discard();
      composer.restoreText(text);
    }
    if (session.status !== 'active') return; // paused or ended meanwhile: the notice says so
    const described = describeError(error);
    const retry = !described.retryable ? undefined
      : stored ? () => void runTurn(text) : () => composer.submit();
    composer.showError(described, retry);
  }

  async function exportRequirements(format) {
    const { extension, type } = EXPORT_FORMATS[format];
    const { id, projectId } = session;
    await act(() => api.requirements.export({ sessionId: id }, format), (exported) => {
      const filename = `${projectId}-requirements-${id}.${extension}`;
      downloadText(filename, type, exported);
      const count = countText(session.extractedRequirements.length, 'requirement');
      showNotice(`Exported ${count} as ${filename}.`, 'success');
    });
  }

  function completed(payload) {
    setStatus('completed');
    const categories = Object.entries(payload.categories ?? {})
      .map(([category, count]) => `${count} ${categoryName(category).toLowerCase()}`).join(', ');
    showNotice(`Interview completed: ${countText(payload.totalRequirements, 'requirement')}` +
      `${categories ? ` (${categories})` : ''} in ${durationText(payload.duration ?? 0)}. Export them to share.`,
    'success');
  }

  // Messages of this page's turn are on screen already; others come from another window.
  function messageAdded(message) {
    session.messages.push(message);
    if (turn && message.role === 'user' && !turn.userMessageId) return turn.adoptUserMessage(message);
    if (turn && message.role === 'assistant' && turn.userMessageId) return turn.finish(message.content, message.id);
    conversation.add(message);
  }

  function requirementsCaptured(requirements) {
    const known = new Set(session.extractedRequirements.map((r) => r.id));
    session.extractedRequirements.push(...requirements.filter((r) => !known.has(r.id)));
    insights.addRequirements(requirements);
  }

  // A failed reply of this page's own turn is told by the turn's answer; anything else here.
  function systemError({ code, message }) {
    const ownTurnFailed = turn && (code === ErrorKind.MODEL_FAILED || code === ErrorKind.CANCELLED);
    if (!ownTurnFailed) showNotice(message, 'warning');
  }

  const eventHandlers = {
    'interview:delta': ({ text }) => turn?.appendDelta(text),
    'interview:question-asked': ({ message }) => messageAdded(message),
    'interview:requirement-captured': ({ requirement }) => requirementsCaptured([requirement]),
    'interview:area-explored': ({ area }) => insights.addExploredArea(area),
    'interview:gap-suggested': ({ gaps }) => insights.showGaps(gaps),
    'interview:paused': () => setStatus('paused'),
    'interview:resumed': () => setStatus('active'),
    'interview:completed': completed,
    'system:error': systemError,
  };

  function render(shown) {
    session = structuredClone(shown);
    conversation.show(session.messages);
    insights.show(session);
    toolbar.show(session);
    showStatus();
  }

  return {
    get sessionId() {
      return session?.id ?? null;
    },
    get turnInProgress() {
      return turn !== null;
    },
    open(opened) {
      render(opened);
      turn = null;
      root.hidden = false;
      composer.clearError();
      composer.setBusy(false);
      composer.focus();
    },
    // The same interview as stored now (after a reconnect: events may have been missed). What
    // the person typed, and an error shown, stay.
    refresh(stored) {
      if (turn || stored.id !== session?.id) return;
      render(stored);
    },
    close() {
      session = null;
      turn = null;
      root.hidden = true;
    },
    handleEvent({ type, payload }) {
      if (!session || payload?.sessionId !== session.id) return;
      eventHandlers[type]?.(payload);
    },
  };
}

function kilobytes(bytes) {
  return `${Math.ceil(bytes / 1024)} KB`;
}

function durationText(milliseconds) {
  const minutes = Math.round(milliseconds / 60_000);
  return minutes < 1 ? 'under a minute' : countText(minutes, 'minute');
}
