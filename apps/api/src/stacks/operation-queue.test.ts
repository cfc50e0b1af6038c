import { describe, expect, it } from 'vitest';
import { OperationQueue } from './operation-queue.js';

describe('OperationQueue', () => {
  it('runs operations one at a time in call order, past a failure', async () => {
    const queue = new OperationQueue();
    const log: string[] = [];
    const step = (name: string, fail = false) => async () => {
      log.push(`start ${name}`);
      await new Promise((resolve) => setImmediate(resolve));
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([queue.run(step('a')), queue.run(step('b', true)), queue.run(step('c'))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('refuses what was queued behind a close', async () => {
    const queue = new OperationQueue();
    let release!: () => void;
    const first = queue.run(() => new Promise<string>((resolve) => (release = () => resolve('first'))));
    const second = queue.run(async () => 'second');
    await new Promise((resolve) => setImmediate(resolve)); // the first operation has started
    const closed = queue.close();
    release();
    await expect(first).resolves.toBe('first');
    await expect(second).rejects.toThrow('the stack is stopped');
    await closed;
    await expect(queue.run(async () => 'later')).rejects.toThrow('the stack is stopped');
  });
});
