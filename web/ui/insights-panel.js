// The side panel: the interview's readiness, and the requirements captured so far (most
// important first), each a card with what the analysis found in it. All of it is the session
// state's; the panel shows it as it changes, keeping each card (and an editor open in it)
// across changes.

import { byId } from './dom.js';
import { PRIORITY_ORDER } from './labels.js';
import { createReadinessGauge } from './readiness-gauge.js';
import { createRequirementCard } from './requirement-card.js';

// state: the session state (session-state.js); actions: what the cards can do (requirement-card.js).
export function createInsightsPanel(state, actions) {
  const list = byId('requirement-list');
  const count = byId('requirements-count');
  const empty = byId('requirements-empty');
  const hint = byId('requirements-hint');
  const cards = new Map(); // requirement id → its card
  let shownSessionId = null;
  let lastFocused = null; // the card the keyboard was last in: a busy card's disabled button loses it
  list.addEventListener('focusin', (event) => { lastFocused = event.target.closest('.requirement'); });
  createReadinessGauge(state);

  const rank = (requirement) => {
    const index = PRIORITY_ORDER.indexOf(requirement.priority);
    return index < 0 ? PRIORITY_ORDER.length : index;
  };

  // The findings and conflicts of each requirement, and the text of each.
  function reviewIndex() {
    const { extractedRequirements } = state.session;
    const textById = new Map(extractedRequirements.map((r) => [r.id, r.text]));
    const findingsOf = new Map();
    const conflictsOf = new Map();
    const add = (index, id, item) => index.set(id, [...(index.get(id) ?? []), item]);
    for (const finding of state.findings) add(findingsOf, finding.requirementId, finding);
    for (const conflict of state.conflicts) for (const id of conflict.requirementIds) add(conflictsOf, id, conflict);
    return (id) => ({
      findings: findingsOf.get(id) ?? [],
      conflicts: conflictsOf.get(id) ?? [],
      textOf: (other) => textById.get(other),
    });
  }

  // The cards in order, moving only those out of place (a move loses the keyboard focus).
  function place(nodes) {
    nodes.forEach((node, index) => {
      if (list.children[index] !== node) list.insertBefore(node, list.children[index] ?? null);
    });
  }

  function render(freshIds = new Set()) {
    const requirements = state.session.extractedRequirements;
    // Array.prototype.sort is stable: within a priority, the order they were captured in.
    const ordered = [...requirements].sort((a, b) => rank(a) - rank(b));
    const reviewOf = reviewIndex();
    const focused = list.contains(document.activeElement) ? document.activeElement.closest('.requirement') : null;
    const nowhere = !document.activeElement || document.activeElement === document.body;
    let removedWithFocus = -1;
    for (const [id, card] of cards) {
      if (requirements.some((r) => r.id === id)) continue;
      if (card.node === focused || (nowhere && card.node === lastFocused)) {
        removedWithFocus = [...list.children].indexOf(card.node);
      }
      card.node.remove();
      cards.delete(id);
    }
    const nodes = ordered.map((requirement) => {
      let card = cards.get(requirement.id);
      if (!card) {
        card = createRequirementCard(requirement.id, actions);
        cards.set(requirement.id, card);
        if (freshIds.has(requirement.id)) {
          card.node.dataset.fresh = '';
          // Once: a card moved later (a new priority) must not arrive again.
          card.node.addEventListener('animationend', () => delete card.node.dataset.fresh, { once: true });
        }
      }
      card.show(requirement, reviewOf(requirement.id));
      return card.node;
    });
    place(nodes);
    // A card moved by its new priority keeps the keyboard; a removed one hands it to the next.
    if (focused?.isConnected && !focused.contains(document.activeElement)) cards.get(focused.dataset.requirementId)?.focus();
    if (removedWithFocus >= 0) focusAfterRemoval(ordered, removedWithFocus);
    count.textContent = String(requirements.length);
    empty.hidden = requirements.length > 0;
    hint.hidden = requirements.length === 0;
  }

  function focusAfterRemoval(ordered, index) {
    const next = ordered[Math.min(index, ordered.length - 1)];
    if (next) cards.get(next.id).focus();
    else byId('message-input').focus();
  }

  function clear() {
    cards.clear();
    list.replaceChildren();
  }

  state.subscribe((change) => {
    switch (change.type) {
      case 'session':
        // The same interview shown again as stored (after a reconnect) keeps its cards and editors.
        if (state.session.id !== shownSessionId) clear();
        shownSessionId = state.session.id;
        render();
        break;
      case 'closed':
        clear();
        shownSessionId = null;
        break;
      case 'requirements':
        render(new Set(change.added.map((r) => r.id)));
        break;
      case 'requirement':
      case 'removed':
      case 'review':
        render();
        break;
      default:
    }
  });
}
