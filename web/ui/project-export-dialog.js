// "Export project …": a project's whole requirements database as a document, in the format and
// style the person picks; the file is downloaded. A failure is said in the dialog, which stays.

import { byId, showMessage } from './dom.js';
import { DOCUMENT_STYLES, EXPORT_FORMATS, downloadText, exportFileName } from './download.js';
import { describeError } from './errors.js';
import { createExportControl } from './export-control.js';

// exportDocument(projectId, format, options) → a promise of the document's text;
// onExported(text) says what was saved.
export function createProjectExportDialog({ exportDocument, onExported }) {
  const dialog = byId('project-export-dialog');
  const name = byId('project-export-name');
  const errorText = byId('project-export-error');
  const exportButton = byId('project-export-button');
  const choice = createExportControl({
    formatSelect: byId('project-export-format'),
    styleSelect: byId('project-export-style'),
    onChange: () => showMessage(errorText, ''),
  });
  let projectId = null;

  exportButton.addEventListener('click', async () => {
    const { format, style } = choice.choice;
    const exporting = projectId;
    exportButton.disabled = true;
    showMessage(errorText, '');
    try {
      const text = await exportDocument(exporting, format, { style });
      const filename = exportFileName({ projectId: exporting }, format, style);
      downloadText(filename, EXPORT_FORMATS[format].type, text);
      const styled = EXPORT_FORMATS[format].styled && style === 'ears' ? ` in ${DOCUMENT_STYLES.ears.name}` : '';
      onExported(`Exported the requirements of ${exporting}${styled} as ${filename}.`);
      dialog.close('exported');
    } catch (error) {
      showMessage(errorText, `The project could not be exported. ${describeError(error).text}`);
    } finally {
      exportButton.disabled = false;
    }
  });

  return {
    open(id) {
      projectId = id;
      name.textContent = id;
      showMessage(errorText, '');
      dialog.returnValue = '';
      dialog.showModal();
    },
  };
}
