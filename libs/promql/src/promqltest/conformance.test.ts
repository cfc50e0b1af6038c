import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runPromqlTestFile, type PromqlTestFileResult } from './runner.js';

/**
 * Prometheus's own PromQL test files, read from the shared conformance checkout next to the repo.
 * Single cases may fail while the engine grows; the bar is the overall pass rate.
 */
const CONFORMANCE_DIR = fileURLToPath(new URL('../../../../../shared/conformance/promql', import.meta.url));
const REQUIRED_PASS_RATE = 0.95;

const files = existsSync(CONFORMANCE_DIR) ? readdirSync(CONFORMANCE_DIR).filter((name) => name.endsWith('.test')).sort() : [];
const suite = files.length > 0 ? describe : describe.skip;

suite(files.length > 0 ? 'PromQL conformance (Prometheus promqltest files)' : '../shared/conformance/promql not found: conformance skipped', () => {
  const results: PromqlTestFileResult[] = [];

  for (const name of files) {
    it(`runs ${name}`, { timeout: 120_000 }, async () => {
      const result = await runPromqlTestFile(join(CONFORMANCE_DIR, name));
      results.push(result);
      expect(result.passed + result.failed + result.skipped).toBeGreaterThan(0);
    });
  }

  it(`passes at least ${REQUIRED_PASS_RATE * 100}% of the cases it runs`, () => {
    const passed = results.reduce((sum, r) => sum + r.passed, 0);
    const failed = results.reduce((sum, r) => sum + r.failed, 0);
    expect(results).toHaveLength(files.length);
    expect(passed / Math.max(1, passed + failed)).toBeGreaterThanOrEqual(REQUIRED_PASS_RATE);
  });

  afterAll(() => {
    const lines = results.map((r) => `  ${r.file.split('/').pop()}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
    const total = results.reduce((sum, r) => ({ p: sum.p + r.passed, f: sum.f + r.failed, s: sum.s + r.skipped }), { p: 0, f: 0, s: 0 });
    const rate = total.p + total.f > 0 ? ((100 * total.p) / (total.p + total.f)).toFixed(1) : '0';
    // Every failure and skip as JSON, for whoever works on the engine: PROMQL_CONFORMANCE_REPORT=/tmp/report.json
    const reportPath = process.env.PROMQL_CONFORMANCE_REPORT;
    if (reportPath) writeFileSync(reportPath, JSON.stringify(results, null, 2));
    console.log(`PromQL conformance\n${lines.join('\n')}\n  total: ${total.p} passed, ${total.f} failed, ${total.s} skipped (${rate}% of run cases pass)`);
  });
});
