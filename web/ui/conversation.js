// The message log: the stored conversation, and the turn in progress with the interviewer's
// reply streaming in (interview:delta) until the final text replaces it.

import { byId, el } from './dom.js';
import { countText } from './labels.js';

const AUTHORS = { user: 'You', assistant: 'Interviewer', system: 'Nexus' };
const NEAR_BOTTOM_PX = 96;

export function createConversation() {
  const log = byId('message-log');

  function isNearBottom() {
    return log.scrollHeight - log.scrollTop - log.clientHeight < NEAR_BOTTOM_PX;
  }

  // Keeps the newest text in view unless the person has scrolled up to read.
  function changeKeepingBottom(change, { force = false } = {}) {
    const follow = force || isNearBottom();
    const result = change();
    if (follow) log.scrollTop = log.scrollHeight;
    return result;
  }

  function bubble(role, text, id) {
    const body = el('p', { className: 'message-text', text });
    const item = el('li', { className: 'message', dataset: { role } },
      el('span', { className: 'message-author', text: AUTHORS[role] ?? role }), body);
    if (id) item.dataset.messageId = id;
    return { item, body };
  }

  function markCaptured(item, count) {
    item.querySelector('.message-captured')?.remove();
    if (count > 0) {
      item.append(el('span', { className: 'message-captured', text: `✓ ${countText(count, 'requirement')} captured` }));
    }
  }

  function messageItem(message) {
    const { item } = bubble(message.role, message.content, message.id);
    if (message.role === 'user') markCaptured(item, message.requirementsExtracted?.length ?? 0);
    return item;
  }

  function has(messageId) {
    return [...log.children].some((item) => item.dataset.messageId === messageId);
  }

  // One exchange: the person's message, then the reply as it arrives.
  function beginTurn(text) {
    const user = bubble('user', text);
    const reply = bubble('assistant', '');
    reply.item.dataset.state = 'streaming';
    reply.item.setAttribute('aria-busy', 'true');
    const typing = el('span', { className: 'typing', attrs: { role: 'img', 'aria-label': 'The interviewer is thinking' } },
      el('span'), el('span'), el('span'));
    reply.body.append(typing);
    changeKeepingBottom(() => log.append(user.item, reply.item), { force: true });
    let finished = false;

    return {
      // interview:question-asked of this turn's user message: now it has its id.
      adoptUserMessage(message) {
        user.item.dataset.messageId = message.id;
      },
      appendDelta(piece) {
        if (finished) return;
        changeKeepingBottom(() => {
          typing.remove();
          reply.body.append(piece);
        });
      },
      // The stored reply replaces the streamed pieces.
      finish(content, messageId) {
        finished = true;
        changeKeepingBottom(() => {
          reply.body.textContent = content;
          if (messageId) reply.item.dataset.messageId = messageId;
          delete reply.item.dataset.state;
          reply.item.removeAttribute('aria-busy');
        });
      },
      capturedRequirements(count) {
        changeKeepingBottom(() => markCaptured(user.item, count));
      },
      // No reply: the person's message stays (it is stored), marked as unanswered.
      fail() {
        finished = true;
        reply.item.remove();
        user.item.dataset.state = 'failed';
        user.item.append(el('span', { className: 'message-note', text: 'Not answered' }));
      },
      // Not even stored (refused before it was): as if never sent.
      discard() {
        finished = true;
        user.item.remove();
        reply.item.remove();
      },
      get userMessageId() {
        return user.item.dataset.messageId;
      },
    };
  }

  return {
    show(messages) {
      log.replaceChildren(...messages.map(messageItem));
      log.scrollTop = log.scrollHeight;
    },
    // A message this page did not send (another window, the terminal); ignored when shown already.
    add(message) {
      if (has(message.id)) return;
      changeKeepingBottom(() => log.append(messageItem(message)));
    },
    beginTurn,
  };
}
