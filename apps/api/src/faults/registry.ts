import type { FaultKind } from './fault-kind.js';
import { cacheEvictionFault } from './kinds/cache-eviction.js';
import { cacheOutOfMemoryFault } from './kinds/cache-out-of-memory.js';
import { cacheStampedeFault } from './kinds/cache-stampede.js';
import { errorFault } from './kinds/error.js';
import { indexDropFault } from './kinds/index-drop.js';
import { latencyFault } from './kinds/latency.js';
import { memoryLeakFault } from './kinds/memory-leak.js';
import { podKillFault } from './kinds/pod-kill.js';
import { poolExhaustionFault } from './kinds/pool-exhaustion.js';
import { scrapeBlockFault } from './kinds/scrape-block.js';

/** Every fault kind, in one explicit list. Adding a kind: a file in kinds/, a line here, a test, docs. */
export const FAULT_KINDS: readonly FaultKind<any>[] = [
  latencyFault,
  errorFault,
  podKillFault,
  cacheStampedeFault,
  poolExhaustionFault,
  scrapeBlockFault,
  memoryLeakFault,
  cacheEvictionFault,
  cacheOutOfMemoryFault,
  indexDropFault,
];

export function findFaultKind(kind: string): FaultKind<any> | undefined {
  return FAULT_KINDS.find((candidate) => candidate.kind === kind);
}
