import { describe, expect, it } from 'vitest';
import { scoreDrill, speedPoints } from './rubric-v1.js';
import { exemplaryDrill, finishExemplary, poolRunbook, poolScenario } from './testing/scenario-fixture.js';
import { ALERTING, responder, timeline } from './testing/timeline-fixture.js';
import type { DrillScore } from './types.js';

const alice = responder('alice');
const fault = { stepId: 'exhaust', faultId: 'f-1', kind: 'pool-exhaustion', target: { service: 'payments' } };
const firing = { alert: 'DbPoolSaturated', labels: { service: 'payments' } };
const poolFix = { action: 'set-config', service: 'payments', params: { key: 'pool.max', value: 30 }, ok: true };
const restart = { action: 'restart', service: 'payments', params: {}, ok: true };

function pointsById(score: DrillScore): Record<string, number> {
  return Object.fromEntries(score.breakdown.map((entry) => [entry.id, entry.points]));
}
function entry(score: DrillScore, id: string) {
  return score.breakdown.find((candidate) => candidate.id === id)!;
}

describe('rubric v1', () => {
  const measured = { errorBudgetBurned: 0.1, requestsFailed: 42 };

  it('gives the exemplary drill full marks except for the budget it burned', () => {
    const score = scoreDrill(poolScenario(), poolRunbook(), finishExemplary(exemplaryDrill()), measured);
    expect(score.rubricVersion).toBe('v1');
    expect(score.total).toBe(99);
    expect(pointsById(score)).toEqual({ detection: 15, response: 20, runbook: 25, diagnosis: 15, remediation: 15, collateral: 4, status: 5, hints: 0 });
    expect(score.breakdown.map((item) => item.max)).toEqual([15, 20, 25, 15, 15, 5, 5, 0]);
    expect(entry(score, 'runbook').details).toEqual([
      "Step 'ack' (Acknowledge the page) done at T1+40s by acknowledging DbPoolSaturated (bound 2m): 6.25 of 6.25 points.",
      "Step 'check-pool' (Check the pool) done at T1+2m by query of db_pool_connections_in_use (bound 5m): 6.25 of 6.25 points.",
      "Step 'check-logs' (Search payments logs for timeouts) done at T1+3m by log search (service payments, text 'acquire TIMEOUT') (bound 8m): 6.25 of 6.25 points.",
      "Step 'raise-pool' (Raise the pool size) done at T1+5m by set-config payments pool.max=30 (bound 10m): 6.25 of 6.25 points.",
    ]);
    expect(entry(score, 'detection').details).toEqual(['MTTD 1m30s (alert DbPoolSaturated) against a target of 2m: full points.']);
    expect(entry(score, 'diagnosis').details).toEqual([
      "Diagnosis 'The Connection pool too small for the load' (submitted at T1+4m by alice) names the root cause: full points.",
    ]);
    expect(entry(score, 'remediation').details).toEqual(['Fix applied: set-config payments pool.max=30 at T1+5m: 15 points.']);
    expect(entry(score, 'collateral').details).toEqual([
      '42 requests failed during the drill.',
      "10% of the error budget burned against the scenario's limit of 50%: 4 of 5.",
    ]);
    expect(score.breakdown.flatMap((item) => item.followUps)).toEqual([]);
  });

  it('is deterministic and leaves its inputs alone', () => {
    const events = Object.freeze(finishExemplary(exemplaryDrill().at('6m30s', 'action.taken', restart, alice)).map((event) => Object.freeze(event)));
    const first = scoreDrill(poolScenario(), poolRunbook(), events, measured);
    const second = scoreDrill(poolScenario(), poolRunbook(), events, measured);
    expect(second).toEqual(first);
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
  });

  it('takes 10 points for each harmful action, with the scenario reason', () => {
    const score = scoreDrill(poolScenario(), poolRunbook(), finishExemplary(exemplaryDrill().at('6m30s', 'action.taken', restart, alice)), measured);
    expect(score.total).toBe(89);
    expect(entry(score, 'remediation')).toMatchObject({
      points: 5,
      details: [
        'Fix applied: set-config payments pool.max=30 at T1+5m: 15 points.',
        'Harmful: restart payments at T1+4m30s: a restart drops in-flight payments and the pool fills again at once (-10).',
      ],
      followUps: ['Avoid restart payments: a restart drops in-flight payments and the pool fills again at once'],
    });
  });

  it('stops harmful penalties at -15 and ignores failed actions', () => {
    const events = timeline()
      .at(0, 'fault.injected', fault)
      .at('1m', 'alert.firing', firing, ALERTING)
      .at('2m', 'action.taken', restart, alice)
      .at('3m', 'action.taken', restart, alice)
      .at('4m', 'action.taken', restart, alice)
      .at('5m', 'action.taken', { ...poolFix, ok: false, error: 'refused' }, alice)
      .build();
    const remediation = entry(scoreDrill(poolScenario(), poolRunbook(), events), 'remediation');
    expect(remediation.points).toBe(-15);
    expect(remediation.details.at(-1)).toBe('Penalties stop at -15 for this category.');
    expect(remediation.followUps).toHaveLength(2);
  });

  it('scores only the last diagnosis: a wrong one loses all 15 points', () => {
    const builder = exemplaryDrill().at('6m10s', 'diagnosis.submitted', { text: 'The payments database is slow' }, alice);
    const score = scoreDrill(poolScenario(), poolRunbook(), finishExemplary(builder), measured);
    expect(score.total).toBe(84);
    expect(entry(score, 'diagnosis')).toMatchObject({
      points: 0,
      details: [
        '2 diagnoses were submitted; the last one counts.',
        "Diagnosis 'The payments database is slow' (submitted at T1+4m10s by alice) does not name the root cause: 0 of 15.",
      ],
    });
  });

  it('accepts the root cause id instead of a phrasing', () => {
    const builder = exemplaryDrill().at('6m10s', 'diagnosis.submitted', { text: 'see the catalogue entry', rootCauseId: 'pool-too-small' }, alice);
    expect(entry(scoreDrill(poolScenario(), poolRunbook(), finishExemplary(builder)), 'diagnosis').points).toBe(15);
  });

  it('gives a mitigation without a fix 7 points, and misses the runbook step of the fix', () => {
    const events = exemplaryDrill()
      .at('7m', 'action.taken', { action: 'scale', service: 'payments', params: { replicas: 4 }, ok: true }, alice)
      .at('9m', 'drill.mitigated', {})
      .at('9m30s', 'status.posted', { text: 'better' }, alice)
      .at('12m', 'drill.resolved', {})
      .build();
    const score = scoreDrill(poolScenario(), poolRunbook(), events, measured);
    expect(pointsById(score)).toMatchObject({ runbook: 18.75, remediation: 7 });
    expect(score.total).toBe(85);
    expect(entry(score, 'runbook').details.at(-1)).toBe(
      "Step 'raise-pool' (Raise the pool size) not done: expected the action set-config payments: 0 of 6.25 points.",
    );
    expect(entry(score, 'remediation').details).toEqual([
      'Only mitigated: scale payments replicas=4 at T1+5m; no lasting fix was applied: 7 of 15.',
    ]);
  });

  it('scales slow timers linearly, and marks late and out-of-order steps', () => {
    const events = timeline()
      .at(0, 'fault.injected', fault)
      .at('5m', 'alert.firing', firing, ALERTING)
      .at('7m', 'page.acknowledged', { alert: 'DbPoolSaturated' }, alice)
      .at('7m30s', 'logs.searched', { service: 'payments', text: 'timeout', results: 3 }, alice)
      .at('8m', 'query.run', { promql: 'db_pool_connections_in_use', range: false, metrics: ['db_pool_connections_in_use'], ok: true }, alice)
      .at('9m', 'hint.requested', { hintId: 'look-at-pool', cost: 5 }, alice)
      .at('10m', 'hint.requested', { hintId: 'look-at-pool', cost: 5 }, alice)
      .at('20m', 'action.taken', poolFix, alice)
      .at('25m', 'drill.mitigated', {})
      .at('30m', 'drill.resolved', {})
      .build();
    const score = scoreDrill(poolScenario(), poolRunbook(), events, { errorBudgetBurned: 0.75 });
    expect(pointsById(score)).toEqual({ detection: 7.5, response: 11.67, runbook: 22.5, diagnosis: 0, remediation: 15, collateral: 0, status: 0, hints: -5 });
    expect(score.total).toBe(52);
    expect(entry(score, 'detection').details).toEqual(['MTTD 5m (alert DbPoolSaturated) against a target of 2m: 7.5 of 15 (0 at 8m).']);
    expect(entry(score, 'response').details).toEqual([
      'MTTA 2m against a target of 1m: 6.67 of 10 (0 at 4m).',
      'MTTR 25m against a target of 10m: 5 of 10 (0 at 40m).',
    ]);
    expect(entry(score, 'runbook').details).toEqual([
      "Step 'ack' (Acknowledge the page) done at T1+2m by acknowledging DbPoolSaturated (bound 2m): 6.25 of 6.25 points.",
      "Step 'check-pool' (Check the pool) done at T1+3m by query of db_pool_connections_in_use (bound 5m): 6.25 of 6.25 points.",
      "Step 'check-logs' (Search payments logs for timeouts) done at T1+2m30s by log search (service payments, text 'timeout') (bound 8m; out of order: before 'check-pool'): 5 of 6.25 points.",
      "Step 'raise-pool' (Raise the pool size) done at T1+15m by set-config payments pool.max=30 (bound 10m, late by 5m): 5 of 6.25 points.",
    ]);
    expect(entry(score, 'hints').details).toEqual(["Hint 'look-at-pool' at T1+4m: -5."]);
    expect(entry(score, 'status').details).toEqual([
      'No status update between the acknowledgement and mitigation: 0 of 3.',
      'No status update after mitigation: 0 of 2.',
    ]);
    expect(score.breakdown.flatMap((item) => item.followUps)).toEqual(expect.arrayContaining([
      'Detect sooner: MTTD was 5m against a target of 2m; review the alert\'s threshold and \'for\'.',
      'Do \'Raise the pool size\' sooner: within 10m of the page (took 15m).',
      'Follow the runbook order: \'Check the pool\' comes before \'Search payments logs for timeouts\'.',
      'Limit user impact sooner: 75% of the error budget burned; mitigate first, then diagnose in depth.',
    ]));
  });

  it('gives full detection points to a human who declares before any alert', () => {
    const events = timeline()
      .at(0, 'fault.injected', fault)
      .at('30s', 'incident.declared', { summary: 'checkout is slow' }, alice)
      .at('2m', 'alert.firing', firing, ALERTING)
      .build();
    const detection = entry(scoreDrill(poolScenario(), poolRunbook(), events), 'detection');
    expect(detection.points).toBe(15);
    expect(detection.details).toEqual([
      'Detected by a human: alice declared an incident 30s after the fault, before any alert fired: full points.',
      'Note: human detection before any alert earns full points whatever the target (2m).',
    ]);
  });

  it('scores an untouched drill from nulls without failing', () => {
    const events = timeline().at(0, 'drill.started', { stackId: 's' }).at('30s', 'fault.injected', fault).build();
    const score = scoreDrill(poolScenario(), poolRunbook(), events);
    expect(pointsById(score)).toEqual({ detection: 0, response: 0, runbook: 0, diagnosis: 0, remediation: 0, collateral: 5, status: 0, hints: 0 });
    expect(score.total).toBe(5);
    expect(entry(score, 'detection').details).toEqual(['Not detected: no alert fired and no incident was declared after the fault.']);
    expect(entry(score, 'runbook').details[0]).toBe('The incident was never detected, so time bounds (measured from detection) cannot be met.');
    expect(entry(score, 'collateral').details).toEqual(['The error budget burned was not measured: no deduction.']);
    expect(scoreDrill(poolScenario(), poolRunbook(), []).total).toBe(5);
  });
});

describe('speedPoints', () => {
  it('is full up to the target and 0 from four times it', () => {
    expect([60, 120, 240, 480, 600].map((actual) => speedPoints(actual, 120, 15))).toEqual([15, 15, 10, 0, 0]);
  });
});
