/**
 * A blameless postmortem draft in Markdown, derived from the timeline and the score, for the
 * responders to edit and submit (T5). Pure: the same drill always gives the same draft, and the
 * date printed is the drill's own (T0), never "now".
 */
import type { Scenario } from '@firedrill/scenarios';
import type { DrillEvent } from '../drills/timeline.js';
import { durationSeconds, formatOffset, formatPercent, formatPoints, formatSeconds, quote } from './format.js';
import { describeAction, isEvent } from './matching.js';
import { classifyActions } from './remediation.js';
import { deriveState, deriveTimers, findDetection } from './timers.js';
import type { DrillMeasurements, DrillScore, ScoreItem } from './types.js';

export interface PostmortemOptions {
  /**
   * Whether to print the answer key (root cause, injected faults, what each action was). Only for
   * facilitators, or for responders once the drill is scored; the caller decides which.
   */
  revealAnswerKey?: boolean;
}

/** A category at or above this share of its points went well; below it, it goes under "didn't". */
const WENT_WELL_SHARE = 0.8;

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function responders(events: readonly DrillEvent[]): string[] {
  const names = new Set<string>();
  for (const event of events) {
    if (isEvent(event, 'drill.created')) event.data.responders.forEach((name) => names.add(name));
    else if (event.actor.role === 'responder') names.add(event.actor.name);
  }
  return [...names];
}

/** The timeline row of an event, or null for events too fine-grained for a postmortem. */
function describeForTimeline(event: DrillEvent, reveal: boolean): string | null {
  if (isEvent(event, 'drill.started')) return 'Drill started';
  if (isEvent(event, 'fault.injected')) {
    const target = Object.values(event.data.target).filter((value) => typeof value === 'string').join(', ');
    return reveal ? `Fault injected: ${event.data.kind}${target === '' ? '' : ` on ${target}`}${event.data.release === undefined ? '' : ` (release ${event.data.release})`}` : 'Incident began';
  }
  if (isEvent(event, 'fault.reverted')) return reveal ? `Fault reverted (${event.data.reason})` : null;
  if (isEvent(event, 'alert.firing')) return `Alert ${event.data.alert} firing`;
  if (isEvent(event, 'alert.resolved')) return `Alert ${event.data.alert} resolved`;
  if (isEvent(event, 'incident.declared')) return `Incident declared: ${quote(event.data.summary)}`;
  if (isEvent(event, 'page.acknowledged')) return event.data.alert === undefined ? 'Page acknowledged' : `Page acknowledged (${event.data.alert})`;
  if (isEvent(event, 'action.taken')) {
    const outcome = event.data.ok ? '' : ` (failed${event.data.error === undefined ? '' : `: ${event.data.error}`})`;
    return `Action: ${describeAction(event.data)}${outcome}`;
  }
  if (isEvent(event, 'diagnosis.submitted')) return `Diagnosis: ${quote(event.data.text)}`;
  if (isEvent(event, 'status.posted')) return `Status update: ${quote(event.data.text)}`;
  if (isEvent(event, 'hint.requested')) return `Hint requested (${event.data.hintId}, -${event.data.cost})`;
  if (isEvent(event, 'drill.mitigated')) return 'Mitigated: status checks green again';
  if (isEvent(event, 'drill.resolved')) return 'Resolved: checks green for the stability period, no drill alert firing';
  if (isEvent(event, 'drill.aborted')) return `Drill aborted: ${event.data.reason}`;
  if (isEvent(event, 'drill.interrupted')) return `Drill interrupted: ${event.data.reason}`;
  return null;
}

function timelineTable(events: readonly DrillEvent[], origin: number, marks: Map<DrillEvent, string>, reveal: boolean): string[] {
  const rows = ['| Time (from T0) | Event | Actor |', '| --- | --- | --- |'];
  for (const event of events) {
    const text = describeForTimeline(event, reveal);
    if (text === null) continue;
    const mark = marks.get(event);
    rows.push(`| ${formatOffset(event.at - origin)} | ${cell(mark === undefined ? text : `**${mark}** ${text}`)} | ${cell(event.actor.name)} |`);
  }
  return rows;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function target(text: string): string {
  return formatSeconds(durationSeconds(text));
}

function orUnknown(seconds: number | null, unknown: string): string {
  return seconds === null ? unknown : formatSeconds(seconds);
}

function categoryBullet(item: ScoreItem): string[] {
  const points = item.max > 0 ? `${formatPoints(item.points)}/${item.max}` : formatPoints(item.points);
  return [`- **${item.title}** (${points})`, ...item.details.map((line) => `  - ${line}`)];
}

function wentWell(item: ScoreItem): boolean {
  return item.max > 0 ? item.points >= item.max * WENT_WELL_SHARE : item.points >= 0;
}

export function postmortemDraft(
  scenario: Scenario,
  events: readonly DrillEvent[],
  score: DrillScore | null,
  measurements: DrillMeasurements = {},
  options: PostmortemOptions = {},
): string {
  const reveal = options.revealAnswerKey ?? true;
  const timers = deriveTimers(events);
  const state = deriveState(events);
  const detection = findDetection(events);
  const origin = timers.t0 ?? events[0]?.at ?? 0;
  const end = timers.t4 ?? events.at(-1)?.at ?? origin;
  const { metadata, spec } = scenario;
  const names = responders(events);
  const firstOf = (type: DrillEvent['type']) => events.find((event) => event.type === type);
  const marks = new Map<DrillEvent, string>();
  for (const [type, mark] of [['fault.injected', 'T0'], ['page.acknowledged', 'T2'], ['drill.mitigated', 'T3'], ['drill.resolved', 'T4']] as const) {
    const event = firstOf(type);
    if (event !== undefined) marks.set(event, mark);
  }
  if (detection !== null) marks.set(detection, 'T1');

  const out: string[] = [];
  out.push(`# Postmortem (draft): ${metadata.title}`, '');
  out.push('> **This was a drill**: a scripted incident played on an isolated stack. No customers were affected.');
  out.push('> This postmortem is blameless: it describes what the system and the process did, not who is at fault.', '');
  out.push('| | |', '| --- | --- |');
  out.push(`| Drill | ${cell(events[0]?.drillId ?? 'unknown')} (this was a drill) |`);
  out.push(`| Scenario | ${cell(metadata.title)} (\`${metadata.id}\` v${metadata.version}) |`);
  out.push(`| Severity | ${metadata.severity} |`);
  out.push(`| Date | ${new Date(origin).toISOString().slice(0, 10)} (UTC) |`);
  out.push(`| Duration | ${formatSeconds((end - origin) / 1000)}${timers.t4 === null ? ' (not resolved)' : ' (fault to resolution)'} |`);
  out.push(`| Responders | ${cell(names.length === 0 ? 'none recorded' : names.join(', '))} |`);
  out.push(`| Outcome | ${state} |`);
  out.push(`| Score | ${score === null ? 'not scored yet' : `${score.total}/100 (rubric ${score.rubricVersion})`} |`, '');

  out.push('## Summary', '', metadata.summary, '');
  const story = [
    timers.mttd === null ? 'The incident was not detected.' : `It was detected ${formatSeconds(timers.mttd)} after it began${timers.detectedBy === 'human' ? ', by a person before any alert fired' : ''}.`,
    timers.mtta === null ? 'The page was not acknowledged.' : `The page was acknowledged ${formatSeconds(timers.mtta)} after detection.`,
    timers.timeToMitigate === null ? 'User impact was not mitigated during the drill.' : `User impact ended ${formatSeconds(timers.timeToMitigate)} after the start.`,
    timers.timeToRecover === null ? 'The incident was not resolved during the drill.' : `It was resolved ${formatSeconds(timers.timeToRecover)} after the start.`,
  ];
  out.push(story.join(' '), '');

  out.push('## Impact', '');
  out.push(`- User impact: ${timers.timeToMitigate === null ? `from the start until the drill ended (${formatSeconds((end - origin) / 1000)})` : formatSeconds(timers.timeToMitigate)}.`);
  out.push(`- Requests failed: ${measurements.requestsFailed ?? 'not measured'}.`);
  out.push(`- Error budget consumed: ${measurements.errorBudgetBurned === undefined ? 'not measured' : `${formatPercent(measurements.errorBudgetBurned)} of the checkout availability error budget`}.`);
  const alerts = [...new Set(events.filter((event) => isEvent(event, 'alert.firing')).map((event) => (event as DrillEvent<'alert.firing'>).data.alert))];
  out.push(`- Alerts that fired: ${alerts.length === 0 ? 'none' : alerts.join(', ')}.`, '');

  out.push('## Timeline', '', ...timelineTable(events, origin, marks, reveal), '');

  out.push('## Root cause', '');
  if (reveal) {
    out.push('> From the scenario\'s answer key: shown to facilitators, and to responders only once the drill is scored.', '');
    out.push(spec.answerKey.rootCause.summary, '');
    const faults = events.filter((event) => isEvent(event, 'fault.injected')) as DrillEvent<'fault.injected'>[];
    for (const fault of faults) out.push(`- Fault \`${fault.data.stepId}\` (${fault.data.kind}) in effect from ${formatOffset(fault.at - origin)}.`);
    if (faults.length > 0) out.push('');
  } else {
    out.push('_Withheld until the drill is scored._', '');
  }

  out.push('## Detection', '');
  out.push(`- MTTD: ${orUnknown(timers.mttd, 'not detected')} (target ${target(spec.targets.mttd)}).`);
  if (detection !== null && isEvent(detection, 'alert.firing')) out.push(`- How: the alert ${detection.data.alert} fired.`);
  else if (detection !== null) out.push(`- How: ${detection.actor.name} declared an incident before any alert fired (detected by a human).`);
  out.push(`- MTTA: ${orUnknown(timers.mtta, 'not acknowledged')} (target ${target(spec.targets.mtta)}).`, '');

  out.push('## Resolution', '');
  const classified = new Map(classifyActions(scenario, events).map((action) => [action.event, action.classes]));
  const actions = events.filter((event) => isEvent(event, 'action.taken')) as DrillEvent<'action.taken'>[];
  if (actions.length === 0) out.push('- No actions were taken.');
  for (const action of actions) {
    const classes = classified.get(action)?.filter((kind) => kind !== 'other') ?? [];
    const label = !action.data.ok ? ' (failed)' : reveal && classes.length > 0 ? ` (${classes.join(', ')})` : '';
    out.push(`- ${formatOffset(action.at - origin)} ${action.actor.name}: ${describeAction(action.data)}${label}`);
  }
  const count = (type: DrillEvent['type']) => events.filter((event) => event.type === type).length;
  out.push(`- Investigation: ${plural(count('query.run'), 'query', 'queries')}, ${plural(count('logs.searched'), 'log search', 'log searches')}, ${plural(count('trace.viewed'), 'trace view', 'trace views')}.`);
  out.push(`- Time to mitigate: ${orUnknown(timers.timeToMitigate, 'not mitigated')}; time to recover: ${orUnknown(timers.timeToRecover, 'not recovered')}; MTTR: ${orUnknown(timers.mttr, 'not resolved')} (target ${target(spec.targets.mttr)}).`, '');

  const breakdown = score?.breakdown ?? [];
  out.push('## What went well', '');
  const good = breakdown.filter(wentWell);
  out.push(...(score === null ? ['- Not scored yet.'] : good.length === 0 ? ['- Nothing scored 80% or more of its points.'] : good.flatMap(categoryBullet)), '');
  out.push('## What didn\'t go well', '');
  const bad = breakdown.filter((item) => !wentWell(item));
  out.push(...(score === null ? ['- Not scored yet.'] : bad.length === 0 ? ['- Every category scored 80% or more of its points.'] : bad.flatMap(categoryBullet)), '');

  out.push('## Action items', '');
  const items = breakdown.flatMap((item) => item.followUps);
  if (score === null) out.push('- [ ] Score the drill to derive action items.');
  else if (items.length === 0) out.push('- [ ] None from the score; note anything in the runbook that was unclear.');
  else out.push(...items.map((line) => `- [ ] ${line}`));
  return `${out.join('\n')}\n`;
}
