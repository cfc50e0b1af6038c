import { FakeClock } from '@firedrill/clock';
import { MemoryStorage } from '@firedrill/promql';
import { describe, expect, it } from 'vitest';
import { StackAlerting, type RuleEvaluationObservation } from '../alerting/stack-alerting.js';
import { Scraper, type TargetScrapeResult } from '../telemetry/scrape/scraper.js';

/** The two listeners /metrics hangs on the loops: what they report, driven by a fake clock. */
describe('observation hooks', () => {
  it('reports each rule-evaluation round with its wall duration and how late it ran behind its slot', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 1));
    const observations: RuleEvaluationObservation[] = [];
    let wall = 0;
    const alerting = new StackAlerting({
      stackId: 'stk-test',
      clock,
      tsdb: new MemoryStorage(),
      intervalMs: 1000,
      onScrapeCycle: () => () => undefined,
      onTransition: () => undefined,
      onEvaluated: (observation) => observations.push(observation),
      wallNow: () => (wall += 7),
    });
    clock.advance(1000);
    const slot = clock.now();
    await alerting.evaluate(slot);
    clock.advance(1000);
    const late = clock.now();
    clock.advance(2500);
    await alerting.evaluate(late);
    // Nothing is due again at the same slot: no round, no observation.
    await alerting.evaluate(late);
    expect(observations).toEqual([
      { durationSeconds: 0.007, lagSeconds: 0, failures: 0 },
      { durationSeconds: 0.007, lagSeconds: 2.5, failures: 0 },
    ]);
  });

  it('reports every target scrape with its job and whether it succeeded', async () => {
    const results: TargetScrapeResult[] = [];
    const scraper = new Scraper({
      targets: () => [
        { replica: 'catalog-0', service: 'catalog', url: 'http://127.0.0.1:9001' },
        { replica: 'payments-0', service: 'payments', url: 'http://127.0.0.1:9002' },
      ],
      storage: new MemoryStorage(),
      clock: new FakeClock(0),
      fetchMetrics: async (url) => {
        if (url.includes('9002')) throw new Error('connect ECONNREFUSED');
        return { status: 200, contentType: 'text/plain; version=0.0.4', body: 'a 1\n' };
      },
      onTargetScraped: (result) => results.push(result),
    });
    await scraper.scrapeOnce(1000);
    expect(results.map(({ job, ok }) => ({ job, ok })).sort((a, b) => a.job.localeCompare(b.job))).toEqual([
      { job: 'catalog', ok: true },
      { job: 'payments', ok: false },
    ]);
  });
});
