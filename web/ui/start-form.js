// The form that starts an interview: a project id, and for a change to existing software the
// context the interviewer needs about it.

import { byId, showMessage } from './dom.js';
import { describeError } from './errors.js';

// onStart(projectId, options) → a promise of the started session.
export function createStartForm({ onStart }) {
  const form = byId('start-form');
  const projectInput = byId('project-id');
  const evolutionFields = byId('evolution-fields');
  const projectPath = byId('project-path');
  const repoMap = byId('repo-map');
  const projectSummary = byId('project-summary');
  const errorText = byId('start-error');
  const submitButton = byId('start-button');

  const selectedMode = () => form.elements.mode.value;

  form.addEventListener('change', (event) => {
    if (event.target.name !== 'mode') return;
    evolutionFields.hidden = selectedMode() !== 'evolution';
  });
  form.addEventListener('input', (event) => {
    if (event.target.getAttribute('aria-invalid') !== 'true') return;
    event.target.removeAttribute('aria-invalid');
    showMessage(errorText, '');
  });

  function problem() {
    if (projectInput.validity.valueMissing) {
      return [projectInput, 'Name the project this interview is for.'];
    }
    if (!projectInput.validity.valid) {
      return [projectInput, 'A project id holds only letters, digits, “-” and “_” (at most 128).'];
    }
    if (selectedMode() === 'evolution') {
      if (!projectPath.value.trim()) return [projectPath, 'Say where the existing project lives (its path).'];
      if (!repoMap.value.trim()) return [repoMap, 'Describe the existing code: its files and modules.'];
    }
    return null;
  }

  function startOptions() {
    if (selectedMode() !== 'evolution') return { mode: 'genesis' };
    const evolutionContext = { projectPath: projectPath.value.trim(), repoMapContext: repoMap.value.trim() };
    if (projectSummary.value.trim()) evolutionContext.projectSummary = projectSummary.value.trim();
    return { mode: 'evolution', evolutionContext };
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    projectInput.value = projectInput.value.trim();
    const invalid = problem();
    if (invalid) {
      const [field, message] = invalid;
      field.setAttribute('aria-invalid', 'true');
      showMessage(errorText, message);
      field.focus();
      return;
    }
    showMessage(errorText, '');
    submitButton.disabled = true;
    try {
      await onStart(projectInput.value, startOptions());
    } catch (error) {
      showMessage(errorText, describeError(error).text);
    } finally {
      submitButton.disabled = false;
    }
  });

  return {
    focus() {
      projectInput.focus();
    },
  };
}
