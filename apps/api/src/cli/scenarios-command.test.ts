import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { scenariosCommand } from './scenarios-command.js';

async function run(args: string[]): Promise<{ code: number; output: string }> {
  const out = new PassThrough();
  let output = '';
  out.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await scenariosCommand(args, out);
  return { code, output };
}

const scenario = (id: string, extra: { severity?: string; kind?: string } = {}) => `apiVersion: firedrill/v1
kind: Scenario
metadata:
  id: ${id}
  version: 2
  title: Payments pool exhaustion
  summary: Checkout is slow and failing.
  severity: ${extra.severity ?? 'SEV2'}
  difficulty: intermediate
spec:
  faults:
    - id: slow-queries
      at: 30s
      kind: ${extra.kind ?? 'pool-exhaustion'}
      target: { service: payments }
      params: { mode: slow-queries }
  statusChecks:
    - id: no-timeouts
      description: no acquire timeouts
      query: sum(rate(db_pool_acquire_timeouts_total{service="payments"}[1m])) == 0
  expectations:
    alerts: [{ name: DbPoolSaturated, within: 5m }]
  runbook: runbooks/pool.md
  answerKey:
    rootCause: { id: pool-exhaustion, summary: slow queries hold connections, accepted: [pool exhaustion] }
  remediations:
    fixes: [{ action: set-config, service: payments }]
  targets: { mttd: 5m, mtta: 5m, mttr: 30m }
`;

const RUNBOOK = '# Pool exhaustion\n\n```firedrill-step\nid: ack\ntitle: Acknowledge\nevidence: { ack: true }\n```\n';

async function catalogue(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'firedrill-scenarios-cli-'));
  await mkdir(join(dir, 'runbooks'));
  await writeFile(join(dir, 'runbooks/pool.md'), RUNBOOK);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('firedrill scenarios', () => {
  it('usage errors exit 2 with a message', async () => {
    expect(await run([])).toMatchObject({ code: 2 });
    expect(await run(['frobnicate'])).toMatchObject({ code: 2, output: expect.stringContaining('unknown scenarios command "frobnicate"') });
    expect(await run(['validate'])).toMatchObject({ code: 2, output: expect.stringContaining('needs at least one PATH') });
    expect(await run(['list', '--nope'])).toMatchObject({ code: 2 });
  });

  it('list prints a table of the catalogue sorted by id', async () => {
    const dir = await catalogue({ 'b.scenario.yml': scenario('zeta-pool'), 'a.scenario.yml': scenario('alpha-pool', { severity: 'SEV1' }) });
    expect(await run(['list', '--dir', dir])).toEqual({
      code: 0,
      output: [
        'ID          VERSION  SEVERITY  DIFFICULTY    TITLE',
        'alpha-pool  2        SEV1      intermediate  Payments pool exhaustion',
        'zeta-pool   2        SEV2      intermediate  Payments pool exhaustion',
        '',
      ].join('\n'),
    });
  });

  it('validate exits 0 when every scenario is valid and 2 with every problem when one is not', async () => {
    const dir = await catalogue({ 'good.scenario.yml': scenario('good') });
    expect(await run(['validate', dir])).toEqual({ code: 0, output: `OK ${join(dir, 'good.scenario.yml')}\n` });

    const bad = join(dir, 'bad.scenario.yml');
    await writeFile(bad, scenario('bad', { kind: 'pool-exhausted' }).replace('service: payments }\n      params', 'service: gateway }\n      params'));
    const result = await run(['validate', join(dir, 'good.scenario.yml'), bad, join(dir, 'missing.scenario.yml')]);
    expect(result.code).toBe(2);
    expect(result.output.split('\n')).toEqual([
      `OK ${join(dir, 'good.scenario.yml')}`,
      `${bad}:14:13: spec.faults[0].kind: unknown fault kind "pool-exhausted"; did you mean "pool-exhaustion"?; kinds: ${result.output.match(/kinds: (.*)/)![1]}`,
      `${join(dir, 'missing.scenario.yml')}:1:1: (file): no such file or directory`,
      '',
    ]);

    const list = await run(['list', '--dir', dir]);
    expect(list.code).toBe(2);
    expect(list.output).toContain(`${bad}:14:13: spec.faults[0].kind`);
  });

  it('checks fault targets with the fault kind itself', async () => {
    const dir = await catalogue({ 'x.scenario.yml': scenario('x').replace('service: payments }\n      params', 'service: gateway }\n      params') });
    const result = await run(['validate', dir]);
    expect(result).toEqual({ code: 2, output: `${join(dir, 'x.scenario.yml')}:15:26: spec.faults[0].target.service: gateway has no database (catalog and payments have one)\n` });
  });
});
