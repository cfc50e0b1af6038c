import { MemoryLeakParamsSchema } from '@firedrill/demo-stack/protocol';
import { agentBackedKind } from '../fault-kind.js';

export const memoryLeakFault = agentBackedKind({
  kind: 'memory-leak',
  summary: 'A release that leaks: each replica retains memory growing at mbPerMinute (wall time) up to capMb; a restart frees it until it grows back.',
  effect: 'process_resident_memory_bytes and nodejs_heap_size_used_bytes climb steadily; latency degrades as the heap grows.',
  paramsSchema: MemoryLeakParamsSchema,
  toAgentFault: (_target, params) => ({ kind: 'memory-leak', params }),
});
