import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE_DIR } from '@firedrill/scenarios/loader';
import { describe, expect, it } from 'vitest';
import { AppError } from '../common/errors.js';
import { loadUploadedScenario } from './scenario-upload.js';
import { buildScenarioVocabulary } from './vocabulary.js';

const yaml = readFileSync(join(CATALOGUE_DIR, 'error-spike-bad-deploy.scenario.yml'), 'utf8');
const runbook = readFileSync(join(CATALOGUE_DIR, 'runbooks', 'error-spike-after-deploy.md'), 'utf8');

describe('an uploaded scenario', () => {
  it('validates as a catalogue file, with the runbook from the request', async () => {
    const loaded = await loadUploadedScenario({ file: 'some/dir/mine.scenario.yml', yaml, runbook }, buildScenarioVocabulary());
    expect(loaded.scenario.metadata.id).toBe('error-spike-bad-deploy');
    expect(loaded.file).toBe('mine.scenario.yml');
    expect(loaded.runbook.steps.length).toBeGreaterThan(0);
  });

  it('is a 400 naming every problem with file, line and column', async () => {
    const broken = yaml.replace('kind: error', 'kind: eror').replace('HighErrorRatio, within: 4m', 'HighErorRatio, within: 4m');
    const error = await loadUploadedScenario({ file: 'mine.scenario.yml', yaml: broken, runbook }, buildScenarioVocabulary()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    const fields = (error as AppError).problems.map((problem) => `${problem.field} ${problem.message}`);
    expect(fields.some((text) => /^spec\.faults\[0\]\.kind mine\.scenario\.yml:\d+:\d+: /.test(text))).toBe(true);
    expect(fields.some((text) => /^spec\.expectations\.alerts\[0\]\.name mine\.scenario\.yml:\d+:\d+: /.test(text))).toBe(true);
  });

  it('refuses a body that is not a scenario upload', async () => {
    await expect(loadUploadedScenario({ file: 'x.txt', yaml: 'a', runbook: 'b' }, buildScenarioVocabulary())).rejects.toThrow(/file: must end with \.scenario\.yml/);
    await expect(loadUploadedScenario({ yaml: 'a' }, buildScenarioVocabulary())).rejects.toThrow(/runbook/);
  });
});
