// The connection to the server and the model behind it, in the app bar.

import { byId } from './dom.js';

const STATE_LABELS = {
  connecting: 'Connecting…',
  open: 'Connected',
  disconnected: 'Not connected; trying again…',
  closed: 'Disconnected',
};

export function createConnectionIndicator() {
  const root = byId('connection');
  const label = byId('connection-label');
  const backend = byId('connection-backend');
  let wasOpen = false;

  function labelFor(state) {
    // Once connected, every attempt after a drop is one of reconnecting.
    if (wasOpen && (state === 'connecting' || state === 'disconnected')) return 'Reconnecting…';
    return STATE_LABELS[state] ?? state;
  }

  return {
    // status: the client's {state, error?}; unauthorized when the server refused this page.
    showStatus(status, { unauthorized = false } = {}) {
      wasOpen ||= status.state === 'open';
      root.dataset.state = unauthorized ? 'unauthorized' : status.state;
      label.textContent = unauthorized ? 'Not signed in' : labelFor(status.state);
      root.title = status.error?.message ?? '';
    },
    // info: the result of system:info.
    showBackend(info) {
      const { name, model } = info.backend ?? {};
      backend.textContent = [name, model].filter(Boolean).join(' · ');
      backend.title = `Nexus ${info.version ?? ''} · database ${info.database ?? ''}`.trim();
    },
  };
}
