import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { promqlTestCommand } from './promql-test-command.js';

async function run(args: string[]): Promise<{ code: number; output: string }> {
  const out = new PassThrough();
  let output = '';
  out.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await promqlTestCommand(args, out);
  return { code, output };
}

const dir = mkdtempSync(join(tmpdir(), 'promql-test-command-'));
// Outcomes here do not depend on the engine: skipped cases and a malformed file.
const skippedOnly = join(dir, 'skipped.test');
writeFileSync(skippedOnly, 'load 1m\n  h {{schema:0 sum:1 count:1}}\n\neval instant at 0 h\n  h {{schema:0 sum:1 count:1}}\n\neval instant at 0 step()\n  1\n');
const malformed = join(dir, 'malformed.test');
writeFileSync(malformed, 'load 1m\n  m 1\n\nfrobnicate\n');

describe('firedrill promql test', () => {
  it('prints per-file counts with skip reasons and the closing total line', async () => {
    const { code, output } = await run([skippedOnly]);
    expect(code).toBe(0);
    expect(output).toContain(`${skippedOnly}: 0 passed, 0 failed, 2 skipped\n`);
    expect(output).toContain('1 × native histograms in the expected result');
    expect(output.endsWith('0 passed, 0 failed, 2 skipped\n')).toBe(true);
  });

  it('lists failures with file:line and exits 1', async () => {
    const { code, output } = await run([skippedOnly, malformed]);
    expect(code).toBe(1);
    expect(output).toContain(`FAIL ${malformed}:4`);
    expect(output).toContain('invalid command "frobnicate"');
    expect(output.endsWith('0 passed, 1 failed, 2 skipped\n')).toBe(true);
  });

  it('exits 2 with a clear message on usage errors and unreadable files', async () => {
    expect(await run([])).toMatchObject({ code: 2, output: expect.stringContaining('no test file given') });
    expect(await run(['--bogus', skippedOnly])).toMatchObject({ code: 2, output: expect.stringContaining('unknown option --bogus') });
    const missing = await run([join(dir, 'missing.test')]);
    expect(missing.code).toBe(2);
    expect(missing.output).toMatch(/cannot read .*missing\.test: ENOENT\n$/);
    expect(missing.output).not.toContain('    at ');
  });
});
