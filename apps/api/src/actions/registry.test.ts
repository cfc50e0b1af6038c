import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ACTION_NAMES, findResponderAction, RESPONDER_ACTIONS } from './registry.js';

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');
const readme = read('../../../../README.md');
const actionsSection = readme.slice(readme.indexOf('## Responder actions'));

describe('responder action registry', () => {
  it('is exactly the allow-list of the shared contract', () => {
    expect(ACTION_NAMES).toEqual(['scale', 'restart', 'rollback', 'set-config', 'cache-flush', 'cache-warm', 'pool-kill-queries', 'cache-eviction-policy', 'restore-index']);
    expect(findResponderAction('toString')).toBeUndefined();
    expect(findResponderAction('exec')).toBeUndefined();
  });

  it.each(Object.entries(RESPONDER_ACTIONS))('%s has a strict schema, an execute, a test and docs', (name, action) => {
    expect(action.name).toBe(name);
    expect(action.paramsSchema).toBeInstanceOf(z.ZodType);
    expect(action.paramsSchema.safeParse({ service: 'catalog', surely: 'not a parameter' }).success).toBe(false);
    expect(action.paramsSchema.safeParse({}).success).toBe(false);
    expect(typeof action.execute).toBe('function');
    expect(action.summary.length).toBeGreaterThan(20);
    expect(read(`./kinds/${name}.test.ts`)).toContain(`describe('${name}'`);
    expect(actionsSection).toContain(`| \`${name}\` |`);
  });
});
