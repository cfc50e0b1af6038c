import { z } from 'zod';
import { ActionMatcherSchema } from './schema.js';

/**
 * A runbook is Markdown for humans with machine-checkable steps in fenced blocks:
 *
 * ```firedrill-step
 * id: check-pool
 * title: Check the database pool
 * within: 5m          # of the page (T1)
 * evidence:
 *   query: { metrics: [db_pool_connections] }
 * ```
 */
const duration = z.string().regex(/^(\d+(ms|s|m|h|d|w|y))+$/, 'a duration such as 30s, 5m or 1h30m');

export const EvidenceSchema = z.union([
  z.object({ ack: z.literal(true) }).strict(),
  z.object({ declare: z.literal(true) }).strict(),
  z.object({ query: z.object({ metrics: z.array(z.string().min(1)).min(1) }).strict() }).strict(),
  z.object({ logSearch: z.object({ service: z.string().optional(), text: z.string().optional(), level: z.string().optional() }).strict() }).strict(),
  z.object({ traceView: z.object({ service: z.string().optional() }).strict() }).strict(),
  z.object({ action: ActionMatcherSchema }).strict(),
  z.object({ diagnosis: z.literal(true) }).strict(),
  z.object({ statusUpdate: z.literal(true) }).strict(),
]);
export type Evidence = z.infer<typeof EvidenceSchema>;

export const RunbookStepSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    title: z.string().min(1),
    within: duration.optional().describe('time bound, measured from the page (T1)'),
    evidence: EvidenceSchema,
  })
  .strict();
export type RunbookStep = z.infer<typeof RunbookStepSchema>;

export interface Runbook {
  /** The runbook's path relative to the catalogue root. */
  path: string;
  title: string;
  markdown: string;
  steps: RunbookStep[];
}
