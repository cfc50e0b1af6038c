import { describe, expect, it } from 'vitest';
import { runIsLive, runStateTone, scenarioChanges, scoreDelta, sinceLastRows, timerDelta } from './report-model.js';

describe('since last game day', () => {
  it('a higher score is better, a longer timer is worse, and the words say so', () => {
    expect(scoreDelta(12.4)).toEqual({ change: '+12 points (better)', tone: 'better' });
    expect(scoreDelta(-1)).toEqual({ change: '-1 point (worse)', tone: 'worse' });
    expect(scoreDelta(0.2)).toEqual({ change: 'no change', tone: 'same' });
    expect(timerDelta(-65)).toEqual({ change: '1m 5s faster (better)', tone: 'better' });
    expect(timerDelta(120)).toEqual({ change: '2m slower (worse)', tone: 'worse' });
    expect(timerDelta(0.4)).toEqual({ change: 'no change', tone: 'same' });
    expect(timerDelta(null)).toEqual({ change: 'not comparable', tone: 'unknown' });
  });

  it('has one row per figure, or none for the first game day', () => {
    const summary = { drills: 2, resolved: 2, meanScore: 81.6, meanMttd: 45, meanMtta: 90, meanMttr: null };
    expect(sinceLastRows({ summary, sinceLast: null })).toBeNull();
    const rows = sinceLastRows({
      summary,
      sinceLast: { runId: 'r1', scheduledFor: '', meanScoreDelta: 5, meanMttdDelta: 10, meanMttaDelta: -30, meanMttrDelta: null, newScenarios: [], droppedScenarios: [] },
    });
    expect(rows).toEqual([
      { label: 'Mean score', now: '82', change: '+5 points (better)', tone: 'better' },
      { label: 'MTTD', now: '45s', change: '10s slower (worse)', tone: 'worse' },
      { label: 'MTTA', now: '1m 30s', change: '30s faster (better)', tone: 'better' },
      { label: 'MTTR', now: '—', change: 'not comparable', tone: 'unknown' },
    ]);
  });

  it('names the scenarios that came and went', () => {
    const base = { runId: 'r1', scheduledFor: '', meanScoreDelta: null, meanMttdDelta: null, meanMttaDelta: null, meanMttrDelta: null };
    expect(scenarioChanges({ ...base, newScenarios: ['a'], droppedScenarios: ['b', 'c'] })).toBe('new this time: a · not drilled this time: b, c');
    expect(scenarioChanges({ ...base, newScenarios: [], droppedScenarios: [] })).toBeNull();
    expect(scenarioChanges(null)).toBeNull();
  });

  it('knows which run states still change', () => {
    expect(runIsLive('running')).toBe(true);
    expect(runIsLive('finished')).toBe(false);
    expect(runStateTone('missed')).toBe('state-danger');
  });
});
