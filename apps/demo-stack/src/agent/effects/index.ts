import type { AgentFault, AgentFaultKind } from '../protocol.js';
import type { FaultEffect } from '../runtime.js';
import { cacheEvictionEffect } from './cache-eviction.js';
import { cacheOutOfMemoryEffect } from './cache-out-of-memory.js';
import { cacheStampedeEffect } from './cache-stampede.js';
import { errorEffect } from './error.js';
import { indexDropEffect } from './index-drop.js';
import { latencyEffect } from './latency.js';
import { memoryLeakEffect } from './memory-leak.js';
import { poolExhaustionEffect } from './pool-exhaustion.js';
import { scrapeBlockEffect } from './scrape-block.js';

/** Every fault kind the agent can apply inside a replica (pod-kill is the supervisor's). */
export const EFFECTS: { [K in AgentFaultKind]: FaultEffect<Extract<AgentFault, { kind: K }>> } = {
  latency: latencyEffect,
  error: errorEffect,
  'cache-stampede': cacheStampedeEffect,
  'pool-exhaustion': poolExhaustionEffect,
  'scrape-block': scrapeBlockEffect,
  'memory-leak': memoryLeakEffect,
  'cache-eviction': cacheEvictionEffect,
  'index-drop': indexDropEffect,
  'cache-out-of-memory': cacheOutOfMemoryEffect,
};

export function effectFor(fault: AgentFault): FaultEffect<AgentFault> {
  return EFFECTS[fault.kind] as FaultEffect<AgentFault>;
}
