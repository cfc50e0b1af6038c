/**
 * A template problem in Go text/template's words: parse errors read
 * `template: NAME:LINE: message`, execution errors
 * `template: NAME:LINE:COL: executing "NAME" at <node>: message`.
 * `offset` is where in the template text it happened (for mapping into a rule file).
 */
export class TemplateError extends Error {
  readonly line: number;
  readonly column: number;

  constructor(
    readonly templateName: string,
    text: string,
    readonly offset: number,
    readonly detail: string,
    readonly phase: 'parse' | 'exec',
    nodeText = '',
  ) {
    const { line, column } = position(text, offset);
    super(
      phase === 'parse'
        ? `template: ${templateName}:${line}: ${detail}`
        : `template: ${templateName}:${line}:${column - 1}: executing "${templateName}" at <${nodeText}>: ${detail}`,
    );
    this.name = 'TemplateError';
    this.line = line;
    this.column = column;
  }
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
