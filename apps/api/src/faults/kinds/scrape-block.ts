import { ScrapeBlockParamsSchema } from '@firedrill/demo-stack/protocol';
import { agentBackedKind } from '../fault-kind.js';

export const scrapeBlockFault = agentBackedKind({
  kind: 'scrape-block',
  summary: 'Makes a service\'s /metrics unreachable while it keeps serving traffic normally.',
  effect: 'scrapes of /metrics fail (up = 0 for the target) while http requests keep succeeding.',
  paramsSchema: ScrapeBlockParamsSchema,
  toAgentFault: (_target, params) => ({ kind: 'scrape-block', params }),
});
