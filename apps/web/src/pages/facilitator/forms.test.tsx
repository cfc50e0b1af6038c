import { describe, expect, it } from 'vitest';
import type { DrillView } from '../../api/types.js';
import { drillRows, filterDrills, parseNewDrill } from './drill-form.js';
import { parseFaultForm, problemsFor } from './fault-form.js';

describe('parseFaultForm', () => {
  const base = { kind: 'latency', service: 'payments', dependency: 'db', paramsText: '{"delayMs": 500}', durationSeconds: '' };

  it('builds the request body', () => {
    expect(parseFaultForm(base)).toEqual({ ok: true, body: { kind: 'latency', target: { service: 'payments', dependency: 'db' }, params: { delayMs: 500 } } });
    expect(parseFaultForm({ ...base, kind: 'error', durationSeconds: '120' })).toEqual({ ok: true, body: { kind: 'error', target: { service: 'payments' }, params: { delayMs: 500 }, durationSeconds: 120 } });
  });

  it('names the fields it cannot read', () => {
    const result = parseFaultForm({ ...base, kind: '', service: '', paramsText: '[1]', durationSeconds: '-3' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.field)).toEqual(['kind', 'target.service', 'params', 'durationSeconds']);
    expect(parseFaultForm({ ...base, paramsText: '{delayMs: 1}' })).toMatchObject({ ok: false, problems: [{ field: 'params', message: expect.stringContaining('not valid JSON') }] });
  });

  it('gives the API problems to the field they belong to', () => {
    const problems = [{ field: 'params.delayMs', message: 'too big' }, { field: 'kind', message: 'unknown' }];
    expect(problemsFor(problems, 'params')).toEqual(['params.delayMs: too big']);
    expect(problemsFor(problems, 'kind')).toEqual(['unknown']);
  });
});

describe('parseNewDrill', () => {
  it('reads names and roles', () => {
    expect(parseNewDrill({ scenario: 's', speed: '30', responders: 'alex, sam:observer\nkim' })).toEqual({
      ok: true,
      request: { scenario: 's', speed: 30, responders: ['alex', { name: 'sam', role: 'observer' }, 'kim'] },
    });
    expect(parseNewDrill({ scenario: 's', speed: '1', responders: '' })).toEqual({ ok: true, request: { scenario: 's', speed: 1 } });
  });

  it('refuses bad speed, names and roles', () => {
    const result = parseNewDrill({ scenario: '', speed: '0', responders: '<b>, sam:boss' });
    expect(result.ok ? [] : result.problems.map((problem) => problem.field)).toEqual(['scenario', 'speed', 'responders', 'responders']);
  });
});

describe('drillRows', () => {
  const view = (id: string, state: DrillView['state']): DrillView => ({
    id,
    scenario: { id: 'pool', version: 1, title: 'Checkout failing', severity: 'SEV2' },
    state,
    speed: 30,
    stackId: null,
    createdAt: '2026-01-01T00:00:00Z',
    timers: { t0: null, t1: null, t2: null, t3: null, t4: null, t5: null, mttd: 95, mtta: null, mttr: null, timeToMitigate: null, timeToRecover: null, detectedBy: null },
    participants: [{ name: 'alex', role: 'responder' }, { name: 'observer', role: 'observer' }],
    ...(state === 'scored' ? { score: { rubricVersion: 'v1', total: 81, breakdown: [], computedAt: '' } } : {}),
  });

  it('shapes rows and filters them', () => {
    const rows = drillRows([view('a', 'running'), view('b', 'scored')]);
    expect(rows[0]).toMatchObject({ mttd: '1m35s', mtta: '—', score: '—', responders: 'alex', active: true });
    expect(rows[1]).toMatchObject({ score: '81/100', active: false });
    expect(filterDrills(rows, 'active').map((row) => row.id)).toEqual(['a']);
    expect(filterDrills(rows, 'scored').map((row) => row.id)).toEqual(['b']);
    expect(filterDrills(rows, null)).toHaveLength(2);
  });
});
