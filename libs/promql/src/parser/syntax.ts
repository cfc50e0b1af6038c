/**
 * Runs lezer-promql and turns its error recovery into Prometheus's first parse error.
 * Lezer never throws: it inserts ⚠ nodes and carries on, so the first ⚠ (or an earlier
 * lexical error from the Prometheus-like scanner) is the error to report.
 */
import type { Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { parseError, type PromqlError } from '../errors.js';
import { functionSignature } from '../functions/signatures.js';
import { describeToken, isKeywordLike, scan, type Token } from './lexer.js';

export interface ParsedSource {
  /** The text lezer parsed: the query with a few number spellings lezer lacks rewritten in place. */
  text: string;
  tree: Tree;
  /** The scanner's tokens by start offset, to read literal text as Prometheus would. */
  tokenAt: ReadonlyMap<number, Token>;
}

const LEZER_NUMBER = /^(?:[0-9](?:_?[0-9])*(?:\.[0-9](?:_?[0-9])*)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$|^0x[0-9a-fA-F]+$/;
const DURATION_FUNCTIONS = new Set(['step', 'range', 'min_of', 'max_of']);

interface Candidate {
  start: number;
  end: number;
  message: string;
}

export function parseSource(query: string): ParsedSource {
  const { tokens, error } = scan(query);
  if (tokens.length === 0 && !error) throw parseError(query, { start: 0, end: 0 }, 'no expression found in input');
  const candidates: Candidate[] = [];
  if (error) candidates.push(error);
  const unknownFunction = findUnknownFunction(tokens);
  if (unknownFunction) candidates.push(unknownFunction);

  const text = rewriteNumbers(query, tokens);
  const tree = parser.parse(text);
  const syntaxError = firstErrorNode(tree);
  if (syntaxError !== null && !error) {
    const index = tokens.findIndex((t) => t.end > syntaxError);
    const token = index < 0 ? undefined : tokens[index];
    const previous = tokens[(index < 0 ? tokens.length : index) - 1];
    if (token?.text === ')' && previous?.text === ',') {
      candidates.push({ start: previous.start, end: previous.end, message: 'trailing commas not allowed in function call args' });
    } else {
      const start = token?.start ?? query.length;
      candidates.push({ start, end: token?.end ?? start, message: `unexpected ${describeToken(token)}` });
    }
  }
  if (candidates.length > 0) throw firstCandidate(query, candidates);
  return { text, tree, tokenAt: new Map(tokens.map((t) => [t.start, t])) };
}

function firstCandidate(query: string, candidates: Candidate[]): PromqlError {
  const first = candidates.reduce((best, c) => (c.start < best.start ? c : best));
  return parseError(query, { start: first.start, end: first.end }, first.message);
}

function firstErrorNode(tree: Tree): number | null {
  let first: number | null = null;
  tree.iterate({
    enter: (node) => {
      if (node.type.isError && (first === null || node.from < first)) first = node.from;
      return first === null || node.from < first;
    },
  });
  return first;
}

/** Number spellings Go accepts and lezer does not (`2.`, `0X1F`) become zeros of the same length. */
function rewriteNumbers(query: string, tokens: Token[]): string {
  let text = query;
  for (const token of tokens) {
    if (token.kind !== 'number' || LEZER_NUMBER.test(token.text)) continue;
    text = text.slice(0, token.start) + '0'.repeat(token.text.length) + text.slice(token.end);
  }
  return text;
}

/** `foo(...)` where foo is no PromQL function: Prometheus names the identifier. */
function findUnknownFunction(tokens: Token[]): Candidate | null {
  let inBrackets = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.text === '[' || token.text === ']') inBrackets = token.text === '[';
    if (token.kind !== 'identifier' || tokens[i + 1]?.text !== '(') continue;
    if (tokens[i - 1]?.text === '@' || isKeywordLike(token.text) || functionSignature(token.text)) continue;
    if (inBrackets && DURATION_FUNCTIONS.has(token.text)) continue;
    return { start: token.start, end: token.end, message: `unknown function with name ${JSON.stringify(token.text)}` };
  }
  return null;
}
