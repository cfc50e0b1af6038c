/**
 * Remediation quality: whether the responders applied a real fix, only a mitigation, or actions
 * the scenario calls harmful. Only successful actions count: a refused or failed action changed
 * nothing on the stack.
 */
import type { Scenario } from '@firedrill/scenarios';
import type { DrillEvent } from '../drills/timeline.js';
import { formatPoints, roundPoints, type TimeAnchor } from './format.js';
import { describeAction, isEvent, matchesAction } from './matching.js';
import type { ScoreItem } from './types.js';

export interface RemediationWeights {
  fix: number;
  mitigationOnly: number;
  harmfulPenalty: number;
  /** The lowest the category can go, however many harmful actions were taken. */
  floor: number;
}

export type ActionClass = 'fix' | 'mitigation' | 'harmful' | 'other';

export interface ClassifiedAction {
  event: DrillEvent<'action.taken'>;
  classes: ActionClass[];
  /** The scenario's reason, when the action is harmful. */
  harmfulReason?: string;
}

/** Every successful action of the response, with what the scenario says it is. */
export function classifyActions(scenario: Scenario, events: readonly DrillEvent[]): ClassifiedAction[] {
  const { fixes, mitigations, harmful } = scenario.spec.remediations;
  const taken = events.filter((event): event is DrillEvent<'action.taken'> => isEvent(event, 'action.taken') && event.data.ok);
  return taken.map((event) => {
    const classes: ActionClass[] = [];
    if (fixes.some((matcher) => matchesAction(matcher, event.data))) classes.push('fix');
    if (mitigations.some((matcher) => matchesAction(matcher, event.data))) classes.push('mitigation');
    const harm = harmful.find((matcher) => matchesAction(matcher, event.data));
    if (harm !== undefined) classes.push('harmful');
    if (classes.length === 0) classes.push('other');
    return harm === undefined ? { event, classes } : { event, classes, harmfulReason: harm.reason };
  });
}

export function scoreRemediation(scenario: Scenario, events: readonly DrillEvent[], since: TimeAnchor, weights: RemediationWeights): ScoreItem {
  const result: ScoreItem = { id: 'remediation', title: 'Remediation quality', points: 0, max: weights.fix, details: [], followUps: [] };
  const actions = classifyActions(scenario, events);
  const when = (action: ClassifiedAction) => `${describeAction(action.event.data)} at ${since(action.event.at)}`;
  const fix = actions.find((action) => action.classes.includes('fix'));
  const mitigation = actions.find((action) => action.classes.includes('mitigation'));
  let points = 0;
  if (fix !== undefined) {
    points = weights.fix;
    result.details.push(`Fix applied: ${when(fix)}: ${weights.fix} points.`);
  } else if (mitigation !== undefined) {
    points = weights.mitigationOnly;
    result.details.push(`Only mitigated: ${when(mitigation)}; no lasting fix was applied: ${weights.mitigationOnly} of ${weights.fix}.`);
    result.followUps.push(`Follow the mitigation (${describeAction(mitigation.event.data)}) with a lasting fix of the cause.`);
  } else {
    result.details.push(`Neither a fix nor a mitigation was applied: 0 of ${weights.fix}.`);
    result.followUps.push('Apply a remediation: find the action that removes the cause, or at least relieves users.');
  }
  for (const action of actions.filter((candidate) => candidate.classes.includes('harmful'))) {
    points -= weights.harmfulPenalty;
    result.details.push(`Harmful: ${when(action)}: ${action.harmfulReason} (-${weights.harmfulPenalty}).`);
    result.followUps.push(`Avoid ${describeAction(action.event.data)}: ${action.harmfulReason}`);
  }
  if (points < weights.floor) {
    result.details.push(`Penalties stop at ${formatPoints(weights.floor)} for this category.`);
    points = weights.floor;
  }
  result.points = roundPoints(points);
  return result;
}
