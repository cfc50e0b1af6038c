/**
 * Runbook adherence: for each machine-checkable step, whether it was done (and by which event),
 * in the runbook's order, and within its time bound measured from detection (T1).
 */
import type { Runbook, RunbookStep } from '@firedrill/scenarios';
import type { DrillEvent, DrillTimers } from '../drills/timeline.js';
import { durationSeconds, formatPoints, formatSeconds, roundPoints, type TimeAnchor } from './format.js';
import { describeEvent, describeEvidence, evidenceMatches } from './matching.js';
import type { ScoreItem } from './types.js';

/** Shares of a step's points: doing it at all matters most; order and timeliness refine it. */
export const STEP_SHARES = { done: 0.6, inOrder: 0.2, withinBound: 0.2 } as const;

export interface StepOutcome {
  step: RunbookStep;
  /** The first event of the response that satisfied the step. */
  evidence: DrillEvent | null;
  /** The earlier runbook step that was done after this one, when any. */
  doneBefore: RunbookStep | null;
  /** Seconds from T1 to the evidence, when both are known. */
  secondsFromDetection: number | null;
  withinBound: boolean;
}

export function assessSteps(runbook: Runbook, response: readonly DrillEvent[], timers: DrillTimers): StepOutcome[] {
  const evidence = runbook.steps.map((step) => response.find((event) => evidenceMatches(step.evidence, event)) ?? null);
  return runbook.steps.map((step, index) => {
    const found = evidence[index] ?? null;
    let doneBefore: RunbookStep | null = null;
    if (found !== null) {
      const earlierDoneLater = runbook.steps.findIndex((_, j) => j < index && (evidence[j]?.seq ?? -Infinity) > found.seq);
      doneBefore = earlierDoneLater === -1 ? null : runbook.steps[earlierDoneLater]!;
    }
    const secondsFromDetection = found === null || timers.t1 === null ? null : (found.at - timers.t1) / 1000;
    const withinBound = step.within === undefined || (secondsFromDetection !== null && secondsFromDetection <= durationSeconds(step.within));
    return { step, evidence: found, doneBefore, secondsFromDetection, withinBound };
  });
}

function stepLine(outcome: StepOutcome, since: TimeAnchor, earned: number, share: number): string {
  const { step, evidence, doneBefore, secondsFromDetection } = outcome;
  const name = `Step '${step.id}' (${step.title})`;
  const score = `${formatPoints(earned)} of ${formatPoints(share)} points`;
  if (evidence === null) return `${name} not done: expected ${describeEvidence(step.evidence)}: ${score}.`;
  const notes: string[] = [];
  if (step.within !== undefined) {
    if (secondsFromDetection === null) notes.push(`bound ${step.within} not checkable: never detected`);
    else if (outcome.withinBound) notes.push(`bound ${step.within}`);
    else notes.push(`bound ${step.within}, late by ${formatSeconds(secondsFromDetection - durationSeconds(step.within))}`);
  }
  if (doneBefore !== null) notes.push(`out of order: before '${doneBefore.id}'`);
  const suffix = notes.length === 0 ? '' : ` (${notes.join('; ')})`;
  return `${name} done at ${since(evidence.at)} by ${describeEvent(evidence)}${suffix}: ${score}.`;
}

function followUp(outcome: StepOutcome): string[] {
  const { step, evidence, doneBefore, secondsFromDetection } = outcome;
  const lines: string[] = [];
  if (evidence === null) lines.push(`Practise runbook step '${step.title}': ${describeEvidence(step.evidence)}${step.within === undefined ? '' : ` within ${step.within} of the page`}.`);
  else {
    if (!outcome.withinBound && secondsFromDetection !== null) lines.push(`Do '${step.title}' sooner: within ${step.within} of the page (took ${formatSeconds(secondsFromDetection)}).`);
    if (doneBefore !== null) lines.push(`Follow the runbook order: '${doneBefore.title}' comes before '${step.title}'.`);
  }
  return lines;
}

export function scoreRunbookAdherence(runbook: Runbook, response: readonly DrillEvent[], timers: DrillTimers, since: TimeAnchor, max: number): ScoreItem {
  const item: ScoreItem = { id: 'runbook', title: 'Runbook adherence', points: 0, max, details: [], followUps: [] };
  if (runbook.steps.length === 0) {
    item.points = max;
    item.details.push(`The runbook '${runbook.title}' has no checkable steps: full points.`);
    return item;
  }
  if (timers.t1 === null) item.details.push('The incident was never detected, so time bounds (measured from detection) cannot be met.');
  const share = max / runbook.steps.length;
  let total = 0;
  for (const outcome of assessSteps(runbook, response, timers)) {
    let earned = 0;
    if (outcome.evidence !== null) {
      earned += share * STEP_SHARES.done;
      if (outcome.doneBefore === null) earned += share * STEP_SHARES.inOrder;
      if (outcome.withinBound) earned += share * STEP_SHARES.withinBound;
    }
    total += earned;
    item.details.push(stepLine(outcome, since, earned, share));
    item.followUps.push(...followUp(outcome));
  }
  item.points = roundPoints(total);
  return item;
}
