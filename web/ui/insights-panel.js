// The side panel: the requirements captured so far (most important first), which of the
// standard areas have been explored, and the ones the interviewer suggests covering next. All
// of it is the session state's; the panel shows it as it changes.

import { byId, el } from './dom.js';
import {
  PRIORITY_ORDER, STANDARD_AREAS, areaName, categoryName, confidenceText, priorityName,
} from './labels.js';

const listFormat = new Intl.ListFormat('en', { type: 'conjunction' });
const AREA_STATE_NAMES = { explored: 'explored', gap: 'suggested next', open: 'not discussed yet' };

// state: the session state (session-state.js).
export function createInsightsPanel(state) {
  const list = byId('requirement-list');
  const count = byId('requirements-count');
  const empty = byId('requirements-empty');
  const areaList = byId('area-list');
  const gapsText = byId('gaps');

  function requirementItem(requirement, { fresh }) {
    const facts = el('div', { className: 'requirement-facts' },
      el('span', {
        className: 'fact priority',
        dataset: { priority: requirement.priority },
        text: priorityName(requirement.priority),
        attrs: { title: 'MoSCoW priority' },
      }),
      el('span', { className: 'fact', text: categoryName(requirement.category), attrs: { title: 'Category' } }),
      requirement.area
        ? el('span', { className: 'fact', text: areaName(requirement.area), attrs: { title: 'Area' } })
        : null,
      el('span', {
        className: 'fact',
        text: confidenceText(requirement.confidence),
        attrs: { title: 'Confidence', 'aria-label': `confidence ${confidenceText(requirement.confidence)}` },
      }));
    const item = el('li', {
      className: 'requirement',
      dataset: { requirementId: requirement.id, priority: requirement.priority, category: requirement.category },
    }, el('p', { className: 'requirement-text', text: requirement.text }), facts);
    if (fresh) item.dataset.fresh = '';
    return item;
  }

  function renderRequirements(freshIds = new Set()) {
    const requirements = state.session.extractedRequirements;
    const rank = (r) => {
      const index = PRIORITY_ORDER.indexOf(r.priority);
      return index < 0 ? PRIORITY_ORDER.length : index;
    };
    // Array.prototype.sort is stable: within a priority, the order they were captured in.
    const ordered = [...requirements].sort((a, b) => rank(a) - rank(b));
    list.replaceChildren(...ordered.map((r) => requirementItem(r, { fresh: freshIds.has(r.id) })));
    count.textContent = String(requirements.length);
    empty.hidden = requirements.length > 0;
  }

  function renderCoverage() {
    const { exploredAreas } = state.session;
    const { gaps } = state;
    const areaState = (area) => {
      if (exploredAreas.includes(area)) return 'explored';
      return gaps.includes(area) ? 'gap' : 'open';
    };
    const others = [...exploredAreas, ...gaps].filter((area) => !STANDARD_AREAS.includes(area));
    const areas = [...STANDARD_AREAS, ...new Set(others)];
    areaList.replaceChildren(...areas.map((area) => {
      const coverage = areaState(area);
      return el('li', { className: 'area', dataset: { area, state: coverage } },
        areaName(area), el('span', { className: 'visually-hidden', text: ` (${AREA_STATE_NAMES[coverage]})` }));
    }));
    const open = gaps.filter((area) => !exploredAreas.includes(area)).map(areaName);
    gapsText.replaceChildren('Worth covering next: ', el('strong', { text: listFormat.format(open) }), '.');
    gapsText.hidden = open.length === 0;
  }

  state.subscribe((change) => {
    switch (change.type) {
      case 'session':
        renderRequirements();
        renderCoverage();
        break;
      case 'requirements':
        renderRequirements(new Set(change.added.map((r) => r.id)));
        break;
      case 'area':
      case 'gaps':
        renderCoverage();
        break;
      default:
    }
  });
}
