// How the engine's values read to a person.

// DESIGN.md §2: the areas gap detection knows, in the order they are suggested.
export const STANDARD_AREAS = [
  'authentication', 'authorization', 'data_model', 'api', 'ui_ux',
  'performance', 'security', 'integrations', 'deployment',
];

const AREA_NAMES = {
  api: 'API',
  ui_ux: 'UI/UX',
  data_model: 'Data model',
};

const PRIORITY_NAMES = { must: 'Must', should: 'Should', could: 'Could', wont: 'Won’t' };
export const PRIORITY_ORDER = ['must', 'should', 'could', 'wont'];

const CATEGORY_NAMES = {
  functional: 'Functional',
  'non-functional': 'Non-functional',
  technical: 'Technical',
  constraint: 'Constraint',
  assumption: 'Assumption',
};
export const CATEGORIES = Object.keys(CATEGORY_NAMES);

// What keeps a requirement from being testable, as a short heading.
const FINDING_KIND_NAMES = {
  'vague-term': 'Vague',
  unmeasured: 'Not measurable',
  'open-ended': 'Open-ended',
  compound: 'Several in one',
  'no-actor': 'Who does it?',
  tbd: 'Not decided yet',
};
// A standard area's part in the readiness.
const AREA_STATUS_NAMES = { missing: 'nothing yet', partial: 'only unclear requirements', clear: 'covered' };

const STATUS_NAMES = { active: 'Active', paused: 'Paused', completed: 'Completed' };
const MODE_NAMES = { genesis: 'New software', evolution: 'Change to existing software' };

function capitalized(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

export function areaName(area) {
  return AREA_NAMES[area] ?? capitalized(String(area).replaceAll('_', ' '));
}

export function priorityName(priority) {
  return PRIORITY_NAMES[priority] ?? priority;
}

export function categoryName(category) {
  return CATEGORY_NAMES[category] ?? category;
}

export function statusName(status) {
  return STATUS_NAMES[status] ?? status;
}

export function modeName(mode) {
  return MODE_NAMES[mode] ?? mode;
}

export function findingKindName(kind) {
  return FINDING_KIND_NAMES[kind] ?? capitalized(String(kind).replaceAll('-', ' '));
}

export function areaStatusName(status) {
  return AREA_STATUS_NAMES[status] ?? status;
}

// 0..1 as a whole percentage.
export function percentText(fraction) {
  return `${Math.round(Number(fraction) * 100)}%`;
}

export function confidenceText(confidence) {
  return percentText(confidence);
}

export function countText(count, singular, plural = `${singular}s`) {
  return `${count} ${count === 1 ? singular : plural}`;
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function dateTimeText(iso) {
  return dateTimeFormat.format(new Date(iso));
}

// "5 minutes ago", "yesterday"; exact dates from a week on.
export function relativeTimeText(iso, now = Date.now()) {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const steps = [[60, 'second'], [60, 'minute'], [24, 'hour'], [7, 'day']];
  let value = seconds;
  for (const [size, unit] of steps) {
    if (Math.abs(value) < size) return unit === 'second' ? 'just now' : relativeFormat.format(value, unit);
    value = Math.round(value / size);
  }
  return dateTimeText(iso);
}
