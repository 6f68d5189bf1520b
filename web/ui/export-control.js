// The choice of a requirements document: its format (Markdown, JSON, CSV, ReqIF) and the style
// its texts read in (as stated, or EARS). One of these is in the open interview's bar, another
// in the dialog that exports a whole project. JSON always keeps the texts as stated, so the
// style is off while JSON is chosen.

import { el } from './dom.js';
import { DOCUMENT_STYLES, EXPORT_FORMATS } from './download.js';

// formatSelect, styleSelect: empty <select>s (labelled in index.html); onChange() after either.
export function createExportControl({ formatSelect, styleSelect, onChange = () => {} }) {
  formatSelect.replaceChildren(...Object.entries(EXPORT_FORMATS)
    .map(([value, { name }]) => el('option', { attrs: { value }, text: name })));
  styleSelect.replaceChildren(...Object.entries(DOCUMENT_STYLES)
    .map(([value, { name }]) => el('option', { attrs: { value }, text: name })));

  const styled = () => EXPORT_FORMATS[formatSelect.value].styled;

  function update() {
    styleSelect.disabled = !styled();
  }

  formatSelect.addEventListener('change', () => {
    update();
    onChange();
  });
  styleSelect.addEventListener('change', onChange);
  update();

  return {
    // {format, style}: what to ask requirements:export for; a JSON document is as stated.
    get choice() {
      return { format: formatSelect.value, style: styled() ? styleSelect.value : 'as-stated' };
    },
  };
}
