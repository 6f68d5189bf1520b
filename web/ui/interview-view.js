// One open interview: the conversation, the message box, the side panel (readiness and
// requirements, which the person can edit, remove, and settle findings and conflicts of) and the
// session bar, kept in step with the server's answers and its events. What the interview holds
// is the session state's: this view changes it through its actions, and shows it as it changes.

import { ErrorKind } from '../nexus-api.js';
import { createComposer } from './composer.js';
import { createConversation } from './conversation.js';
import { byId } from './dom.js';
import { DOCUMENT_STYLES, EXPORT_FORMATS, downloadText, exportFileName } from './download.js';
import { describeError } from './errors.js';
import { createInsightsPanel } from './insights-panel.js';
import { categoryName, countText, dateTimeText } from './labels.js';
import { createSessionToolbar } from './session-toolbar.js';

const utf8 = new TextEncoder();

// api: the Nexus API; state: the session state (session-state.js); onBack() leaves for the list.
export function createInterviewView({ api, state, onBack }) {
  const root = byId('interview-view');
  const notice = byId('session-notice');
  const conversation = createConversation();
  createInsightsPanel(state, {
    updateRequirement: (requirementId, changes) => change(
      (sessionId) => api.interview.updateRequirement(sessionId, requirementId, changes),
      (updated) => state.updateRequirement(updated)),
    removeRequirement: (requirementId) => change(
      (sessionId) => api.interview.removeRequirement(sessionId, requirementId),
      () => state.removeRequirement(requirementId)),
    resolveConflict: (conflictId, resolution) => change(
      (sessionId) => api.interview.resolveConflict(sessionId, conflictId, resolution),
      (conflict) => state.review({ conflicts: [conflict] })),
    dismissFinding: (findingId) => change(
      (sessionId) => api.interview.dismissFinding(sessionId, findingId),
      (finding) => state.review({ findings: [finding] })),
  });
  const composer = createComposer({ state, onSend: send });
  const toolbar = createSessionToolbar({
    state,
    onBack,
    onPause: () => act((id) => api.interview.pause(id), () => state.setStatus('paused')),
    onResume: () => act((id) => api.interview.resume(id), (resumed) => resumed && state.setStatus('active')),
    onEnd: () => act((id) => api.interview.end(id), () => state.setStatus('completed')),
    onExport: exportRequirements,
  });

  let turn = null; // the exchange in progress, if any
  let readinessAnnounced = 0; // interview:readiness-changed events received
  const openId = () => state.session?.id;

  function showNotice(text, tone = 'info') {
    notice.textContent = text;
    notice.dataset.tone = tone;
    notice.hidden = !text;
  }

  function statusNotice() {
    const { session } = state;
    if (session.status === 'paused') return showNotice('This interview is paused. Resume it to continue.', 'warning');
    if (session.status === 'completed') {
      const when = session.completedAt ? ` on ${dateTimeText(session.completedAt)}` : '';
      return showNotice(`This interview ended${when}. You can read and export it; it cannot be continued.`);
    }
    return showNotice('');
  }

  // A change to a requirement, finding or conflict of the open interview; its card says a failure.
  async function change(call, onDone) {
    const sessionId = openId();
    const result = await call(sessionId);
    if (openId() === sessionId) onDone(result);
    return result;
  }

  // The readiness as the server has it now: on opening, and after events may have been missed.
  // One announced while the answer was on its way is newer than the answer.
  async function loadReadiness() {
    const sessionId = openId();
    const announcedBefore = readinessAnnounced;
    try {
      const readiness = await api.interview.getReadiness(sessionId);
      if (openId() === sessionId && readinessAnnounced === announcedBefore) state.setReadiness(readiness);
    } catch {
      // The gauge waits for the next interview:readiness-changed.
    }
  }

  // A session action (pause, resume, end, export) on the open interview: buttons wait for it; a
  // failure is said, not thrown.
  async function act(call, onDone) {
    const sessionId = openId();
    toolbar.setBusy(true);
    try {
      const result = await call(sessionId);
      if (openId() === sessionId) onDone(result);
    } catch (error) {
      if (openId() === sessionId) showNotice(describeError(error).text, 'warning');
    } finally {
      toolbar.setBusy(false);
    }
  }

  function send(text) {
    const { maxMessageBytes } = state.server;
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
    const sessionId = openId();
    const current = conversation.beginTurn(text.trim());
    turn = current;
    composer.setBusy(true);
    try {
      const result = await api.interview.sendMessage(sessionId, text);
      if (openId() !== sessionId) return;
      current.finish(result.response);
      current.capturedRequirements(result.extractedRequirements.length);
      state.addRequirements(result.extractedRequirements);
      for (const { area } of result.extractedRequirements) if (area) state.addExploredArea(area);
      state.setGaps(result.suggestedGaps);
      state.review({ findings: result.findings, conflicts: result.conflicts });
      if (result.readiness) state.setReadiness(result.readiness);
    } catch (error) {
      if (openId() !== sessionId) return;
      turnFailed(current, text, error);
    } finally {
      if (turn === current) turn = null;
      composer.setBusy(false);
      if (openId() === sessionId) composer.focus();
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
    if (state.session.status !== 'active') return; // paused or ended meanwhile: the notice says so
    const described = describeError(error);
    const retry = !described.retryable ? undefined
      : stored ? () => void runTurn(text) : () => composer.submit();
    composer.showError(described, retry);
  }

  // options: {style}, as requirements:export takes them.
  async function exportRequirements(format, options) {
    const { type, styled } = EXPORT_FORMATS[format];
    const { id, projectId } = state.session;
    await act(() => api.requirements.export({ sessionId: id }, format, options), (exported) => {
      const filename = exportFileName({ projectId, sessionId: id }, format, options.style);
      downloadText(filename, type, exported);
      const count = countText(state.session.extractedRequirements.length, 'requirement');
      const style = styled && options.style === 'ears' ? ` in ${DOCUMENT_STYLES.ears.name}` : '';
      showNotice(`Exported ${count}${style} as ${filename}.`, 'success');
    });
  }

  function completed(payload) {
    state.setStatus('completed');
    const categories = Object.entries(payload.categories ?? {})
      .map(([category, count]) => `${count} ${categoryName(category).toLowerCase()}`).join(', ');
    showNotice(`Interview completed: ${countText(payload.totalRequirements, 'requirement')}` +
      `${categories ? ` (${categories})` : ''} in ${durationText(payload.duration ?? 0)}. Export them to share.`,
    'success');
  }

  // Messages of this page's turn are on screen already; others come from another window.
  function messageAdded(message) {
    if (turn && message.role === 'user' && !turn.userMessageId) return turn.adoptUserMessage(message);
    if (turn && message.role === 'assistant' && turn.userMessageId) return turn.finish(message.content, message.id);
    conversation.add(message);
  }

  // A failed reply of this page's own turn is told by the turn's answer; anything else here.
  function systemError({ code, message }) {
    const ownTurnFailed = turn && (code === ErrorKind.MODEL_FAILED || code === ErrorKind.CANCELLED);
    if (!ownTurnFailed) showNotice(message, 'warning');
  }

  const eventHandlers = {
    'interview:delta': ({ text }) => turn?.appendDelta(text),
    'interview:question-asked': ({ message }) => state.addMessage(message),
    'interview:requirement-captured': ({ requirement }) => state.addRequirements([requirement]),
    'interview:area-explored': ({ area }) => state.addExploredArea(area),
    'interview:gap-suggested': ({ gaps }) => state.setGaps(gaps),
    'interview:finding-detected': ({ finding }) => state.review({ findings: [finding] }),
    'interview:conflict-detected': ({ conflict }) => state.review({ conflicts: [conflict] }),
    'interview:readiness-changed': ({ readiness }) => {
      readinessAnnounced += 1;
      state.setReadiness(readiness);
    },
    'interview:requirement-updated': ({ requirement, changedFields }) => (changedFields?.includes('removed')
      ? state.removeRequirement(requirement.id)
      : state.updateRequirement(requirement)),
    'interview:paused': () => state.setStatus('paused'),
    'interview:resumed': () => state.setStatus('active'),
    'interview:completed': completed,
    'system:error': systemError,
  };

  state.subscribe((change) => {
    switch (change.type) {
      case 'session':
        conversation.show(state.session.messages);
        statusNotice();
        break;
      case 'status':
        statusNotice();
        break;
      case 'message':
        messageAdded(change.message);
        break;
      default:
    }
  });

  return {
    get turnInProgress() {
      return turn !== null;
    },
    open(opened) {
      state.show(opened);
      turn = null;
      root.hidden = false;
      composer.clearError();
      composer.setBusy(false);
      composer.focus();
      void loadReadiness();
    },
    // The same interview as stored now (after a reconnect: events may have been missed). What
    // the person typed, and an error shown, stay.
    refresh(stored) {
      if (turn || stored.id !== openId()) return;
      state.show(stored);
      void loadReadiness();
    },
    close() {
      state.close();
      turn = null;
      root.hidden = true;
    },
    handleEvent({ type, payload }) {
      if (!state.session || payload?.sessionId !== state.session.id) return;
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
