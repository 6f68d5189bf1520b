// How ready the interview's requirements are to build from: the score as a bar against the
// threshold, whether it is ready, what holds it back, and a chip per standard area (nothing yet,
// only unclear requirements, covered) with the ones suggested next. A change of the score or of
// "ready" is announced to screen readers. All of it is the session state's.

import { byId, el } from './dom.js';
import { STANDARD_AREAS, areaName, areaStatusName, countText, percentText } from './labels.js';

const listFormat = new Intl.ListFormat('en', { type: 'conjunction' });

// state: the session state (session-state.js).
export function createReadinessGauge(state) {
  const score = byId('readiness-score');
  const badge = byId('readiness-state');
  const gauge = byId('readiness-gauge');
  const fill = byId('readiness-fill');
  const threshold = byId('readiness-threshold');
  const facts = byId('readiness-facts');
  const areaList = byId('area-list');
  const gapsText = byId('gaps');
  const announcer = byId('readiness-announcer');
  let announced = null; // what was last said of the open interview's readiness

  function stateText(readiness) {
    return readiness.ready ? 'ready to build from' : 'not ready yet';
  }

  function factsText(readiness) {
    const holdingBack = [];
    if (readiness.openConflicts > 0) holdingBack.push(countText(readiness.openConflicts, 'open conflict'));
    if (readiness.openFindings > 0) holdingBack.push(countText(readiness.openFindings, 'unclear requirement'));
    const needed = `Ready at ${percentText(readiness.threshold)} with no open conflict`;
    return holdingBack.length ? `${needed} · ${holdingBack.join(' · ')}` : `${needed}.`;
  }

  function renderGauge() {
    const { readiness } = state;
    const known = readiness !== null;
    const value = known ? readiness.score : 0;
    score.textContent = known ? percentText(value) : '–';
    badge.dataset.ready = String(known && readiness.ready);
    badge.textContent = known && readiness.ready ? 'Ready' : 'Not ready yet';
    gauge.dataset.ready = String(known && readiness.ready);
    gauge.setAttribute('aria-valuenow', String(Math.round(value * 100)));
    gauge.setAttribute('aria-valuetext', known ? `${percentText(value)}, ${stateText(readiness)}` : 'not known yet');
    // CSSOM, not a style attribute: the page's Content-Security-Policy allows no inline style.
    fill.style.width = percentText(Math.min(1, Math.max(0, value)));
    threshold.style.left = percentText(known ? readiness.threshold : 0.8);
    threshold.hidden = !known;
    facts.textContent = known ? factsText(readiness) : '';
    facts.hidden = !known;
  }

  // Each standard area as the readiness has it; before it is known, explored counts as covered.
  // The count in a chip's title is of the requirements held now: the server announces the
  // readiness only when it moves, not for each requirement more in an area already counted.
  function renderAreas() {
    const { exploredAreas, extractedRequirements } = state.session;
    const { gaps, readiness } = state;
    const statusOf = new Map((readiness?.areas ?? []).map((entry) => [entry.area, entry]));
    const others = [...exploredAreas, ...gaps].filter((area) => !STANDARD_AREAS.includes(area));
    const areas = [...STANDARD_AREAS, ...new Set(others)];
    areaList.replaceChildren(...areas.map((area) => {
      const explored = exploredAreas.includes(area);
      const suggested = !explored && gaps.includes(area);
      const entry = statusOf.get(area);
      const status = entry?.status ?? (explored ? 'clear' : 'missing');
      const hidden = `: ${areaStatusName(status)}${suggested ? ', suggested next' : ''}`;
      return el('li', {
        className: 'area',
        dataset: { area, state: explored ? 'explored' : suggested ? 'gap' : 'open', readiness: status },
        attrs: entry ? { title: countText(extractedRequirements.filter((r) => r.area === area).length, 'requirement') } : {},
      }, areaName(area), el('span', { className: 'visually-hidden', text: hidden }));
    }));
    const open = gaps.filter((area) => !exploredAreas.includes(area)).map(areaName);
    gapsText.replaceChildren('Worth covering next: ', el('strong', { text: listFormat.format(open) }), '.');
    gapsText.hidden = open.length === 0;
  }

  // Only a change is said; the readiness of an interview just opened is not news.
  function announce() {
    const { readiness } = state;
    const said = `Readiness ${percentText(readiness.score)}, ${stateText(readiness)}.`;
    if (announced !== null && said !== announced) announcer.textContent = said;
    announced = said;
  }

  state.subscribe((change) => {
    switch (change.type) {
      case 'session':
        if (state.readiness === null) announced = null;
        renderGauge();
        renderAreas();
        break;
      case 'closed':
        announced = null;
        announcer.textContent = '';
        break;
      case 'readiness':
        renderGauge();
        renderAreas();
        announce();
        break;
      case 'area':
      case 'gaps':
      case 'requirements':
      case 'requirement':
      case 'removed':
        renderAreas();
        break;
      default:
    }
  });
}
