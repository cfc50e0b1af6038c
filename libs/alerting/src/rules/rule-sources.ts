import { readFile } from 'node:fs/promises';
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import { ValidationError } from '../common/zod-issues.js';
import { parseSloSpec, type SloSpec } from '../slo/spec.js';

/**
 * Reads and validates an SLO spec file for `firedrill rules export --slo`: one spec, a list of
 * specs, or `slos: [...]`. Every problem of every spec is reported as `file:line:col: path: message`.
 */
export async function readSloSpecFile(file: string): Promise<SloSpec[]> {
  const lineCounter = new LineCounter();
  const document = parseDocument(await readFile(file, 'utf8'), { lineCounter });
  if (document.errors.length > 0) {
    const first = document.errors[0]!;
    const { line, col } = lineCounter.linePos(first.pos[0]);
    throw new Error(`${file}:${line}:${col}: ${first.message.split('\n')[0]}`);
  }
  const json: unknown = document.toJS();
  const [list, prefix] = Array.isArray(json)
    ? [json, []]
    : json !== null && typeof json === 'object' && 'slos' in json
      ? [(json as { slos: unknown }).slos, ['slos']]
      : [[json], null];
  if (!Array.isArray(list)) throw new Error(`${file}: slos must be a list of SLO specs`);
  const specs: SloSpec[] = [];
  const problems: string[] = [];
  list.forEach((input, index) => {
    const base = prefix === null ? [] : [...prefix, index];
    try {
      specs.push(parseSloSpec(input));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const problem of error.problems) problems.push(locate(file, document, lineCounter, base, problem));
    }
  });
  if (problems.length > 0) throw new Error(`invalid SLO spec file:\n${problems.join('\n')}`);
  return specs;
}

/** `sli.ratio.good: message` → `file:line:col: [0].sli.ratio.good: message`, at the nearest node. */
function locate(file: string, document: Document, lineCounter: LineCounter, base: (string | number)[], problem: string): string {
  const colon = problem.indexOf(': ');
  const path = colon > 0 ? problem.slice(0, colon) : '';
  const message = colon > 0 ? problem.slice(colon + 2) : problem;
  const keys = [...base, ...path.split('.').filter(Boolean).map((key) => (/^\d+$/.test(key) ? Number(key) : key))];
  let offset = 0;
  for (let depth = keys.length; depth >= 0; depth--) {
    const node = depth === 0 ? document.contents : document.getIn(keys.slice(0, depth), true);
    if (isNode(node) && node.range) {
      offset = node.range[0];
      break;
    }
  }
  const { line, col } = lineCounter.linePos(offset);
  const shown = base.length > 0 ? `${base.map((k) => (typeof k === 'number' ? `[${k}]` : k)).join('.').replace('.[', '[')}${path ? `.${path}` : ''}` : path;
  return `${file}:${line}:${col}: ${shown || '(spec)'}: ${message}`;
}
