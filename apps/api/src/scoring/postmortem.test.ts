import { describe, expect, it } from 'vitest';
import { postmortemDraft } from './postmortem.js';
import { scoreDrill } from './rubric-v1.js';
import { exemplaryDrill, finishExemplary, poolRunbook, poolScenario } from './testing/scenario-fixture.js';
import { ALERTING, responder, timeline } from './testing/timeline-fixture.js';

const measured = { errorBudgetBurned: 0.1, requestsFailed: 42 };
const restart = { action: 'restart', service: 'payments', params: {}, ok: true };

function draftOf(events = finishExemplary(exemplaryDrill().at('6m30s', 'action.taken', restart, responder('bob')))) {
  const scenario = poolScenario();
  const score = scoreDrill(scenario, poolRunbook(), events, measured);
  return postmortemDraft(scenario, events, score, measured);
}

function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`## ${title}\n`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
}

describe('postmortemDraft', () => {
  it('carries the metadata and says it was a drill', () => {
    const draft = draftOf();
    expect(draft.startsWith('# Postmortem (draft): Payments pool exhaustion\n')).toBe(true);
    expect(draft).toContain('**This was a drill**');
    for (const row of [
      '| Drill | drill-7 (this was a drill) |',
      '| Scenario | Payments pool exhaustion (`pool-exhaustion` v2) |',
      '| Severity | SEV2 |',
      '| Date | 2030-01-01 (UTC) |',
      '| Duration | 11m30s (fault to resolution) |',
      '| Responders | alice, bob |',
      '| Score | 89/100 (rubric v1) |',
    ]) expect(draft).toContain(row);
    expect(section(draft, 'Impact')).toContain('- Requests failed: 42.');
    expect(section(draft, 'Impact')).toContain('- Error budget consumed: 10% of the checkout availability error budget.');
  });

  it('has a timeline table of the significant events, from T0, with the marks', () => {
    const table = section(draftOf(), 'Timeline').split('\n').filter((line) => line.startsWith('|'));
    expect(table).toEqual([
      '| Time (from T0) | Event | Actor |',
      '| --- | --- | --- |',
      '| -30s | Drill started | engine |',
      '| +0s | **T0** Fault injected: pool-exhaustion on payments | engine |',
      '| +1m30s | **T1** Alert DbPoolSaturated firing | alerting |',
      '| +2m10s | **T2** Page acknowledged (DbPoolSaturated) | alice |',
      "| +2m30s | Status update: 'Investigating slow checkout' | alice |",
      "| +5m30s | Diagnosis: 'The Connection pool too small for the load' | alice |",
      '| +6m | Action: restart payments | bob |',
      '| +6m30s | Action: set-config payments pool.max=30 | alice |',
      '| +8m30s | **T3** Mitigated: status checks green again | engine |',
      "| +9m | Status update: 'Checkout recovered; pool raised to 30' | alice |",
      '| +11m30s | Alert DbPoolSaturated resolved | alerting |',
      '| +11m30s | **T4** Resolved: checks green for the stability period, no drill alert firing | engine |',
    ]);
  });

  it('reports detection, root cause, resolution and derived lessons', () => {
    const draft = draftOf();
    expect(section(draft, 'Detection')).toContain('- MTTD: 1m30s (target 2m).\n- How: the alert DbPoolSaturated fired.\n- MTTA: 40s (target 1m).');
    expect(section(draft, 'Root cause')).toContain('The payments database pool (max 5) is too small');
    expect(section(draft, 'Root cause')).toContain("answer key");
    expect(section(draft, 'Resolution')).toContain('- +6m bob: restart payments (harmful)\n- +6m30s alice: set-config payments pool.max=30 (fix)');
    expect(section(draft, 'Resolution')).toContain('- Investigation: 1 query, 1 log search, 0 trace views.');
    expect(section(draft, 'What went well')).toContain('- **Detection speed** (15/15)');
    expect(section(draft, "What didn't go well")).toContain('- **Remediation quality** (5/15)');
    expect(section(draft, 'Action items')).toContain('- [ ] Avoid restart payments: a restart drops in-flight payments and the pool fills again at once');
  });

  it('names human detection, unknown timers and a withheld answer key', () => {
    const events = timeline('drill-9')
      .at(0, 'fault.injected', { stepId: 'exhaust', faultId: 'f', kind: 'pool-exhaustion', target: { service: 'payments' } })
      .at('45s', 'incident.declared', { summary: 'checkout | slow' }, responder('carol'))
      .at('3m', 'alert.firing', { alert: 'HighLatencyP95', labels: {} }, ALERTING)
      .build();
    const draft = postmortemDraft(poolScenario(), events, null, {}, { revealAnswerKey: false });
    expect(section(draft, 'Detection')).toContain('- MTTD: 45s (target 2m).\n- How: carol declared an incident before any alert fired (detected by a human).\n- MTTA: not acknowledged (target 1m).');
    expect(draft).toContain("| +45s | **T1** Incident declared: 'checkout \\| slow' | carol |");
    expect(draft).toContain('| +0s | **T0** Incident began | engine |');
    expect(draft).not.toContain('pool-exhaustion on payments');
    expect(section(draft, 'Root cause')).toContain('_Withheld until the drill is scored._');
    expect(draft).toContain('| Duration | 3m (not resolved) |');
    expect(draft).toContain('| Score | not scored yet |');
    expect(section(draft, 'Impact')).toContain('- Requests failed: not measured.');
    expect(section(draft, 'Action items')).toContain('- [ ] Score the drill to derive action items.');
  });

  it('is deterministic', () => {
    expect(draftOf()).toBe(draftOf());
  });
});
