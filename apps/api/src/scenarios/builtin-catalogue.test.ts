import { describe, expect, it } from 'vitest';
import { CATALOGUE_DIR, ScenarioError, formatScenarioProblem, loadCatalogue, type LoadedScenario } from '@firedrill/scenarios/loader';
import { RESPONDER_ACTIONS } from '../actions/registry.js';
import { buildScenarioVocabulary } from './vocabulary.js';

/**
 * The built-in catalogue (libs/scenarios/catalog) against the real vocabulary: the fault registry
 * with each kind's validation, the demo stack's metrics, the default alerts and SLOs, and the
 * responder allow-list with its params schemas. Any problem fails the test with its file and line.
 */
const vocabulary = buildScenarioVocabulary({
  actions: new Map(Object.entries(RESPONDER_ACTIONS).map(([name, action]) => [name, action.paramsSchema])),
});

async function loadBuiltIn(): Promise<LoadedScenario[]> {
  try {
    return await loadCatalogue(CATALOGUE_DIR, vocabulary);
  } catch (error) {
    if (error instanceof ScenarioError) throw new Error(`the catalogue has problems:\n${error.problems.map(formatScenarioProblem).join('\n')}`);
    throw error;
  }
}

describe('built-in scenario catalogue', () => {
  it('loads every scenario and runbook with no problems', async () => {
    const loaded = await loadBuiltIn();
    expect(loaded.length).toBeGreaterThanOrEqual(10);
  });

  it('gives every scenario a drill-worthy shape', async () => {
    for (const { scenario, runbook } of await loadBuiltIn()) {
      const { id } = scenario.metadata;
      expect(scenario.spec.expectations.alerts.length, `${id}: expected alerts`).toBeGreaterThan(0);
      expect(scenario.spec.hints.length, `${id}: hints`).toBeGreaterThanOrEqual(2);
      expect(scenario.spec.hints.length, `${id}: hints`).toBeLessThanOrEqual(4);
      expect(runbook.steps.length, `${id}: runbook steps`).toBeGreaterThanOrEqual(4);
      expect(runbook.steps.length, `${id}: runbook steps`).toBeLessThanOrEqual(7);
      expect(runbook.steps.every((step) => step.within !== undefined), `${id}: every step has a time bound`).toBe(true);
      expect(scenario.metadata.source, `${id}: source`).toBeTruthy();
    }
  });

  it('lets a rollback fix only scenarios whose faults ship with a release of that service', async () => {
    for (const { scenario } of await loadBuiltIn()) {
      const released = new Set(scenario.spec.faults.filter((fault) => fault.release !== undefined).map((fault) => fault.target['service']));
      for (const fix of scenario.spec.remediations.fixes.filter((matcher) => matcher.action === 'rollback')) {
        expect(released.has(fix.service), `${scenario.metadata.id}: rollback ${fix.service} has a release to revert`).toBe(true);
      }
    }
  });

  it('keeps overlapping incidents apart: one status check per incident at least', async () => {
    const overlapping = (await loadBuiltIn()).filter(({ scenario }) => new Set(scenario.spec.faults.map((fault) => fault.incident)).size > 1);
    expect(overlapping.length).toBeGreaterThan(0);
    for (const { scenario } of overlapping) {
      const services = new Set(scenario.spec.faults.map((fault) => fault.target['service'] as string));
      for (const service of services) {
        expect(scenario.spec.statusChecks.some((check) => check.query.includes(`service="${service}"`)), `${scenario.metadata.id}: a check covers ${service}`).toBe(true);
      }
    }
  });
});
