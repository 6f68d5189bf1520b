// The form a requirement card turns into when the person edits it: its text, priority, category
// and area (one of the standard areas, or none), Save and Cancel, and Remove. Escape cancels.
// It hands on only the fields changed; the card says whether the server took them.

import { el, showMessage } from './dom.js';
import { CATEGORIES, PRIORITY_ORDER, STANDARD_AREAS, areaName, categoryName, priorityName } from './labels.js';

// requirement: as it was when the editor opened. onSave(changes) with the fields changed ({} for
// none); onCancel(); onRemove() asks to remove it.
export function createRequirementEditor(requirement, { onSave, onCancel, onRemove }) {
  const idOf = (field) => `edit-${requirement.id}-${field}`;
  const labelled = (field, label, control) => el('div', { className: `field editor-${field}` },
    el('label', { text: label, attrs: { for: idOf(field) } }), control);
  const select = (field, values, nameOf, selected) => {
    const node = el('select', { attrs: { id: idOf(field), name: field } },
      ...values.map((value) => el('option', { text: nameOf(value), attrs: { value } })));
    node.value = selected;
    return node;
  };

  const text = el('textarea', { attrs: { id: idOf('text'), name: 'text', rows: '3', spellcheck: 'true' } });
  text.value = requirement.text;
  const priority = select('priority', PRIORITY_ORDER, priorityName, requirement.priority);
  const category = select('category', CATEGORIES, categoryName, requirement.category);
  // An area of the requirement's own beyond the standard ones stays choosable.
  const areas = ['', ...STANDARD_AREAS, ...(requirement.area && !STANDARD_AREAS.includes(requirement.area) ? [requirement.area] : [])];
  const area = select('area', areas, (value) => (value ? areaName(value) : 'None'), requirement.area ?? '');
  const error = el('p', { className: 'form-error', attrs: { role: 'alert' } });
  error.hidden = true;
  const saveButton = el('button', { className: 'button primary small', text: 'Save', attrs: { type: 'submit' } });
  const cancelButton = el('button', { className: 'button small', text: 'Cancel', attrs: { type: 'button' } });
  const removeButton = el('button', { className: 'button small danger', text: 'Remove…', attrs: { type: 'button' } });

  const form = el('form', { className: 'requirement-editor', attrs: { 'aria-label': 'Edit requirement', novalidate: '' } },
    labelled('text', 'Requirement', text),
    el('div', { className: 'editor-fields' },
      labelled('priority', 'Priority', priority),
      labelled('category', 'Category', category),
      labelled('area', 'Area', area)),
    error,
    el('div', { className: 'editor-actions' }, removeButton, el('span', { className: 'editor-spacer' }), cancelButton, saveButton));

  // The fields whose value differs from the requirement's; text as typed, less surrounding blanks.
  function changes() {
    const changed = {};
    const typed = text.value.trim();
    if (typed !== requirement.text) changed.text = typed;
    if (priority.value !== requirement.priority) changed.priority = priority.value;
    if (category.value !== requirement.category) changed.category = category.value;
    if (area.value !== (requirement.area ?? '')) changed.area = area.value;
    return changed;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSave(changes());
  });
  cancelButton.addEventListener('click', () => onCancel());
  removeButton.addEventListener('click', () => onRemove());
  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.isComposing) return;
    event.preventDefault();
    event.stopPropagation();
    onCancel();
  });
  // Enter in the text saves, as in the message box; Shift+Enter starts a new line.
  text.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    form.requestSubmit();
  });

  return {
    node: form,
    focus() {
      text.focus();
    },
    setBusy(busy) {
      form.setAttribute('aria-busy', String(busy));
      for (const control of [text, priority, category, area, saveButton, cancelButton, removeButton]) control.disabled = busy;
    },
    // One line, the server's words; focus goes back to the text to correct it.
    showError(message) {
      showMessage(error, message);
      text.focus();
    },
  };
}
