import { Scalar, type LineCounter, type Node } from 'yaml';

export interface FilePosition {
  line: number;
  column: number;
}

/** Where a YAML node starts in the file (1-based line and column). */
export function nodePosition(lineCounter: LineCounter, node: Node | null | undefined, fallback: FilePosition): FilePosition {
  const start = node?.range?.[0];
  if (start === undefined) return fallback;
  const { line, col } = lineCounter.linePos(start);
  return { line, column: col };
}

/**
 * Maps a line/column inside a scalar's value (an expression or template, both 1-based) to the
 * file. Exact for single-line plain or quoted scalars (without escapes) and for `|` block
 * literals; for folded scalars, whose line breaks YAML rewrites, the scalar's start.
 */
export function positionInScalar(
  text: string,
  lineCounter: LineCounter,
  scalar: Scalar,
  inner: { line: number; column: number },
): FilePosition {
  const start = nodePosition(lineCounter, scalar, { line: 1, column: 1 });
  const offset = scalar.range?.[0] ?? 0;
  switch (scalar.type) {
    case Scalar.PLAIN:
    case Scalar.QUOTE_DOUBLE:
    case Scalar.QUOTE_SINGLE: {
      if (inner.line !== 1 || sourceSpansLines(text, scalar)) return start;
      const quote = scalar.type === Scalar.PLAIN ? 0 : 1;
      return { line: start.line, column: start.column + quote + inner.column - 1 };
    }
    case Scalar.BLOCK_LITERAL: {
      const contentStart = text.indexOf('\n', offset) + 1;
      if (contentStart === 0) return start;
      const indent = blockIndent(text, contentStart);
      const headerLine = lineCounter.linePos(offset).line;
      return { line: headerLine + inner.line, column: indent + inner.column };
    }
    default:
      return start;
  }
}

function sourceSpansLines(text: string, scalar: Scalar): boolean {
  const [start, end] = scalar.range ?? [0, 0];
  return text.slice(start, end).includes('\n');
}

function blockIndent(text: string, from: number): number {
  let lineStart = from;
  while (lineStart < text.length) {
    const lineEnd = text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    if (line.trim() !== '') return line.length - line.trimStart().length;
    if (lineEnd < 0) break;
    lineStart = lineEnd + 1;
  }
  return 0;
}
