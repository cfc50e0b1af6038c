import { describe, expect, it } from 'vitest';
import type { DrillView, ScenarioSummary } from '../../api/types.js';
import { filterScenarios, historyByScenario, parseStartDrill, sortScenarios, tagsOf } from './catalogue-data.js';

const scenario = (id: string, severity: string, difficulty: string, tags: string[], title = id): ScenarioSummary => ({ id, title, summary: `${id} summary`, severity, difficulty, tags, hints: [], version: 1 });
const scenarios = [scenario('pool', 'SEV2', 'intermediate', ['database', 'payments']), scenario('crash', 'SEV1', 'beginner', ['deploy']), scenario('cache', 'SEV3', 'advanced', ['cache', 'database'], 'Catalog waves')];

const drill = (scenarioId: string, mttd: number | null, mttr: number | null, score?: number, createdAt = '2026-01-01T00:00:00Z'): DrillView => ({
  id: `d-${Math.random()}`,
  scenario: { id: scenarioId, version: 1, title: scenarioId, severity: 'SEV2' },
  state: score === undefined ? 'running' : 'scored',
  speed: 30,
  stackId: null,
  createdAt,
  timers: { t0: null, t1: null, t2: null, t3: null, t4: mttr === null ? null : '2026-01-01T00:10:00Z', t5: null, mttd, mtta: null, mttr, timeToMitigate: null, timeToRecover: null, detectedBy: null },
  ...(score === undefined ? {} : { score: { rubricVersion: 'v1', total: score, breakdown: [], computedAt: createdAt } }),
  participants: [],
});

describe('catalogue data', () => {
  it('filters by tag, severity, difficulty and text', () => {
    expect(filterScenarios(scenarios, { tag: 'database' }).map((s) => s.id)).toEqual(['pool', 'cache']);
    expect(filterScenarios(scenarios, { tag: 'database', severity: 'SEV3' }).map((s) => s.id)).toEqual(['cache']);
    expect(filterScenarios(scenarios, { difficulty: 'beginner' }).map((s) => s.id)).toEqual(['crash']);
    expect(filterScenarios(scenarios, { q: 'WAVES' }).map((s) => s.id)).toEqual(['cache']);
    expect(filterScenarios(scenarios, {})).toHaveLength(3);
  });

  it('lists tags by use and sorts scenarios most severe first', () => {
    expect(tagsOf(scenarios)).toEqual(['database', 'cache', 'deploy', 'payments']);
    expect(sortScenarios(scenarios).map((s) => s.id)).toEqual(['crash', 'pool', 'cache']);
  });

  it('derives how often and how well each scenario was drilled', () => {
    const history = historyByScenario([drill('pool', 40, 300, 70, '2026-01-02T00:00:00Z'), drill('pool', 25, 500, 85), drill('pool', null, null), drill('crash', 10, null)]);
    expect(history.get('pool')).toEqual({ drills: 3, resolved: 2, bestMttd: 25, bestMttr: 300, bestScore: 85, lastDrilledAt: '2026-01-02T00:00:00Z' });
    expect(history.get('crash')).toMatchObject({ drills: 1, resolved: 0, bestMttd: 10, bestMttr: null, bestScore: null });
    expect(history.has('cache')).toBe(false);
  });

  it('reads the start form: speed and participants with observers', () => {
    expect(parseStartDrill('pool', { speed: '30', participants: 'ana, ben\ncarla (observer)' })).toEqual({
      ok: true,
      request: { scenario: 'pool', speed: 30, responders: ['ana', 'ben', { name: 'carla', role: 'observer' }] },
    });
    expect(parseStartDrill('pool', { speed: '1', participants: '' })).toEqual({ ok: true, request: { scenario: 'pool', speed: 1 } });
    const bad = parseStartDrill('pool', { speed: '0', participants: 'ana, ana, <x>' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems.map((p) => p.field)).toEqual(['speed', 'participants', 'participants']);
  });
});
