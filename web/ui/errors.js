// What a failed call means to the person using the page, in one or two plain sentences.

import { ErrorCode, ErrorKind } from '../nexus-api.js';

// {text, retryable}: retryable when doing the same again may well work. The server's errors are
// told apart by their stable spelling (error.kind, the answer's data.code), the client's own by
// their code; the two never share a value.
export function describeError(error) {
  const reason = serverReason(error);
  switch (error?.kind ?? error?.code) {
    case ErrorKind.MODEL_FAILED:
      return {
        text: `The interviewer could not answer: ${reason}. Your message is saved.`,
        retryable: error.retryable,
      };
    case ErrorKind.PAYLOAD_TOO_LARGE:
      return { text: `Your message is too long to send. ${reason}: shorten it or split it in two.`, retryable: false };
    case ErrorKind.NOT_ACTIVE:
    case ErrorKind.CANCELLED:
      return { text: `${reason}.`, retryable: false };
    case ErrorKind.NOT_FOUND:
      return { text: 'This interview no longer exists; it may have been deleted.', retryable: false };
    case ErrorKind.BUSY:
      return { text: `${reason}.`, retryable: true };
    case ErrorKind.STORAGE_FAILED:
      return { text: `Nothing was changed because it could not be saved: ${reason}.`, retryable: true };
    case ErrorCode.CONNECTION_LOST:
      return {
        text: 'The connection to the server was lost before the answer came. Check the conversation, then try again.',
        retryable: true,
      };
    case ErrorCode.NOT_CONNECTED:
    case ErrorCode.TIMEOUT:
      return { text: 'The server is not answering right now.', retryable: true };
    case ErrorCode.ACCESS_DENIED:
    case ErrorCode.CLOSED:
      return { text: 'This page has no access to the server: open the address `nexus serve` printed.', retryable: false };
    default:
      return { text: `Something went wrong: ${reason}.`, retryable: Boolean(error?.retryable) };
  }
}

// A change to a requirement, a finding or a conflict that failed: the server says in its own
// words what was wrong (an unknown id, a value not allowed), in one line.
export function describeChangeError(error) {
  switch (error?.kind) {
    case ErrorKind.NOT_FOUND:
    case ErrorKind.INVALID_ARGUMENT:
    case ErrorKind.NOT_ACTIVE:
      return `${capitalized(serverReason(error))}.`;
    default:
      return describeError(error).text;
  }
}

// An import that failed (requirements:import): the server says in one line what is wrong with
// the file (not XML, not ReqIF, truncated, a requirement that is not one, too large).
export function describeImportError(error, fileName) {
  switch (error?.kind ?? error?.code) {
    case ErrorKind.INVALID_ARGUMENT:
      return `${fileName} could not be imported: ${serverReason(error)}. Nothing was added.`;
    case ErrorKind.PAYLOAD_TOO_LARGE:
      return `${fileName} is too large to import here (${serverReason(error)}). ` +
        'Import it with `nexus import` on the server’s machine.';
    default:
      return `${fileName} could not be imported. ${describeError(error).text}`;
  }
}

function capitalized(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

// The server's own words without the "method: " prefix the client adds, and no final period.
function serverReason(error) {
  let text = String(error?.message ?? error ?? 'unknown error');
  if (error?.method && text.startsWith(`${error.method}: `)) text = text.slice(error.method.length + 2);
  return text.replace(/[.\s]+$/, '');
}
