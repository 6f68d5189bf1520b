// One requirement in the side panel: its text and facts, the fields the person changed marked
// "edited", and what the analysis found in it. Open findings and conflicts stand out, with what
// can be done about them; settled ones take a line each. Clicking the card (or its Edit button)
// turns it into the editor. Failures show in one line on the card, in the server's words.

import { el, showMessage } from './dom.js';
import { describeChangeError } from './errors.js';
import { areaName, categoryName, confidenceText, priorityName } from './labels.js';
import { confirmRemoval } from './remove-dialog.js';
import { createRequirementEditor } from './requirement-editor.js';
import { issueItems } from './requirement-issues.js';

// What a click on these means for itself, not "edit the card".
const INTERACTIVE = 'button, a, input, select, textarea, label, form';

// actions: {updateRequirement(id, changes), removeRequirement(id), resolveConflict(id, resolution),
// dismissFinding(id)}, each returning a promise that rejects with what went wrong.
export function createRequirementCard(requirementId, actions) {
  const textId = `requirement-text-${requirementId}`;
  const node = el('li', { className: 'requirement', dataset: { requirementId } });
  const body = el('div', { className: 'requirement-body' });
  const editButton = el('button', {
    className: 'button quiet small requirement-edit',
    text: 'Edit',
    attrs: { type: 'button', 'aria-describedby': textId },
  });
  const issues = el('ul', { className: 'requirement-issues' });
  const error = el('p', { className: 'card-error', attrs: { role: 'alert' } });
  error.hidden = true;
  node.append(el('div', { className: 'requirement-head' }, body, editButton), issues, error);

  let requirement = null;
  let review = { findings: [], conflicts: [], textOf: () => undefined };
  let shown = ''; // what the card shows now, to redraw only on a change of its own
  let editor = null;
  let busy = false;

  // --- the requirement as it reads -------------------------------------------------------

  function isEdited(field) {
    return requirement.editedFields?.includes(field) ?? false;
  }

  const editedMark = () => el('span', { className: 'edited-mark', text: 'edited', attrs: { title: 'Changed by you' } });

  function fact(field, text, title, { className = '', dataset = {} } = {}) {
    const edited = isEdited(field);
    return el('span', {
      className: `fact ${className}`.trim(),
      dataset: edited ? { ...dataset, edited: '' } : dataset,
      attrs: { title },
    }, el('span', { className: 'fact-value', text }), edited ? editedMark() : null);
  }

  function renderDisplay() {
    const area = requirement.area
      ? fact('area', areaName(requirement.area), 'Area')
      : isEdited('area') ? fact('area', 'No area', 'Area') : null;
    body.replaceChildren(
      el('p', { className: 'requirement-statement' },
        el('span', { className: 'requirement-text', text: requirement.text, attrs: { id: textId } }),
        isEdited('text') ? editedMark() : null),
      el('div', { className: 'requirement-facts' },
        fact('priority', priorityName(requirement.priority), 'MoSCoW priority',
          { className: 'priority', dataset: { priority: requirement.priority } }),
        fact('category', categoryName(requirement.category), 'Category'),
        area,
        el('span', {
          className: 'fact',
          text: confidenceText(requirement.confidence),
          attrs: { title: 'Confidence', 'aria-label': `confidence ${confidenceText(requirement.confidence)}` },
        })));
  }

  // --- findings and conflicts --------------------------------------------------------------

  function renderIssues() {
    issues.replaceChildren(...issueItems(requirement, review, {
      resolveConflict: (conflictId, resolution) => run(() => actions.resolveConflict(conflictId, resolution)),
      dismissFinding: (findingId) => run(() => actions.dismissFinding(findingId)),
    }));
    issues.hidden = issues.childElementCount === 0;
    const open = (item) => item.status === 'open';
    node.dataset.attention = review.conflicts.some(open) ? 'conflict' : review.findings.some(open) ? 'finding' : 'none';
  }

  // A finding or conflict action: the card's buttons wait for it; a failure is said on the card.
  async function run(action) {
    if (busy) return;
    setBusy(true);
    showMessage(error, '');
    try {
      await action();
    } catch (failure) {
      showMessage(error, describeChangeError(failure));
    } finally {
      setBusy(false);
      // The button pressed is gone once settled: the keyboard stays on this card.
      if (node.isConnected && (document.activeElement === document.body || !document.activeElement)) focusCard();
    }
  }

  function setBusy(next) {
    busy = next;
    node.setAttribute('aria-busy', String(next));
    for (const button of issues.querySelectorAll('button')) button.disabled = next;
  }

  function focusCard() {
    if (editor) editor.focus();
    else editButton.focus();
  }

  // --- editing -------------------------------------------------------------------------------

  function openEditor() {
    if (editor) return;
    showMessage(error, '');
    editor = createRequirementEditor(requirement, { onSave: save, onCancel: () => closeEditor(), onRemove: remove });
    node.dataset.editing = '';
    body.replaceChildren(editor.node);
    editButton.hidden = true;
    editor.focus();
  }

  function closeEditor() {
    editor = null;
    delete node.dataset.editing;
    editButton.hidden = false;
    renderDisplay();
    editButton.focus();
  }

  async function save(changes) {
    if (Object.keys(changes).length === 0) return closeEditor();
    const open = editor;
    open.setBusy(true);
    try {
      await actions.updateRequirement(requirementId, changes);
      if (editor === open) closeEditor();
    } catch (failure) {
      if (editor !== open) return;
      open.setBusy(false);
      open.showError(describeChangeError(failure));
    }
  }

  async function remove() {
    const open = editor;
    if (!(await confirmRemoval(requirement.text)) || editor !== open) return;
    open.setBusy(true);
    try {
      await actions.removeRequirement(requirementId); // the panel takes the card away
    } catch (failure) {
      if (editor !== open) return;
      open.setBusy(false);
      open.showError(describeChangeError(failure));
    }
  }

  editButton.addEventListener('click', openEditor);
  node.addEventListener('click', (event) => {
    if (editor || event.target.closest(INTERACTIVE)) return;
    if (String(globalThis.getSelection?.() ?? '').trim()) return; // selecting text to copy it is not editing
    openEditor();
  });

  return {
    node,
    /**
     * Shows the requirement as it is now, with its findings and conflicts (settled ones too);
     * textOf(id) names the other requirement of a conflict. Redraws only what changed.
     */
    show(next, { findings, conflicts, textOf }) {
      const otherTexts = conflicts.map((c) => c.requirementIds.map(textOf));
      const now = JSON.stringify([next, findings, conflicts, otherTexts]);
      if (now === shown) return;
      shown = now;
      requirement = next;
      review = { findings, conflicts, textOf };
      node.dataset.priority = next.priority;
      node.dataset.category = next.category;
      if (!editor) renderDisplay();
      const hadFocus = issues.contains(document.activeElement);
      renderIssues();
      if (busy) setBusy(true);
      if (hadFocus && !node.contains(document.activeElement)) focusCard();
    },
    focus: focusCard,
  };
}

