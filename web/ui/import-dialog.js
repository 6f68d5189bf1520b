// "Import into project …": a JSON export of Nexus or a ReqIF file, read into a project's
// requirements database (requirements:import, all or none). The format is the file's extension's
// (.json; .reqif, .xml), else its first character's ('{' JSON, '<' XML), as `nexus import`
// guesses it. A file too large to send is refused before it is read; the server's reason for
// refusing one is said in the dialog, in one line.

import { DEFAULT_OPTIONS } from '../nexus-api.js';
import { byId, showMessage } from './dom.js';
import { describeImportError } from './errors.js';
import { countText } from './labels.js';

// The document goes in one request, which the server takes up to the size of one WebSocket
// message (the client's maxRequestBytes); larger files are for `nexus import` (up to 64 MiB).
export const MAX_IMPORT_BYTES = DEFAULT_OPTIONS.maxRequestBytes;

// importDocument(projectId, format, text) → a promise of {added, merged, alreadyThere, skipped};
// onImported(projectId, text) says what was done.
export function createImportDialog({ importDocument, onImported }) {
  const dialog = byId('import-dialog');
  const form = byId('import-form');
  const projectInput = byId('import-project');
  const fileInput = byId('import-file');
  const errorText = byId('import-error');
  const importButton = byId('import-button');
  byId('import-file-hint').textContent =
    `A .json export of Nexus, or a .reqif or .xml ReqIF file, of at most ${sizeText(MAX_IMPORT_BYTES)}.`;

  function fail(field, message) {
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.focus();
    }
    showMessage(errorText, message);
  }

  function problem() {
    projectInput.value = projectInput.value.trim();
    if (projectInput.validity.valueMissing) return [projectInput, 'Name the project to import into.'];
    if (!projectInput.validity.valid) {
      return [projectInput, 'A project id holds only letters, digits, “-” and “_” (at most 128).'];
    }
    const [file] = fileInput.files;
    if (!file) return [fileInput, 'Choose the file to import.'];
    if (file.size > MAX_IMPORT_BYTES) {
      return [fileInput, `${file.name} is ${sizeText(file.size)}; at most ${sizeText(MAX_IMPORT_BYTES)} can be ` +
        'imported here. Import it with `nexus import` on the server’s machine.'];
    }
    return null;
  }

  form.addEventListener('input', (event) => { // a choice of file is an input too
    event.target.removeAttribute('aria-invalid');
    showMessage(errorText, '');
  });
  byId('import-cancel').addEventListener('click', () => dialog.close('cancel'));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const invalid = problem();
    if (invalid) return fail(...invalid);
    const projectId = projectInput.value;
    const [file] = fileInput.files;
    showMessage(errorText, '');
    importButton.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const text = await file.text();
      const format = importFormatOf(file.name, text);
      if (!format) {
        return fail(fileInput, `${file.name} is neither a JSON export of Nexus nor a ReqIF file ` +
          '(name it .json, .reqif or .xml).');
      }
      const counts = await importDocument(projectId, format, text);
      onImported(projectId, importedText(projectId, counts));
      dialog.close('imported');
    } catch (error) {
      fail(null, describeImportError(error, file.name));
    } finally {
      importButton.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });

  return {
    // projectId: the project to import into; '' to name a new one in the dialog.
    open(projectId) {
      form.reset();
      for (const field of [projectInput, fileInput]) field.removeAttribute('aria-invalid');
      projectInput.value = projectId;
      showMessage(errorText, '');
      dialog.returnValue = '';
      dialog.showModal();
      (projectId ? fileInput : projectInput).focus();
    },
  };
}

// 'json', 'reqif' or null: by the name's extension, else by the first character that is not
// white space (after a byte-order mark).
export function importFormatOf(fileName, text) {
  const name = fileName.toLowerCase();
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.reqif') || name.endsWith('.xml')) return 'reqif';
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{')) return 'json';
  if (start.startsWith('<')) return 'reqif';
  return null;
}

// "Imported 12 requirements into shop (3 merged, 2 already there, 1 skipped)."
export function importedText(projectId, { added, merged, alreadyThere, skipped }) {
  const details = [
    merged > 0 && `${merged} merged`,
    alreadyThere > 0 && `${alreadyThere} already there`,
    skipped > 0 && `${skipped} skipped`,
  ].filter(Boolean);
  const detail = details.length > 0 ? ` (${details.join(', ')})` : '';
  const read = added + merged + alreadyThere;
  if (read === 0) return `The file held no requirements to import into ${projectId}${detail}.`;
  return `Imported ${countText(read, 'requirement')} into ${projectId}${detail}.`;
}

function sizeText(bytes) {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}
