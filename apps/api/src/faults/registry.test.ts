import { AGENT_FAULT_KINDS } from '@firedrill/demo-stack/protocol';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FAULT_KINDS } from './registry.js';

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');
/** The effect tests: the embedded stack's, and those against real components (real-*.test.ts). */
const effectTests = readdirSync(new URL('../../../../test/integration/', import.meta.url))
  .filter((name) => name === 'fault-effects.test.ts' || /^real-.*\.test\.ts$/.test(name))
  .map((name) => read(`../../../../test/integration/${name}`))
  .join('\n');

describe('fault kind registry', () => {
  it('lists each kind once, including every kind the chaos agent implements', () => {
    const kinds = FAULT_KINDS.map((kind) => kind.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).toEqual(expect.arrayContaining([...AGENT_FAULT_KINDS, 'pod-kill']));
  });

  it.each(FAULT_KINDS.map((kind) => [kind.kind, kind] as const))('%s has schemas, a revert, an effect test and docs', (name, kind) => {
    expect(kind.paramsSchema).toBeInstanceOf(z.ZodType);
    expect(kind.targetSchema).toBeInstanceOf(z.ZodType);
    expect(kind.paramsSchema.safeParse({ surely: 'not a parameter' }).success).toBe(false);
    for (const operation of [kind.inject, kind.renew, kind.revert, kind.status, kind.validate]) expect(typeof operation).toBe('function');
    expect(kind.summary.length).toBeGreaterThan(20);
    expect(kind.effect.length).toBeGreaterThan(20);
    expect(effectTests).toContain(`kind: '${name}'`);
    expect(read('../../../../README.md')).toContain(`\`${name}\``);
  });
});
