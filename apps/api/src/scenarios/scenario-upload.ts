import { basename } from 'node:path';
import { loadScenarioText, ScenarioError, SCENARIO_FILE_SUFFIX, type LoadedScenario, type ScenarioVocabulary } from '@firedrill/scenarios/loader';
import { z } from 'zod';
import { AppError, parseWith } from '../common/errors.js';

/** `POST /api/scenarios`: a scenario file's text and its runbook's, as the gate CLI sends them. */
export const ScenarioUploadSchema = z
  .object({
    file: z
      .string()
      .min(1)
      .max(500)
      .refine((file) => file.endsWith(SCENARIO_FILE_SUFFIX), `must end with ${SCENARIO_FILE_SUFFIX}`)
      .describe('the scenario\'s file name, used in problems and to place its runbook'),
    yaml: z.string().min(1).max(128 * 1024).describe('the scenario file (firedrill/v1 YAML)'),
    runbook: z.string().min(1).max(96 * 1024).describe('the runbook Markdown that spec.runbook names'),
  })
  .strict();

/**
 * Validates an uploaded scenario exactly as a catalogue file is validated, with its runbook served
 * from the request: nothing is read from the server's disk, whatever path spec.runbook names.
 * Bad input is a 400 with every problem as `file:line:col` and field.
 */
export async function loadUploadedScenario(body: unknown, vocabulary: ScenarioVocabulary): Promise<LoadedScenario> {
  const upload = parseWith(ScenarioUploadSchema, body ?? {});
  // Only the base name is kept: the client's directories mean nothing here.
  const file = basename(upload.file.replaceAll('\\', '/'));
  // loadScenarioText reads one file only, the runbook that spec.runbook names: it comes from the request.
  const readFile = async (): Promise<string> => upload.runbook;
  try {
    return await loadScenarioText(upload.yaml, file, vocabulary, { readFile });
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    throw AppError.invalid(
      error.problems.map((problem) => ({ field: problem.path === '' ? '(file)' : problem.path, message: `${problem.file}:${problem.line}:${problem.column}: ${problem.message}` })),
      `invalid scenario ${file}`,
    );
  }
}
