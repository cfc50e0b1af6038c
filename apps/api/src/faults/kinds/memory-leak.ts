import { MemoryLeakParamsSchema } from '@firedrill/demo-stack/protocol';
import { agentBackedKind } from '../fault-kind.js';

/** The agent's own bound on the growth rate it accepts. */
const MAX_WALL_MB_PER_MINUTE = 100_000;

export const memoryLeakFault = agentBackedKind({
  kind: 'memory-leak',
  summary: 'A release that leaks: each replica retains memory growing at mbPerMinute (of stack time) up to capMb; a restart frees it until it grows back.',
  effect: 'process_resident_memory_bytes and nodejs_heap_size_used_bytes climb steadily; latency degrades as the heap grows.',
  paramsSchema: MemoryLeakParamsSchema,
  // Replicas run on wall time: a stack at speed 10 leaks ten times faster per wall minute.
  toAgentFault: (_target, params, context) => ({
    kind: 'memory-leak',
    params: { ...params, mbPerMinute: Math.max(0.01, Math.min(params.mbPerMinute * context.stack.clock.speed, MAX_WALL_MB_PER_MINUTE)) },
  }),
});
