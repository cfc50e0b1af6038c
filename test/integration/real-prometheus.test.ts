import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI } from '../support/api-process.js';

/**
 * Our rule export and rule unit tests against the real thing: Prometheus's own `promtool` (the
 * Debian `prometheus` package, installed by .ci/run) must load what `firedrill rules export`
 * writes, and promtool and `firedrill rules test` must agree on the same unit tests.
 */
const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
const hasPromtool = promtool.status === 0;
const FIXTURE = fileURLToPath(new URL('../fixtures/rules/pool-alert.test.yml', import.meta.url));

function firedrill(args: string[], cwd?: string) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd });
}

function exportDefaults(dir: string, extra: string[] = []): string {
  const exported = firedrill(['rules', 'export', '--defaults', ...extra]);
  expect(exported.status, exported.stdout + exported.stderr).toBe(0);
  const file = join(dir, 'rules.yml');
  writeFileSync(file, exported.stdout);
  return file;
}

describe.skipIf(!hasPromtool)('rules against the real promtool', () => {
  if (!hasPromtool) console.warn('promtool not found (Debian package prometheus): real-Prometheus rule checks skipped');

  it('promtool check rules loads the exported default rules, at real time and time-scaled', () => {
    for (const extra of [[], ['--time-scale', '60', '--scrape-interval', '1s']]) {
      const dir = mkdtempSync(join(tmpdir(), 'firedrill-rules-'));
      const file = exportDefaults(dir, extra);
      const checked = spawnSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
      expect(checked.status, checked.stdout + checked.stderr).toBe(0);
      expect(checked.stdout).toMatch(/SUCCESS: \d+ rules found/);
    }
  });

  it('promtool and firedrill rules test agree: the pool alert fires with the same labels and annotations', () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-rules-'));
    exportDefaults(dir);
    copyFileSync(FIXTURE, join(dir, 'pool-alert.test.yml'));
    const theirs = spawnSync('promtool', ['test', 'rules', 'pool-alert.test.yml'], { encoding: 'utf8', cwd: dir });
    const ours = firedrill(['rules', 'test', 'pool-alert.test.yml'], dir);
    expect(theirs.status, theirs.stdout + theirs.stderr).toBe(0);
    expect(ours.status, ours.stdout + ours.stderr).toBe(0);
    expect(ours.stdout).toContain('3 passed, 0 failed');
  });

  it('and both fail the same test when the expected annotation or value is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-rules-'));
    exportDefaults(dir);
    const fixture = readFileSync(FIXTURE, 'utf8');
    for (const broken of [fixture.replace("'100% of the pool", "'90% of the pool"), fixture.replace('value: 1\n', 'value: 0.5\n')]) {
      expect(broken).not.toBe(fixture);
      writeFileSync(join(dir, 'broken.test.yml'), broken);
      const theirs = spawnSync('promtool', ['test', 'rules', 'broken.test.yml'], { encoding: 'utf8', cwd: dir });
      const ours = firedrill(['rules', 'test', 'broken.test.yml'], dir);
      expect(theirs.status).toBe(1);
      expect(ours.status, ours.stdout).toBe(1);
      expect(ours.stdout).toContain('1 failed');
    }
  });
});
