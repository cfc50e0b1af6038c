import type { Scenario } from '@firedrill/scenarios';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewDrillRecord } from '../records.js';

/** A temporary data directory per test; `remove` deletes it. */
export function temporaryDataDir(): { dir: string; dbPath: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-store-'));
  return { dir, dbPath: join(dir, 'firedrill.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Enough of a scenario to store; the store never validates it. */
export function drillFixture(id: string, createdAt = 1_000): NewDrillRecord {
  const scenario = {
    apiVersion: 'firedrill/v1',
    kind: 'Scenario',
    metadata: { id: 'pool-exhaustion', version: 3, title: 'Checkout times out' },
    spec: { answerKey: { rootCause: { id: 'pool-too-small', summary: 'pool.max too low', accepted: ['pool'] } } },
  } as unknown as Scenario;
  return {
    id,
    scenarioId: 'pool-exhaustion',
    scenarioVersion: 3,
    scenario,
    runbook: { path: 'runbooks/pool.md', title: 'Pool', markdown: '# Pool', steps: [] },
    speed: 10,
    createdAt,
  };
}
