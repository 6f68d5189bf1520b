// Nexus Interview in the browser: the page `nexus serve` serves at /. It talks to the server
// over the WebSocket at /rpc, which the cookie set by the printed address (/?token=…) opens.
//
// Views: "connecting" until the server first answers; "signed out" when it refuses this page;
// then the list of interviews and of projects (#/) or one interview (#/interview/ID). What they
// share (the connection, the server, the open interview) is the session state's
// (ui/session-state.js).

import { createNexusAPI } from './nexus-api.js';
import { createConnectionIndicator } from './ui/connection-indicator.js';
import { byId } from './ui/dom.js';
import { describeError } from './ui/errors.js';
import { createImportDialog } from './ui/import-dialog.js';
import { createInterviewView } from './ui/interview-view.js';
import { createProjectExportDialog } from './ui/project-export-dialog.js';
import { createProjectList } from './ui/project-list.js';
import { createSessionList } from './ui/session-list.js';
import { createSessionState } from './ui/session-state.js';
import { createStartForm } from './ui/start-form.js';

const api = createNexusAPI();
const state = createSessionState();

const views = {
  connecting: byId('connecting-view'),
  signedOut: byId('signed-out'),
  home: byId('home-view'),
  interview: byId('interview-view'),
};

createConnectionIndicator(state);
const projectExport = createProjectExportDialog({
  exportDocument: (projectId, format, options) => api.requirements.export(projectId, format, options),
  onExported: (text) => projectList.showStatus(text),
});
const importDialog = createImportDialog({
  importDocument: (projectId, format, document) => api.requirements.import(projectId, format, document),
  onImported: (projectId, text) => {
    projectList.imported(projectId);
    projectList.showStatus(text);
  },
});
const projectList = createProjectList({
  onExport: (projectId) => projectExport.open(projectId),
  onImport: (projectId) => importDialog.open(projectId),
});
const sessionList = createSessionList({
  loadSessions: async () => {
    const summaries = await api.interview.list();
    projectList.show(summaries);
    return summaries;
  },
  onOpen: (summary) => openInterview(summary.id, { resume: summary.status !== 'completed' }),
});
const startForm = createStartForm({
  onStart: async (projectId, options) => showInterview(await api.interview.start(projectId, options)),
});
const interview = createInterviewView({ api, state, onBack: () => navigate('#/') });

function showView(name) {
  for (const [viewName, view] of Object.entries(views)) view.hidden = viewName !== name;
  if (name !== 'interview') {
    interview.close();
    document.title = 'Nexus Interview';
  }
}

// --- routes -------------------------------------------------------------------------------

const INTERVIEW_ROUTE = /^#\/interview\/([A-Za-z0-9_-]+)$/;

function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash; // route() runs on hashchange
}

// #/interview/ID shows that interview; any other hash, or none, the list.
function route() {
  if (!state.everConnected) return;
  const sessionId = INTERVIEW_ROUTE.exec(location.hash)?.[1];
  if (sessionId) {
    if (state.session?.id !== sessionId) void openInterview(sessionId, { resume: false });
    return;
  }
  showHome();
}

// problem: why an interview asked for could not be shown, if one was.
function showHome(problem) {
  if (problem) history.replaceState(null, '', '#/');
  showView('home');
  void sessionList.refresh().then(() => problem && sessionList.showError(problem));
  startForm.focus();
}

function showInterview(session) {
  showView('interview');
  interview.open(session);
  document.title = `${session.projectId} · Nexus Interview`;
  location.hash = `#/interview/${session.id}`; // route() finds it open already
}

// resume: make a paused interview active again; otherwise open it as it is.
async function openInterview(sessionId, { resume }) {
  try {
    const session = resume ? await api.interview.resume(sessionId) : await api.interview.getSession(sessionId);
    if (session) return showInterview(session);
    showHome('That interview no longer exists.');
  } catch (error) {
    showHome(`The interview could not be opened. ${describeError(error).text}`);
  }
}

// --- connection and events ----------------------------------------------------------------

function connectionChanged(status) {
  const wasConnected = state.everConnected;
  state.setConnection(status);
  if (state.signedOut) return showView('signedOut');
  if (!wasConnected && status.state === 'disconnected') {
    views.connecting.textContent = 'The Nexus server does not answer yet; trying again…';
  }
  if (status.state !== 'open') return;
  if (wasConnected) void refreshAfterReconnect();
  else route();
  void loadServerInfo();
}

async function loadServerInfo() {
  try {
    state.setServer(await api.system.info());
  } catch {
    // Only the app bar's detail is missing; the status says what is wrong.
  }
}

// Events sent while the connection was down are gone: read again what is on screen.
async function refreshAfterReconnect() {
  if (!views.home.hidden) return void sessionList.refresh();
  const sessionId = state.session?.id;
  if (!sessionId || interview.turnInProgress) return;
  try {
    const session = await api.interview.getSession(sessionId);
    if (session) interview.refresh(session);
  } catch {
    // Still showing what was there; the next action tells whether the server is back.
  }
}

const LIST_CHANGING_EVENTS = new Set([
  'interview:started', 'interview:paused', 'interview:resumed', 'interview:completed',
]);

function eventArrived(event) {
  interview.handleEvent(event);
  if (!views.home.hidden && LIST_CHANGING_EVENTS.has(event.type)) void sessionList.refresh();
}

window.addEventListener('hashchange', route);
api.onEvent(eventArrived);
api.onStatus(connectionChanged);
