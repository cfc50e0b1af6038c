import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  CATALOGUE_DIR,
  ScenarioError,
  duplicateScenarioIdProblems,
  findScenarioFiles,
  formatScenarioProblem,
  loadCatalogue,
  loadScenarioFile,
  type LoadedScenario,
  type ScenarioProblem,
  type ScenarioVocabulary,
} from '@firedrill/scenarios/loader';
import { buildScenarioVocabulary } from '../scenarios/vocabulary.js';

export const SCENARIOS_USAGE = `usage: firedrill scenarios <command>

commands:
  list [--dir DIR]        list the scenarios of the catalogue (default: the built-in one)
  validate PATH...        validate scenario files, or every *.scenario.yml under directories,
                          with their runbooks; prints OK or every problem as file:line:col: field: message
                          (exit 0 when all are valid, 2 when any is not)
`;

class UsageError extends Error {}

/** `firedrill scenarios ...`: 0 on success, 2 on invalid scenarios or a usage error, 1 on other failures. */
export async function scenariosCommand(args: string[], out: NodeJS.WritableStream, vocabulary: ScenarioVocabulary = buildScenarioVocabulary()): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'list':
        return await listCommand(rest, out, vocabulary);
      case 'validate':
        return await validateCommand(rest, out, vocabulary);
      case undefined:
      case 'help':
      case '--help':
        out.write(SCENARIOS_USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown scenarios command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      out.write(`firedrill scenarios: ${error.message}\n\n${SCENARIOS_USAGE}`);
      return 2;
    }
    if (error instanceof ScenarioError) {
      out.write(`${error.message}\n`);
      return 2;
    }
    out.write(`firedrill scenarios: ${(error as Error).message}\n`);
    return 1;
  }
}

async function listCommand(args: string[], out: NodeJS.WritableStream, vocabulary: ScenarioVocabulary): Promise<number> {
  let dir: string | undefined;
  try {
    ({ dir } = parseArgs({ args, options: { dir: { type: 'string' } }, strict: true, allowPositionals: false }).values);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const loaded = await loadCatalogue(dir ?? CATALOGUE_DIR, vocabulary);
  const rows = [
    ['ID', 'VERSION', 'SEVERITY', 'DIFFICULTY', 'TITLE'],
    ...loaded.map(({ scenario: { metadata } }) => [metadata.id, String(metadata.version), metadata.severity, metadata.difficulty, metadata.title]),
  ];
  out.write(formatTable(rows));
  return 0;
}

async function validateCommand(paths: string[], out: NodeJS.WritableStream, vocabulary: ScenarioVocabulary): Promise<number> {
  const option = paths.find((path) => path.startsWith('-'));
  if (option) throw new UsageError(`scenarios validate: unknown option ${option}`);
  if (paths.length === 0) throw new UsageError('scenarios validate needs at least one PATH');
  let valid = true;
  const loaded: LoadedScenario[] = [];
  const printProblems = (problems: readonly ScenarioProblem[]) => {
    valid = false;
    for (const problem of problems) out.write(`${formatScenarioProblem(problem)}\n`);
  };
  for (const path of paths) {
    const files = await scenarioFilesAt(path);
    if (typeof files === 'string') {
      printProblems([{ file: path, line: 1, column: 1, path: '', message: files }]);
      continue;
    }
    for (const file of files) {
      try {
        loaded.push(await loadScenarioFile(file, vocabulary));
        out.write(`OK ${file}\n`);
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        printProblems(error.problems);
      }
    }
  }
  const duplicates = await duplicateScenarioIdProblems(loaded);
  if (duplicates.length > 0) printProblems(duplicates);
  return valid ? 0 : 2;
}

/** The scenario files a PATH names, or why it names none. */
async function scenarioFilesAt(path: string): Promise<string[] | string> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch {
    return 'no such file or directory';
  }
  if (!isDirectory) return [path];
  const files = await findScenarioFiles(path);
  return files.length > 0 ? files : 'no *.scenario.yml files in this directory';
}

function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')).join('\n') + '\n';
}
