import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { AgentFault } from '../protocol.js';
import type { FaultEffect } from '../runtime.js';

type MemoryLeakFault = Extract<AgentFault, { kind: 'memory-leak' }>;

const MB = 1024 * 1024;
const TICK_MS = 200;
/** Doubles per MB of JS heap: 8 bytes each. */
const DOUBLES_PER_MB = MB / 8;

/**
 * A leak shipped with a release: every tick the replica retains more memory (half as JS heap
 * objects, half as buffers outside the heap), growing at mbPerMinute of wall time up to capMb.
 * The growing heap makes garbage collection slower, which we surface as a request delay of up to
 * a few tens of milliseconds. Revert drops the references and collects, so the memory goes back.
 */
export const memoryLeakEffect: FaultEffect<MemoryLeakFault> = {
  unsupported: () => undefined,
  apply(runtime, spec) {
    const { mbPerMinute, capMb } = spec.params;
    const heapChunks: number[][] = [];
    const bufferChunks: Buffer[] = [];
    let retainedMb = 0;
    let owedMb = 0;
    const timer = setInterval(() => {
      owedMb += (mbPerMinute * TICK_MS) / 60_000;
      // Whole-MB chunks: large allocations live in their own pages, which go back to the OS on free.
      while (owedMb >= 1 && retainedMb < capMb) {
        owedMb -= 1;
        retainedMb += 1;
        if (retainedMb % 2 === 0) heapChunks.push(new Array<number>(DOUBLES_PER_MB).fill(retainedMb + 0.5));
        else bufferChunks.push(Buffer.allocUnsafe(MB).fill(retainedMb & 0xff));
      }
      if (retainedMb >= capMb) owedMb = 0;
    }, TICK_MS);
    timer.unref();
    const gcPause = (): number => Math.min(100, retainedMb / 4);
    runtime.hooks.requestDelays.add(gcPause);
    return () => {
      clearInterval(timer);
      runtime.hooks.requestDelays.delete(gcPause);
      heapChunks.length = 0;
      bufferChunks.length = 0;
      collectGarbage();
    };
  },
};

/** A full collection now, so a reverted leak shows as freed memory at once rather than at V8's leisure. */
function collectGarbage(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  } catch {
    // without a collector handle the memory is freed at the next major collection
  }
}
