/** One problem of a scenario or runbook file, at the place in the file it comes from. */
export interface ScenarioProblem {
  file: string;
  /** 1-based line and column in `file`. */
  line: number;
  column: number;
  /** The field, e.g. `spec.faults[1].kind` or `steps[0].evidence.query.metrics[0]`; '' for the file itself. */
  path: string;
  message: string;
}

export type FieldPath = readonly (string | number)[];

/** `['spec', 'faults', 1, 'kind']` → `spec.faults[1].kind`. */
export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? key : `.${key}`;
  }
  return text;
}

export function formatScenarioProblem(problem: ScenarioProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.path === '' ? '(file)' : problem.path}: ${problem.message}`;
}

/** Problems sorted the way an editor lists them: by file, then position. */
export function sortProblems(problems: readonly ScenarioProblem[]): ScenarioProblem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** Every problem of one or more scenario files; the message lists them one a line. */
export class ScenarioError extends Error {
  readonly problems: ScenarioProblem[];

  constructor(problems: readonly ScenarioProblem[]) {
    const sorted = sortProblems(problems);
    super(sorted.map(formatScenarioProblem).join('\n'));
    this.name = 'ScenarioError';
    this.problems = sorted;
  }
}
