import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_DIR, findScenarioFiles, loadCatalogue } from './catalogue.js';
import { TEST_VOCABULARY, VALID_RUNBOOK, VALID_SCENARIO } from './loader.test-fixtures.js';
import { ScenarioError } from './problems.js';

async function catalogue(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'firedrill-catalogue-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

const withId = (id: string) => VALID_SCENARIO.replace('  id: pool-exhaustion\n', `  id: ${id}\n`);

describe('loadCatalogue', () => {
  it('is libs/scenarios/catalog', () => {
    expect(CATALOGUE_DIR).toBe(resolve(import.meta.dirname, '../../catalog'));
  });

  it('loads every *.scenario.yml under the directory, sorted by id', async () => {
    const dir = await catalogue({
      'zeta.scenario.yml': withId('alpha'),
      'nested/beta.scenario.yml': withId('beta').replace('runbook: runbooks/pool.md', 'runbook: ../runbooks/pool.md'),
      'runbooks/pool.md': VALID_RUNBOOK,
      'notes.yml': 'not: a scenario',
    });
    expect(await findScenarioFiles(dir)).toEqual([join(dir, 'nested/beta.scenario.yml'), join(dir, 'zeta.scenario.yml')]);
    const loaded = await loadCatalogue(dir, TEST_VOCABULARY);
    expect(loaded.map((entry) => [entry.scenario.metadata.id, entry.file])).toEqual([
      ['alpha', join(dir, 'zeta.scenario.yml')],
      ['beta', join(dir, 'nested/beta.scenario.yml')],
    ]);
    expect(loaded[1]!.runbook.path).toBe('../runbooks/pool.md');
  });

  it('reports the problems of every file and ids used twice, in one error', async () => {
    const dir = await catalogue({
      'a.scenario.yml': withId('same'),
      'b.scenario.yml': withId('same'),
      'c.scenario.yml': withId('broken').replace('severity: SEV2', 'severity: SEV0'),
      'runbooks/pool.md': VALID_RUNBOOK,
    });
    const error = await loadCatalogue(dir, TEST_VOCABULARY).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).problems).toEqual([
      { file: join(dir, 'b.scenario.yml'), line: 4, column: 7, path: 'metadata.id', message: `scenario id "same" is already used by ${join(dir, 'a.scenario.yml')}` },
      expect.objectContaining({ file: join(dir, 'c.scenario.yml'), line: 8, path: 'metadata.severity' }),
    ]);
  });
});
