/**
 * Rubric v1: a drill's score from its scenario, runbook and timeline. Deterministic: the score
 * is a function of its inputs only (no clock), so a stored score can always be recomputed and a
 * rubric change gets a new version instead of silently moving old scores.
 *
 * Weights (points; they add up to 100):
 *   detection 15   MTTD vs targets.mttd: full at or under target, linear down to 0 at 4× target;
 *                  a human declaring the incident before any alert gets full points.
 *   response  20   MTTA vs targets.mtta (10) and MTTR vs targets.mttr (10), same curve.
 *   runbook   25   split evenly over the steps; per step 60% done, 20% in order, 20% in its bound.
 *   diagnosis 15   the last diagnosis names the root cause (id or an accepted phrasing), else 0.
 *   remediation 15 a fix 15, only a mitigation 7, neither 0; −10 per harmful action (floor −15).
 *   collateral 5   5 × (1 − budget burned / scenario limit), the limit defaulting to the whole budget.
 *   status     5   3 for an update after the acknowledgement (before mitigation), 2 after mitigation.
 *   hints      0   minus each hint's cost (a hint asked for twice costs once).
 * The total is the rounded sum, clamped to 0–100.
 */
import type { Runbook, Scenario } from '@firedrill/scenarios';
import type { DrillEvent, DrillTimers } from '../drills/timeline.js';
import { anchorAt, durationSeconds, formatPercent, formatPoints, formatSeconds, normaliseText, quote, roundPoints, type TimeAnchor } from './format.js';
import { isEvent } from './matching.js';
import { scoreRemediation } from './remediation.js';
import { scoreRunbookAdherence } from './runbook-adherence.js';
import { deriveTimers, findDetection } from './timers.js';
import type { DrillMeasurements, DrillScore, ScoreItem } from './types.js';

export { evidenceMatches, matchesAction } from './matching.js';
export type { DrillMeasurements, DrillScore, ScoreItem } from './types.js';

export const RUBRIC_V1_WEIGHTS = {
  detection: 15,
  mtta: 10,
  mttr: 10,
  runbook: 25,
  diagnosis: 15,
  remediation: { fix: 15, mitigationOnly: 7, harmfulPenalty: 10, floor: -15 },
  collateral: 5,
  status: { afterAcknowledgement: 3, afterMitigation: 2 },
} as const;

/** Full points at or under target, linearly down to 0 at four times the target. */
export function speedPoints(actualSeconds: number, targetSeconds: number, max: number): number {
  if (actualSeconds <= targetSeconds) return max;
  const zeroAt = 4 * targetSeconds;
  if (actualSeconds >= zeroAt) return 0;
  return (max * (zeroAt - actualSeconds)) / (zeroAt - targetSeconds);
}

function item(id: string, title: string, max: number): ScoreItem {
  return { id, title, points: 0, max, details: [], followUps: [] };
}

/** The events of the response: from the first fault on; before it there is nothing to respond to. */
export function responseEvents(events: readonly DrillEvent[]): DrillEvent[] {
  const start = events.findIndex((event) => event.type === 'fault.injected');
  return start === -1 ? [...events] : events.slice(start);
}

function byPerson(event: DrillEvent): boolean {
  return event.actor.role !== 'system';
}

function speedLine(label: string, actual: number, target: number, max: number, suffix = ''): { points: number; line: string } {
  const points = roundPoints(speedPoints(actual, target, max));
  const verdict = points === max ? 'full points' : `${formatPoints(points)} of ${max} (0 at ${formatSeconds(4 * target)})`;
  return { points, line: `${label} ${formatSeconds(actual)}${suffix} against a target of ${formatSeconds(target)}: ${verdict}.` };
}

function scoreDetection(scenario: Scenario, events: readonly DrillEvent[], timers: DrillTimers): ScoreItem {
  const result = item('detection', 'Detection speed', RUBRIC_V1_WEIGHTS.detection);
  const target = durationSeconds(scenario.spec.targets.mttd);
  const detection = findDetection(events);
  if (timers.mttd === null || detection === null) {
    result.details.push('Not detected: no alert fired and no incident was declared after the fault.');
    result.followUps.push('Make this failure visible: no alert fired and nobody declared an incident.');
    return result;
  }
  if (timers.detectedBy === 'human') {
    result.points = result.max;
    result.details.push(`Detected by a human: ${detection.actor.name} declared an incident ${formatSeconds(timers.mttd)} after the fault, before any alert fired: full points.`);
    result.details.push(`Note: human detection before any alert earns full points whatever the target (${formatSeconds(target)}).`);
    result.followUps.push('Add or tune an alert: a person noticed this incident before any alert fired.');
    return result;
  }
  const alert = isEvent(detection, 'alert.firing') ? detection.data.alert : 'an alert';
  const { points, line } = speedLine('MTTD', timers.mttd, target, result.max, ` (alert ${alert})`);
  result.points = points;
  result.details.push(line);
  if (timers.mttd > target) result.followUps.push(`Detect sooner: MTTD was ${formatSeconds(timers.mttd)} against a target of ${formatSeconds(target)}; review the alert's threshold and 'for'.`);
  return result;
}

function scoreResponse(scenario: Scenario, timers: DrillTimers): ScoreItem {
  const result = item('response', 'Response speed', RUBRIC_V1_WEIGHTS.mtta + RUBRIC_V1_WEIGHTS.mttr);
  const targets = { mtta: durationSeconds(scenario.spec.targets.mtta), mttr: durationSeconds(scenario.spec.targets.mttr) };
  const parts = [
    { key: 'mtta', label: 'MTTA', max: RUBRIC_V1_WEIGHTS.mtta, actual: timers.mtta, missing: 'The page was never acknowledged after detection', advice: 'Acknowledge the page sooner' },
    { key: 'mttr', label: 'MTTR', max: RUBRIC_V1_WEIGHTS.mttr, actual: timers.mttr, missing: 'The incident was not resolved', advice: 'Resolve sooner' },
  ] as const;
  let total = 0;
  for (const part of parts) {
    const target = targets[part.key];
    if (part.actual === null) {
      result.details.push(`${part.missing}: ${part.label} 0 of ${part.max}.`);
      result.followUps.push(`${part.missing}; ${part.label} target ${formatSeconds(target)}.`);
      continue;
    }
    const { points, line } = speedLine(part.label, part.actual, target, part.max);
    total += points;
    result.details.push(line);
    if (part.actual > target) result.followUps.push(`${part.advice}: ${part.label} was ${formatSeconds(part.actual)} against a target of ${formatSeconds(target)}.`);
  }
  result.points = roundPoints(total);
  return result;
}

/** Whether a diagnosis names the scenario's root cause, by id or by an accepted phrasing. */
export function diagnosisMatches(scenario: Scenario, diagnosis: { text: string; rootCauseId?: string }): boolean {
  const { id, accepted } = scenario.spec.answerKey.rootCause;
  if (diagnosis.rootCauseId === id) return true;
  const text = normaliseText(diagnosis.text);
  return accepted.some((phrase) => text.includes(normaliseText(phrase)));
}

function scoreDiagnosis(scenario: Scenario, response: readonly DrillEvent[], since: TimeAnchor): ScoreItem {
  const result = item('diagnosis', 'Diagnosis', RUBRIC_V1_WEIGHTS.diagnosis);
  const diagnoses = response.filter(byPerson).filter((event) => isEvent(event, 'diagnosis.submitted')) as DrillEvent<'diagnosis.submitted'>[];
  const last = diagnoses.at(-1);
  if (last === undefined) {
    result.details.push('No diagnosis was submitted.');
    result.followUps.push('Submit a diagnosis: name the root cause, not only the symptom.');
    return result;
  }
  if (diagnoses.length > 1) result.details.push(`${diagnoses.length} diagnoses were submitted; the last one counts.`);
  const when = `submitted at ${since(last.at)} by ${last.actor.name}`;
  if (diagnosisMatches(scenario, last.data)) {
    result.points = result.max;
    result.details.push(`Diagnosis ${quote(last.data.text)} (${when}) names the root cause: full points.`);
  } else {
    result.details.push(`Diagnosis ${quote(last.data.text)} (${when}) does not name the root cause: 0 of ${result.max}.`);
    result.followUps.push('Revisit the diagnosis: compare it with the root cause in this postmortem.');
  }
  return result;
}

function scoreCollateral(scenario: Scenario, measurements: DrillMeasurements): ScoreItem {
  const result = item('collateral', 'Collateral damage', RUBRIC_V1_WEIGHTS.collateral);
  const limit = scenario.spec.expectations.maxErrorBudgetBurn ?? scenario.spec.stopConditions.maxErrorBudgetBurn;
  const burned = measurements.errorBudgetBurned;
  if (measurements.requestsFailed !== undefined) result.details.push(`${measurements.requestsFailed} requests failed during the drill.`);
  if (burned === undefined) {
    result.points = result.max;
    result.details.push('The error budget burned was not measured: no deduction.');
    return result;
  }
  const scale = limit !== undefined && limit > 0 ? limit : 1;
  result.points = roundPoints(result.max * Math.min(1, Math.max(0, 1 - burned / scale)));
  const against = limit !== undefined && limit > 0 ? `the scenario's limit of ${formatPercent(limit)}` : 'the whole budget';
  result.details.push(`${formatPercent(burned)} of the error budget burned against ${against}: ${formatPoints(result.points)} of ${result.max}.`);
  if (burned > scale / 2) result.followUps.push(`Limit user impact sooner: ${formatPercent(burned)} of the error budget burned; mitigate first, then diagnose in depth.`);
  return result;
}

function scoreStatusUpdates(response: readonly DrillEvent[], since: TimeAnchor): ScoreItem {
  const weights = RUBRIC_V1_WEIGHTS.status;
  const result = item('status', 'Status updates', weights.afterAcknowledgement + weights.afterMitigation);
  const ackIndex = response.findIndex((event) => event.type === 'page.acknowledged');
  const detectIndex = response.findIndex((event) => event.type === 'alert.firing' || event.type === 'incident.declared');
  const mitigatedIndex = response.findIndex((event) => event.type === 'drill.mitigated');
  const startIndex = ackIndex !== -1 ? ackIndex : detectIndex;
  const updates = response.map((event, index) => ({ event, index })).filter(({ event }) => event.type === 'status.posted' && byPerson(event));
  const during = startIndex === -1 ? undefined : updates.find(({ index }) => index > startIndex && (mitigatedIndex === -1 || index < mitigatedIndex));
  const after = mitigatedIndex === -1 ? undefined : updates.find(({ index }) => index > mitigatedIndex);
  const opening = ackIndex !== -1 ? 'the acknowledgement' : 'detection (the page was never acknowledged)';
  if (during !== undefined) {
    result.points += weights.afterAcknowledgement;
    result.details.push(`Update while responding, after ${opening}, at ${since(during.event.at)}: ${weights.afterAcknowledgement} points.`);
  } else {
    result.details.push(`No status update between ${opening} and mitigation: 0 of ${weights.afterAcknowledgement}.`);
    result.followUps.push('Post a status update soon after acknowledging the page, and again as things change.');
  }
  if (after !== undefined) {
    result.points += weights.afterMitigation;
    result.details.push(`Update after mitigation at ${since(after.event.at)}: ${weights.afterMitigation} points.`);
  } else {
    result.details.push(mitigatedIndex === -1 ? `Not mitigated, so no update after mitigation: 0 of ${weights.afterMitigation}.` : `No status update after mitigation: 0 of ${weights.afterMitigation}.`);
    if (mitigatedIndex !== -1) result.followUps.push('Tell stakeholders when user impact has ended.');
  }
  return result;
}

function scoreHints(response: readonly DrillEvent[], since: TimeAnchor): ScoreItem {
  const result = item('hints', 'Hints used', 0);
  const seen = new Set<string>();
  let cost = 0;
  for (const event of response) {
    if (!isEvent(event, 'hint.requested') || seen.has(event.data.hintId)) continue;
    seen.add(event.data.hintId);
    cost += event.data.cost;
    result.details.push(`Hint '${event.data.hintId}' at ${since(event.at)}: -${event.data.cost}.`);
  }
  if (seen.size === 0) result.details.push('No hints used.');
  result.points = roundPoints(-cost);
  return result;
}

export function scoreDrill(scenario: Scenario, runbook: Runbook, events: readonly DrillEvent[], measurements: DrillMeasurements = {}): DrillScore {
  const timers = deriveTimers(events);
  const response = responseEvents(events);
  const since = anchorAt(timers, events[0]?.at ?? 0);
  const breakdown = [
    scoreDetection(scenario, events, timers),
    scoreResponse(scenario, timers),
    scoreRunbookAdherence(runbook, response, timers, since, RUBRIC_V1_WEIGHTS.runbook),
    scoreDiagnosis(scenario, response, since),
    scoreRemediation(scenario, response.filter(byPerson), since, RUBRIC_V1_WEIGHTS.remediation),
    scoreCollateral(scenario, measurements),
    scoreStatusUpdates(response, since),
    scoreHints(response, since),
  ];
  for (const entry of breakdown) entry.followUps = [...new Set(entry.followUps)];
  const sum = breakdown.reduce((acc, entry) => acc + entry.points, 0);
  return { rubricVersion: 'v1', total: Math.min(100, Math.max(0, Math.round(sum))), breakdown };
}
