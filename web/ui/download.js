// Saves text the page made as a file, through a Blob URL (no server round trip), and what the
// documents of requirements:export are called and typed as.

import { el } from './dom.js';

// Every document format of requirements:export, in the order the export menus offer them.
// styled: whether the EARS style changes it (JSON always keeps the texts as stated). ReqIF has
// no registered MIME type of its own (application/reqif+xml is not one): it is XML.
export const EXPORT_FORMATS = {
  markdown: { name: 'Markdown', extension: 'md', type: 'text/markdown;charset=utf-8', styled: true },
  json: { name: 'JSON', extension: 'json', type: 'application/json', styled: false },
  csv: { name: 'CSV', extension: 'csv', type: 'text/csv;charset=utf-8', styled: true },
  reqif: { name: 'ReqIF', extension: 'reqif', type: 'application/xml', styled: true },
};

// How requirement texts read in a document (requirements:export's options.style).
export const DOCUMENT_STYLES = {
  'as-stated': { name: 'As stated' },
  ears: { name: 'EARS' },
};

// "shop-requirements.reqif", "shop-requirements-SESSION-ears.md": the style in the name only
// where it changed the document.
export function exportFileName({ projectId, sessionId }, format, style) {
  const { extension, styled } = EXPORT_FORMATS[format];
  const parts = [projectId, 'requirements', sessionId, styled && style === 'ears' ? 'ears' : null];
  return `${parts.filter(Boolean).join('-')}.${extension}`;
}

const REVOKE_AFTER_MS = 60_000; // long after the browser has taken the bytes

export function downloadText(filename, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el('a', { attrs: { href: url, download: filename }, className: 'visually-hidden' });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
