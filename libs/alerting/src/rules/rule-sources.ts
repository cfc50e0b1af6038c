import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { SloSpecInput } from '../slo/spec.js';

/**
 * Reads an SLO spec file for `firedrill rules export --slo`: one spec, a list of specs, or
 * `slos: [...]`. The specs are validated when rules are generated from them.
 */
export async function readSloSpecFile(file: string): Promise<SloSpecInput[]> {
  let document: unknown;
  try {
    document = parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const list = Array.isArray(document)
    ? document
    : document !== null && typeof document === 'object' && 'slos' in document
      ? (document as { slos: unknown }).slos
      : [document];
  if (!Array.isArray(list)) throw new Error(`${file}: slos must be a list of SLO specs`);
  return list as SloSpecInput[];
}
