import { RunbookStepSchema, type Runbook, type RunbookStep } from './runbook.js';
import type { ScenarioProblem } from './problems.js';
import { YamlSource } from './yaml-source.js';

export const STEP_FENCE_INFO = 'firedrill-step';

/** A step block as it sits in the Markdown: where, its YAML with positions, and the step when it is valid. */
export interface RunbookStepBlock {
  /** 0-based among the step blocks; problems name it `steps[index]`. */
  index: number;
  /** The file line of the opening fence. */
  fenceLine: number;
  source: YamlSource;
  step?: RunbookStep;
}

export interface ParsedRunbook {
  runbook: Runbook;
  blocks: RunbookStepBlock[];
  problems: ScenarioProblem[];
}

interface Fence {
  char: '`' | '~';
  length: number;
  info: string;
  /** 0-based line index of the opening fence. */
  openLine: number;
  /** 0-based line index of the closing fence, or the line count when the block is never closed. */
  closeLine: number;
  closed: boolean;
}

/**
 * Parses runbook Markdown: the title is the first `# ` heading, the steps are the ```firedrill-step
 * fenced blocks (YAML each, validated with RunbookStepSchema). The Markdown is kept whole; every
 * problem carries the line in the Markdown file.
 */
export function parseRunbook(markdown: string, file: string, path: string): ParsedRunbook {
  const lines = markdown.split(/\r?\n/);
  const fences = findFences(lines);
  const problems: ScenarioProblem[] = [];
  const at = (line: number, field: string, message: string): ScenarioProblem => ({ file, line, column: 1, path: field, message });

  const title = findTitle(lines, fences);
  if (title === undefined) problems.push(at(1, 'title', 'the runbook has no title (a first-level "# " heading)'));

  const blocks: RunbookStepBlock[] = [];
  for (const fence of fences.filter((candidate) => candidate.info === STEP_FENCE_INFO)) {
    if (!fence.closed) problems.push(at(fence.openLine + 1, `steps[${blocks.length}]`, 'the step block is never closed'));
    const text = lines.slice(fence.openLine + 1, fence.closeLine).join('\n');
    const block: RunbookStepBlock = {
      index: blocks.length,
      fenceLine: fence.openLine + 1,
      source: new YamlSource(file, text, fence.openLine + 2, ['steps', blocks.length]),
    };
    blocks.push(block);
    const syntax = block.source.syntaxProblems();
    if (syntax.length > 0) {
      problems.push(...syntax);
      continue;
    }
    const data = block.source.toJS();
    if (data === null || data === undefined) {
      problems.push(at(block.fenceLine, `steps[${block.index}]`, 'the step block is empty'));
      continue;
    }
    const result = RunbookStepSchema.safeParse(data);
    if (result.success) block.step = result.data;
    else problems.push(...block.source.zodProblems(result.error));
  }
  if (blocks.length === 0) problems.push(at(1, 'steps', `the runbook has no \`\`\`${STEP_FENCE_INFO} blocks`));

  const steps = blocks.flatMap((block) => (block.step ? [block.step] : []));
  return { runbook: { path, title: title ?? '', markdown, steps }, blocks, problems };
}

/** The Markdown without its step blocks, for showing the runbook to people. */
export function stripStepBlocks(markdown: string): string {
  const lines = markdown.split(/\r?\n/);
  const removed = new Set<number>();
  for (const fence of findFences(lines)) {
    if (fence.info !== STEP_FENCE_INFO) continue;
    for (let line = fence.openLine; line <= Math.min(fence.closeLine, lines.length - 1); line++) removed.add(line);
  }
  const kept = lines.filter((_, index) => !removed.has(index)).join('\n');
  // A removed block leaves its blank lines on both sides behind.
  return kept.replace(/\n{3,}/g, '\n\n');
}

function findTitle(lines: string[], fences: Fence[]): string | undefined {
  for (let index = 0; index < lines.length; index++) {
    if (fences.some((fence) => index >= fence.openLine && index <= fence.closeLine)) continue;
    const heading = /^ {0,3}# +(.*?)(?: +#+)? *$/.exec(lines[index]!);
    if (heading && heading[1]!.trim() !== '') return heading[1]!.trim();
  }
  return undefined;
}

/** Fenced code blocks as CommonMark reads them: ``` or ~~~, closed by the same character, at least as long. */
function findFences(lines: string[]): Fence[] {
  const fences: Fence[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[index]!);
    if (!open) continue;
    const marker = open[1]!;
    const char = marker[0] as '`' | '~';
    const closing = new RegExp(`^ {0,3}${char === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
    let close = index + 1;
    while (close < lines.length && !closing.test(lines[close]!)) close++;
    fences.push({ char, length: marker.length, info: open[2]!, openLine: index, closeLine: close, closed: close < lines.length });
    index = close;
  }
  return fences;
}
