import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile, type LoadedScenario, type LoadScenarioOptions } from './loader.js';
import { ScenarioError, type ScenarioProblem } from './problems.js';
import type { ScenarioVocabulary } from './vocabulary.js';
import { YamlSource } from './yaml-source.js';

/** The built-in catalogue, libs/scenarios/catalog (the same two levels up from src/scenario and dist/scenario). */
export const CATALOGUE_DIR = fileURLToPath(new URL('../../catalog', import.meta.url));

export const SCENARIO_FILE_SUFFIX = '.scenario.yml';

/** Every `*.scenario.yml` under `dir` (recursively), sorted by path. */
export async function findScenarioFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(SCENARIO_FILE_SUFFIX))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Loads every scenario under `dir` with its runbook, sorted by id. Throws one ScenarioError with
 * the problems of every file, including scenario ids used by more than one file.
 */
export async function loadCatalogue(dir: string, vocabulary: ScenarioVocabulary, options: LoadScenarioOptions = {}): Promise<LoadedScenario[]> {
  const files = await findScenarioFiles(dir);
  const loaded: LoadedScenario[] = [];
  const problems: ScenarioProblem[] = [];
  for (const file of files) {
    try {
      loaded.push(await loadScenarioFile(file, vocabulary, options));
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      problems.push(...error.problems);
    }
  }
  problems.push(...(await duplicateScenarioIdProblems(loaded)));
  if (problems.length > 0) throw new ScenarioError(problems);
  return loaded.sort((a, b) => a.scenario.metadata.id.localeCompare(b.scenario.metadata.id));
}

/** A problem at `metadata.id` of every scenario whose id an earlier one already uses. */
export async function duplicateScenarioIdProblems(loaded: readonly LoadedScenario[]): Promise<ScenarioProblem[]> {
  const firstFile = new Map<string, string>();
  const problems: ScenarioProblem[] = [];
  for (const { scenario, file } of loaded) {
    const id = scenario.metadata.id;
    const earlier = firstFile.get(id);
    if (earlier === undefined) {
      firstFile.set(id, file);
      continue;
    }
    const source = new YamlSource(file, await readFile(file, 'utf8'));
    problems.push(source.problem(['metadata', 'id'], `scenario id "${id}" is already used by ${earlier}`));
  }
  return problems;
}
