import { lex, type Token } from './lexer.js';
import type { Command, Operand, Pipeline, TemplateNode } from './template-ast.js';
import { TemplateError } from './template-error.js';

interface ParseContext {
  name: string;
  text: string;
  tokens: Token[];
  index: number;
  functions: ReadonlySet<string>;
  scopes: Set<string>[];
}

/**
 * Parses the Go text/template subset: text, `{{ pipeline }}`, `if`/`else if`/`else`/`end`,
 * `with`, `range` (with `$k, $v :=`), variables, fields, parenthesised pipelines, comments and
 * trim markers. `predeclared` are variables available without `:=` (Prometheus's `$labels`...).
 */
export function parseTemplate(
  name: string,
  text: string,
  functions: ReadonlySet<string>,
  predeclared: readonly string[],
): TemplateNode[] {
  const context: ParseContext = { name, text, tokens: lex(name, text), index: 0, functions, scopes: [new Set(['$', ...predeclared])] };
  const { nodes, terminator } = parseList(context);
  if (terminator) fail(context, terminator.pos, `unexpected {{${terminator.text}}}`);
  return nodes;
}

function fail(context: ParseContext, pos: number, message: string): never {
  throw new TemplateError(context.name, context.text, pos, message, 'parse');
}

const peek = (context: ParseContext): Token => context.tokens[context.index]!;
const next = (context: ParseContext): Token => context.tokens[context.index++]!;

function expect(context: ParseContext, kind: Token['kind'], where: string): Token {
  const token = next(context);
  if (token.kind !== kind) fail(context, token.pos, `unexpected ${describe(token)} in ${where}`);
  return token;
}

function describe(token: Token): string {
  if (token.kind === 'eof') return 'EOF';
  if (token.kind === 'rightDelim') return '"}}"';
  return `"${token.text}"`;
}

/** Parses nodes until `{{end}}`/`{{else}}` (returned as terminator, already consumed up to it) or EOF. */
function parseList(context: ParseContext): { nodes: TemplateNode[]; terminator?: Token } {
  const nodes: TemplateNode[] = [];
  for (;;) {
    const token = next(context);
    if (token.kind === 'eof') return { nodes };
    if (token.kind === 'text') {
      nodes.push({ type: 'text', text: token.text });
      continue;
    }
    const head = peek(context);
    if (head.kind === 'keyword') {
      if (head.text === 'end' || head.text === 'else') {
        next(context);
        return { nodes, terminator: head };
      }
      nodes.push(parseBranch(context));
      continue;
    }
    const pipe = parsePipeline(context, 'command', true);
    expect(context, 'rightDelim', 'command');
    nodes.push({ type: 'action', pos: head.pos, pipe });
  }
}

function parseBranch(context: ParseContext): TemplateNode {
  const keyword = next(context);
  if (keyword.text !== 'if' && keyword.text !== 'with' && keyword.text !== 'range') {
    fail(context, keyword.pos, `{{${keyword.text}}} is not supported in alert templates`);
  }
  const type = keyword.text;
  context.scopes.push(new Set());
  const pipe = parsePipeline(context, type, true);
  if (pipe.commands.length === 0) fail(context, keyword.pos, `missing value for ${type}`);
  expect(context, 'rightDelim', type);
  const body = parseList(context);
  let elseBody: TemplateNode[] = [];
  let terminator = body.terminator;
  if (terminator?.text === 'else') {
    const chained = peek(context);
    if (chained.kind === 'keyword' && (chained.text === 'if' || chained.text === 'with')) {
      // `{{else if x}}` is `{{else}}{{if x}}...{{end}}` sharing the outer `{{end}}`.
      elseBody = [parseBranch(context)];
      context.scopes.pop();
      return { type, pos: keyword.pos, pipe, body: body.nodes, elseBody };
    }
    expect(context, 'rightDelim', 'else');
    const elseList = parseList(context);
    elseBody = elseList.nodes;
    terminator = elseList.terminator;
  }
  if (!terminator) fail(context, context.text.length, 'unexpected EOF');
  if (terminator.text !== 'end') fail(context, terminator.pos, `unexpected {{${terminator.text}}}`);
  expect(context, 'rightDelim', 'end');
  context.scopes.pop();
  return { type, pos: keyword.pos, pipe, body: body.nodes, elseBody };
}

function parsePipeline(context: ParseContext, where: string, allowDeclarations: boolean): Pipeline {
  const start = peek(context).pos;
  const variables: string[] = [];
  let assign = false;
  if (allowDeclarations && peek(context).kind === 'variable') {
    const save = context.index;
    const names = [next(context).text];
    if (peek(context).kind === 'comma') {
      next(context);
      if (peek(context).kind === 'variable') names.push(next(context).text);
    }
    const op = peek(context);
    if (op.kind === 'declare' || (op.kind === 'assign' && names.length === 1)) {
      next(context);
      variables.push(...names);
      assign = op.kind === 'assign';
      if (assign && !isDeclared(context, names[0]!)) fail(context, op.pos, `undefined variable "${names[0]}"`);
    } else context.index = save;
  }
  const commands: Command[] = [];
  for (;;) {
    const token = peek(context);
    if (token.kind === 'rightDelim' || token.kind === 'rightParen' || token.kind === 'eof') break;
    commands.push(parseCommand(context, where));
    if (peek(context).kind === 'pipe') {
      const bar = next(context);
      const after = peek(context).kind;
      if (after === 'rightDelim' || after === 'rightParen' || after === 'eof') fail(context, bar.pos, 'missing command after |');
    }
  }
  if (commands.length === 0 && where === 'command') fail(context, start, `missing value for ${where}`);
  for (const variable of variables) context.scopes[context.scopes.length - 1]!.add(variable);
  const end = peek(context).pos;
  return { pos: start, variables, assign, commands, source: context.text.slice(start, end).trim() };
}

function isDeclared(context: ParseContext, variable: string): boolean {
  return context.scopes.some((scope) => scope.has(variable));
}

function parseCommand(context: ParseContext, where: string): Command {
  const start = peek(context).pos;
  const args: Operand[] = [];
  for (;;) {
    const token = peek(context);
    if (token.kind === 'pipe' || token.kind === 'rightDelim' || token.kind === 'rightParen' || token.kind === 'eof') break;
    args.push(parseOperand(context, where));
  }
  const end = peek(context).pos;
  return { pos: start, args, source: context.text.slice(start, end).trim() };
}

function parseOperand(context: ParseContext, where: string): Operand {
  const token = next(context);
  let operand: Operand;
  switch (token.kind) {
    case 'identifier':
      if (!context.functions.has(token.text)) fail(context, token.pos, `function "${token.text}" not defined`);
      return { type: 'function', name: token.text, pos: token.pos };
    case 'string':
      return { type: 'string', value: unquote(context, token), pos: token.pos };
    case 'number':
      return parseNumber(context, token);
    case 'bool':
      return { type: 'bool', value: token.text === 'true', pos: token.pos };
    case 'nil':
      return { type: 'nil', pos: token.pos };
    case 'dot':
      operand = { type: 'field', base: 'dot', path: [], pos: token.pos };
      break;
    case 'field':
      operand = { type: 'field', base: 'dot', path: [token.text.slice(1)], pos: token.pos };
      break;
    case 'variable':
      if (!isDeclared(context, token.text)) fail(context, token.pos, `undefined variable "${token.text}"`);
      operand = { type: 'field', base: { variable: token.text }, path: [], pos: token.pos };
      break;
    case 'leftParen': {
      const pipe = parsePipeline(context, 'parenthesized pipeline', false);
      expect(context, 'rightParen', 'parenthesized pipeline');
      operand = { type: 'field', base: { pipe }, path: [], pos: token.pos };
      break;
    }
    default:
      return fail(context, token.pos, `unexpected ${describe(token)} in ${where}`);
  }
  while (peek(context).kind === 'field' && operand.type === 'field') {
    operand.path.push(next(context).text.slice(1));
  }
  return operand;
}

function unquote(context: ParseContext, token: Token): string {
  if (token.text.startsWith('`')) return token.text.slice(1, -1);
  try {
    const jsonish = token.text.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1').replace(/\\'/g, "'").replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
    return JSON.parse(jsonish) as string;
  } catch {
    return fail(context, token.pos, `invalid syntax: ${token.text}`);
  }
}

function parseNumber(context: ParseContext, token: Token): Operand {
  const text = token.text.replace(/_/g, '');
  if (text.startsWith("'")) {
    const char = unquote(context, { ...token, text: `"${text.slice(1, -1)}"` });
    return { type: 'number', value: char.codePointAt(0) ?? 0, isInt: true, pos: token.pos };
  }
  const negative = text.startsWith('-');
  const body = text.replace(/^[+-]/, '');
  let value: number;
  if (/^0[xX]/.test(body)) value = parseInt(body.slice(2), 16);
  else if (/^0[bB]/.test(body)) value = parseInt(body.slice(2), 2);
  else if (/^0[oO]/.test(body)) value = parseInt(body.slice(2), 8);
  else value = Number(body);
  if (Number.isNaN(value)) fail(context, token.pos, `bad number syntax: "${token.text}"`);
  const isInt = !/[.eE]/.test(body) || /^0[xX]/.test(body);
  return { type: 'number', value: negative ? -value : value, isInt, pos: token.pos };
}
