// The connection to the server and the model behind it, in the app bar, as the session state
// has them.

import { byId } from './dom.js';

const STATE_LABELS = {
  connecting: 'Connecting…',
  open: 'Connected',
  disconnected: 'Not connected; trying again…',
  closed: 'Disconnected',
};

// state: the session state (its connection and server).
export function createConnectionIndicator(state) {
  const root = byId('connection');
  const label = byId('connection-label');
  const backend = byId('connection-backend');

  function labelFor(connection) {
    // Once connected, every attempt after a drop is one of reconnecting.
    if (state.everConnected && (connection === 'connecting' || connection === 'disconnected')) return 'Reconnecting…';
    return STATE_LABELS[connection] ?? connection;
  }

  function showStatus() {
    const status = state.connection;
    root.dataset.state = state.signedOut ? 'unauthorized' : status.state;
    label.textContent = state.signedOut ? 'Not signed in' : labelFor(status.state);
    root.title = status.error?.message ?? '';
  }

  // The server's system:info.
  function showBackend() {
    const info = state.server;
    const { name, model } = info.backend ?? {};
    backend.textContent = [name, model].filter(Boolean).join(' · ');
    backend.title = `Nexus ${info.version ?? ''} · database ${info.database ?? ''}`.trim();
  }

  state.subscribe(({ type }) => {
    if (type === 'connection') showStatus();
    else if (type === 'server') showBackend();
  });
}
