// The projects on the server, each with what can be done with its requirements database as a
// whole: export it, import a file into it. The server keeps no list of projects of its own: they
// are those of the interviews (interview:list), and those imported into from this page.

import { byId, el } from './dom.js';
import { countText } from './labels.js';

// onExport(projectId), onImport(projectId): open the dialogs; onImport() for a new project.
export function createProjectList({ onExport, onImport }) {
  const list = byId('project-list');
  const empty = byId('projects-empty');
  const status = byId('projects-status');
  const interviews = new Map(); // projectId → how many interviews it has
  const imported = new Set(); // projects imported into from this page

  function itemFor(projectId) {
    const name = el('span', { className: 'project-item-name', text: projectId });
    name.id = `project-name-${projectId}`;
    const count = interviews.get(projectId) ?? 0;
    const facts = el('p', { className: 'project-item-facts' },
      count > 0 ? countText(count, 'interview') : 'Imported, no interviews yet');
    const button = (text, action) => {
      const node = el('button', { className: 'button small', text, attrs: { type: 'button', 'aria-describedby': name.id } });
      node.addEventListener('click', () => action(projectId));
      return node;
    };
    return el('li', { className: 'project-item', dataset: { projectId } },
      el('div', { className: 'project-item-main' }, name, facts),
      el('div', { className: 'project-item-actions', attrs: { role: 'group', 'aria-label': `Project ${projectId}` } },
        button('Export project…', onExport), button('Import into project…', onImport)));
  }

  function render() {
    const projects = [...new Set([...interviews.keys(), ...imported])].sort((a, b) => a.localeCompare(b));
    list.replaceChildren(...projects.map(itemFor));
    empty.hidden = projects.length > 0;
  }

  byId('import-new-project').addEventListener('click', () => onImport(''));

  return {
    // The projects of these interview summaries (interview:list's).
    show(summaries) {
      interviews.clear();
      for (const { projectId } of summaries) interviews.set(projectId, (interviews.get(projectId) ?? 0) + 1);
      render();
    },
    imported(projectId) {
      imported.add(projectId);
      render();
    },
    // What the last export or import did, in one line ('' clears it). The line stays in place
    // (empty) so that screen readers announce each new text.
    showStatus(text) {
      status.textContent = text;
    },
  };
}
