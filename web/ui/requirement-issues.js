// What the analysis found in one requirement, as the items of its card: open conflicts and
// findings first, each with what the person can do about it, then the settled ones in a line
// each. A conflict is told from this requirement's side: "Keep this" keeps this one.

import { el } from './dom.js';
import { findingKindName } from './labels.js';

// requirement: the card's; findings and conflicts: its own, open and settled; textOf(id): the text
// of another requirement of the interview (undefined once removed). handlers: {resolveConflict(
// conflictId, resolution), dismissFinding(findingId)}, called when the person clicks.
export function issueItems(requirement, { findings, conflicts, textOf }, handlers) {
  const open = (item) => item.status === 'open';
  const conflictItem = (conflict) => conflictIssue(requirement, conflict, textOf, handlers);
  const findingItem = (finding) => findingIssue(finding, handlers);
  return [
    ...conflicts.filter(open).map(conflictItem),
    ...findings.filter(open).map(findingItem),
    ...conflicts.filter((c) => !open(c)).map(conflictItem),
    ...findings.filter((f) => !open(f)).map(findingItem),
  ];
}

function actionButton(text, onClick, className = 'button small') {
  const button = el('button', { className, text, attrs: { type: 'button' } });
  button.addEventListener('click', onClick);
  return button;
}

function conflictIssue(requirement, conflict, textOf, { resolveConflict }) {
  const position = conflict.requirementIds.indexOf(requirement.id); // 0: the first of the pair
  const otherId = conflict.requirementIds[1 - position];
  // The other side may be a requirement another interview of the project recorded.
  const fromProject = conflict.projectRequirement?.id === otherId ? conflict.projectRequirement.text : undefined;
  const otherText = textOf(otherId) ?? fromProject;
  const other = otherText === undefined ? 'a requirement no longer here'
    : fromProject !== undefined ? `“${otherText}” (from another interview)` : `“${otherText}”`;
  const dataset = { kind: 'conflict', status: conflict.status, conflictId: conflict.id };
  if (conflict.status !== 'open') {
    return el('li', { className: 'issue settled', dataset, text: settledConflictText(conflict.resolution, position, other) });
  }
  const [keepThis, keepOther] = position === 0 ? ['keep-first', 'keep-second'] : ['keep-second', 'keep-first'];
  const resolve = (resolution) => () => resolveConflict(conflict.id, resolution);
  const explanationId = `conflict-${conflict.id}-${requirement.id}`;
  return el('li', { className: 'issue conflict', dataset },
    el('p', { className: 'issue-title', text: `Conflicts with ${other}` }),
    el('p', { className: 'issue-text', text: conflict.explanation, attrs: { id: explanationId } }),
    el('div', {
      className: 'issue-actions',
      attrs: { role: 'group', 'aria-label': 'Settle the conflict', 'aria-describedby': explanationId },
    },
    actionButton('Keep this', resolve(keepThis)),
    actionButton('Keep the other', resolve(keepOther)),
    actionButton('Keep both', resolve('keep-both')),
    actionButton('Not a conflict', resolve('dismissed'), 'button quiet small')));
}

function settledConflictText(resolution, position, other) {
  switch (resolution) {
    case 'keep-first':
    case 'keep-second': {
      const kept = resolution === 'keep-first' ? 0 : 1;
      return kept === position ? sentence(`Kept over ${other}`) : `${other} was kept instead of this one.`;
    }
    case 'keep-both':
      return sentence(`Holds together with ${other}`);
    case 'dismissed':
      return `Not in conflict with ${other} after all.`;
    default: // settled without the person: the other one was removed
      return `The conflict with ${other} is settled.`;
  }
}

function findingIssue(finding, { dismissFinding }) {
  const dataset = { kind: 'finding', status: finding.status, findingId: finding.id, findingKind: finding.kind };
  const what = finding.term ? `“${finding.term}”` : findingKindName(finding.kind);
  if (finding.status !== 'open') {
    const settled = finding.status === 'dismissed' ? `${what}: fine as it is.` : `${what}: settled.`;
    return el('li', { className: 'issue settled', dataset, text: settled });
  }
  const messageId = `finding-${finding.id}`;
  return el('li', { className: 'issue finding', dataset },
    el('p', { className: 'issue-title', text: finding.term ? `${findingKindName(finding.kind)}: ${what}` : what }),
    el('p', { className: 'issue-text', text: finding.message, attrs: { id: messageId } }),
    finding.suggestion
      ? el('p', { className: 'issue-suggestion' }, el('span', { className: 'issue-label', text: 'Suggestion: ' }), finding.suggestion)
      : null,
    el('div', {
      className: 'issue-actions',
      attrs: { role: 'group', 'aria-label': 'Answer the finding', 'aria-describedby': messageId },
    },
    actionButton('Fine as it is', () => dismissFinding(finding.id))));
}

// A full stop, unless the text ends with one already (inside a quotation too).
function sentence(text) {
  return /[.!?]”?$/.test(text) ? text : `${text}.`;
}
