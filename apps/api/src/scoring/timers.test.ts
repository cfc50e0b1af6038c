import { describe, expect, it } from 'vitest';
import { deriveState, deriveTimers } from './timers.js';
import { ALERTING, FIXTURE_START, responder, timeline } from './testing/timeline-fixture.js';

const fault = { stepId: 's1', faultId: 'f1', kind: 'pool-exhaustion', target: { service: 'payments' } };
const firing = (alert: string) => ({ alert, labels: { service: 'payments' } });

describe('deriveTimers', () => {
  it('derives every mark and duration from a complete drill', () => {
    const events = timeline()
      .at(0, 'drill.created', { scenarioId: 'x', scenarioVersion: 1, speed: 60, responders: ['alice'] })
      .at(0, 'drill.started', { stackId: 'st' })
      .at('30s', 'fault.injected', fault)
      .at('2m', 'alert.firing', firing('DbPoolSaturated'), ALERTING)
      .at('2m30s', 'alert.firing', firing('HighLatencyP95'), ALERTING)
      .at('3m', 'page.acknowledged', { alert: 'DbPoolSaturated' }, responder())
      .at('9m', 'drill.mitigated', {})
      .at('14m', 'drill.resolved', {})
      .at('20m', 'postmortem.submitted', { markdown: '#' }, responder())
      .build();
    expect(deriveTimers(events)).toEqual({
      t0: FIXTURE_START + 30_000,
      t1: FIXTURE_START + 120_000,
      t2: FIXTURE_START + 180_000,
      t3: FIXTURE_START + 540_000,
      t4: FIXTURE_START + 840_000,
      t5: FIXTURE_START + 1_200_000,
      mttd: 90,
      mtta: 60,
      mttr: 720,
      timeToMitigate: 510,
      timeToRecover: 810,
      detectedBy: 'alert',
    });
  });

  it('counts an incident declared before any alert as human detection', () => {
    const events = timeline()
      .at(0, 'fault.injected', fault)
      .at('40s', 'incident.declared', { summary: 'checkout slow' }, responder())
      .at('2m', 'alert.firing', firing('DbPoolSaturated'), ALERTING)
      .build();
    const timers = deriveTimers(events);
    expect(timers.t1).toBe(FIXTURE_START + 40_000);
    expect(timers.mttd).toBe(40);
    expect(timers.detectedBy).toBe('human');
  });

  it('ignores alerts and declarations before the first fault', () => {
    const events = timeline()
      .at(0, 'alert.firing', firing('TargetDown'), ALERTING)
      .at('5s', 'incident.declared', { summary: 'noise' }, responder())
      .at('10s', 'fault.injected', fault)
      .at('70s', 'alert.firing', firing('DbPoolSaturated'), ALERTING)
      .build();
    expect(deriveTimers(events)).toMatchObject({ t1: FIXTURE_START + 70_000, mttd: 60, detectedBy: 'alert' });
  });

  it('leaves unknown marks and durations null', () => {
    expect(deriveTimers([])).toEqual({
      t0: null, t1: null, t2: null, t3: null, t4: null, t5: null,
      mttd: null, mtta: null, mttr: null, timeToMitigate: null, timeToRecover: null, detectedBy: null,
    });
    const events = timeline().at(0, 'fault.injected', fault).at('1m', 'drill.mitigated', {}).build();
    expect(deriveTimers(events)).toMatchObject({ t0: FIXTURE_START, t1: null, mttd: null, mttr: null, timeToMitigate: 60 });
  });
});

describe('deriveState', () => {
  const base = timeline()
    .at(0, 'drill.created', { scenarioId: 'x', scenarioVersion: 1, speed: 60, responders: [] })
    .at(0, 'drill.started', { stackId: 'st' })
    .at('10s', 'fault.injected', fault)
    .at('1m', 'alert.firing', firing('DbPoolSaturated'), ALERTING)
    .at('2m', 'page.acknowledged', {}, responder())
    .at('4m', 'diagnosis.submitted', { text: 'pool too small' }, responder())
    .at('6m', 'drill.mitigated', {})
    .at('9m', 'drill.resolved', {})
    .at('9m', 'drill.scored', { rubricVersion: 'v1', total: 80 })
    .at('15m', 'postmortem.submitted', { markdown: '#' }, responder())
    .build();

  it('walks the progression one event at a time', () => {
    const states = base.map((_, i) => deriveState(base.slice(0, i + 1)));
    expect(states).toEqual([
      'created', 'running', 'running', 'detected', 'acknowledged', 'diagnosed', 'mitigated', 'resolved', 'scored', 'closed',
    ]);
    expect(deriveState([])).toBe('created');
  });

  it('never moves backwards and stays aborted or interrupted', () => {
    const late = timeline()
      .at(0, 'drill.started', { stackId: 'st' })
      .at('1s', 'fault.injected', fault)
      .at('1m', 'page.acknowledged', {}, responder())
      .at('2m', 'alert.firing', firing('DbPoolSaturated'), ALERTING)
      .build();
    expect(deriveState(late)).toBe('acknowledged');
    const aborted = timeline()
      .at(0, 'drill.started', { stackId: 'st' })
      .at('1m', 'drill.aborted', { reason: 'stop condition' })
      .at('2m', 'drill.resolved', {})
      .build();
    expect(deriveState(aborted)).toBe('aborted');
    const interrupted = timeline().at(0, 'drill.started', { stackId: 'st' }).at('1m', 'drill.interrupted', { reason: 'restart' }).build();
    expect(deriveState(interrupted)).toBe('interrupted');
  });
});
