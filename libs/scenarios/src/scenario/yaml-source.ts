import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import type { FieldPath, ScenarioProblem } from './problems.js';
import { formatFieldPath } from './problems.js';

type ZodIssue = z.core.$ZodIssue;

/**
 * A YAML text (a whole scenario file, or one step block of a runbook) with the positions of its
 * nodes, so that a problem found in the parsed data can be reported at its place in the file.
 * `firstLine` is the file line the text starts on (runbook blocks sit inside Markdown).
 */
export class YamlSource {
  readonly document: Document;
  private readonly lineCounter = new LineCounter();

  constructor(
    readonly file: string,
    text: string,
    private readonly firstLine = 1,
    /** Prepended to every reported path, e.g. `steps[2]` for a runbook block. */
    private readonly basePath: FieldPath = [],
  ) {
    this.document = parseDocument(text, { lineCounter: this.lineCounter, prettyErrors: false });
  }

  /** YAML syntax errors (duplicate keys included), each at its position. */
  syntaxProblems(): ScenarioProblem[] {
    return this.document.errors.map((error) => {
      const { line, col } = this.lineCounter.linePos(error.pos[0]);
      return this.at(line, col, [], error.message.split('\n')[0]!);
    });
  }

  toJS(): unknown {
    return this.document.toJS();
  }

  /** A problem at the node of `path` (its key with `atKey`), or at its nearest existing ancestor. */
  problem(path: FieldPath, message: string, options: { atKey?: boolean } = {}): ScenarioProblem {
    const node = this.nodeAt(path, options.atKey ?? false);
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.lineCounter.linePos(offset);
    return this.at(line, col, path, message);
  }

  /** Every zod issue as a problem at the YAML node of its path, under `base`. */
  zodProblems(error: z.ZodError, base: FieldPath = []): ScenarioProblem[] {
    return error.issues.flatMap((issue) => this.issueProblems(issue, base));
  }

  private issueProblems(issue: ZodIssue, base: FieldPath): ScenarioProblem[] {
    const path = [...base, ...(issue.path as (string | number)[])];
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => this.problem([...path, key], `unknown field "${key}"`, { atKey: true }));
      case 'invalid_union': {
        // The alternative whose keys are all there is the one the author meant: report its issues.
        const meant = issue.errors.filter((branch) => branch.every((inner) => !isRootKeyMismatch(inner)));
        if (meant.length === 1) return meant[0]!.flatMap((inner) => this.issueProblems(inner, path));
        const alternatives = unionAlternatives(issue.errors);
        const message = alternatives.length > 0 ? `expected exactly one of: ${alternatives.join(', ')}` : (issue.errors[0]?.[0]?.message ?? issue.message);
        return [this.problem(path, message)];
      }
      case 'invalid_type':
        if (issue.message.endsWith('received undefined')) return [this.problem(path, `missing (expected ${issue.expected})`)];
        return [this.problem(path, issue.message)];
      default:
        return [this.problem(path, issue.message)];
    }
  }

  private at(line: number, column: number, path: FieldPath, message: string): ScenarioProblem {
    return { file: this.file, line: this.firstLine - 1 + line, column, path: formatFieldPath([...this.basePath, ...path]), message };
  }

  private nodeAt(path: FieldPath, atKey: boolean): Node | undefined {
    let node = this.document.contents as Node | null;
    let found: Node | undefined = node ?? undefined;
    for (let index = 0; index < path.length && node; index++) {
      const key = path[index]!;
      const last = index === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === key);
        if (!pair) break;
        const keyNode = isScalar(pair.key) ? pair.key : undefined;
        if (last && atKey) return keyNode ?? found;
        node = (pair.value as Node | null) ?? null;
        found = node ?? keyNode ?? found;
      } else if (isSeq(node) && typeof key === 'number') {
        node = (node.items[key] as Node | undefined) ?? null;
        if (node) found = node;
      } else {
        break;
      }
    }
    return found;
  }
}

function isRootKeyMismatch(issue: ZodIssue): boolean {
  if (issue.code === 'unrecognized_keys') return issue.path.length === 0;
  return issue.code === 'invalid_type' && issue.path.length <= 1 && issue.message.endsWith('received undefined');
}

/** The keys of the alternatives of a failed union of single-key objects (evidence kinds). */
function unionAlternatives(branches: ZodIssue[][]): string[] {
  const names: string[] = [];
  for (const branch of branches) {
    for (const issue of branch) {
      const missing = issue.path.length === 1 && (issue.code === 'invalid_value' || (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')));
      if (missing && typeof issue.path[0] === 'string' && !names.includes(issue.path[0])) names.push(issue.path[0]);
    }
  }
  return names;
}
