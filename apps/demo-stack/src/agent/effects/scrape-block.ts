import type { AgentFault } from '../protocol.js';
import type { FaultEffect } from '../runtime.js';

type ScrapeBlockFault = Extract<AgentFault, { kind: 'scrape-block' }>;

/** /metrics becomes unreachable while the service keeps serving its traffic. */
export const scrapeBlockEffect: FaultEffect<ScrapeBlockFault> = {
  unsupported: () => undefined,
  apply(runtime, spec) {
    const mode = spec.params.mode;
    runtime.hooks.metricsBlocks.add(mode);
    return () => void runtime.hooks.metricsBlocks.delete(mode);
  },
};
