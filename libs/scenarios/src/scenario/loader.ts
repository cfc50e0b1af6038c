import { readFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import type { Report } from './action-matchers.js';
import { ScenarioError, type ScenarioProblem } from './problems.js';
import { checkScenarioReferences } from './references.js';
import type { Runbook } from './runbook.js';
import { checkRunbookSteps } from './runbook-checks.js';
import { parseRunbook } from './runbook-parser.js';
import { ScenarioSchema, type Scenario } from './schema.js';
import { VocabularyIndex, type ScenarioVocabulary } from './vocabulary.js';
import { YamlSource } from './yaml-source.js';

export interface LoadedScenario {
  scenario: Scenario;
  runbook: Runbook;
  /** The scenario file and its runbook file, as given / resolved against it. */
  file: string;
  runbookFile: string;
}

export interface LoadScenarioOptions {
  /** Reads the runbook file; node's readFile by default. */
  readFile?: (file: string) => Promise<string>;
}

/** Reads, parses and validates a scenario file and its runbook; throws ScenarioError with every problem. */
export async function loadScenarioFile(file: string, vocabulary: ScenarioVocabulary, options: LoadScenarioOptions = {}): Promise<LoadedScenario> {
  const read = options.readFile ?? ((path: string) => readFile(path, 'utf8'));
  let text: string;
  try {
    text = await read(file);
  } catch (error) {
    throw new ScenarioError([{ file, line: 1, column: 1, path: '', message: `cannot read the scenario: ${(error as Error).message}` }]);
  }
  return loadScenarioText(text, file, vocabulary, options);
}

/**
 * Validates a scenario's text (`file` names it in problems and anchors its runbook path):
 * YAML syntax, the firedrill/v1 schema, references against `vocabulary`, then the runbook's
 * steps. Every problem is collected before throwing, with its file, line, column and field.
 */
export async function loadScenarioText(
  text: string,
  file: string,
  vocabulary: ScenarioVocabulary,
  options: LoadScenarioOptions = {},
): Promise<LoadedScenario> {
  const source = new YamlSource(file, text);
  const syntax = source.syntaxProblems();
  if (syntax.length > 0) throw new ScenarioError(syntax);

  const problems: ScenarioProblem[] = [];
  const report: Report = (path, message, reportOptions) => problems.push(source.problem(path, message, reportOptions));
  const index = new VocabularyIndex(vocabulary);
  const data = source.toJS();
  const parsed = ScenarioSchema.safeParse(data);
  if (parsed.success) checkScenarioReferences(parsed.data, index, report);
  else problems.push(...source.zodProblems(parsed.error));

  // The runbook is checked even when the scenario is not, so that one run shows everything.
  const runbookPath = runbookPathOf(data);
  let runbook: Runbook | undefined;
  const runbookFile = runbookPath === undefined ? '' : join(dirname(file), runbookPath);
  if (runbookPath !== undefined) {
    const markdown = await readRunbook(runbookFile, options);
    if (markdown === undefined) {
      report(['spec', 'runbook'], `runbook file not found: ${runbookFile}`);
    } else {
      const result = parseRunbook(markdown, runbookFile, normalize(runbookPath).replaceAll('\\', '/'));
      problems.push(...result.problems, ...checkRunbookSteps(result.blocks, index));
      runbook = result.runbook;
    }
  }
  if (problems.length > 0 || !parsed.success || !runbook) throw new ScenarioError(problems);
  return { scenario: parsed.data, runbook, file, runbookFile };
}

function runbookPathOf(data: unknown): string | undefined {
  const spec = typeof data === 'object' && data !== null ? (data as { spec?: unknown }).spec : undefined;
  const runbook = typeof spec === 'object' && spec !== null ? (spec as { runbook?: unknown }).runbook : undefined;
  return typeof runbook === 'string' && runbook !== '' ? runbook : undefined;
}

async function readRunbook(file: string, options: LoadScenarioOptions): Promise<string | undefined> {
  try {
    return await (options.readFile ?? ((path: string) => readFile(path, 'utf8')))(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
    throw error;
  }
}
