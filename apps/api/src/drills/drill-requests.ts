import { z } from 'zod';

/**
 * The bodies of the drill routes. Each schema gives the type, the validation (400 naming the
 * field) and the OpenAPI description of its route.
 */

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
export const AbortDrillSchema = z.object({ reason: text(500).optional() }).strict();

export const AcknowledgeSchema = z.object({ alert: z.string().min(1).max(200).optional().describe('the alert acknowledged') }).strict();

export const DeclareSchema = z.object({ summary: text(2000).describe('what the responder sees going wrong') }).strict();

const timeParam = z.union([z.number(), z.string().min(1)]).describe('Unix seconds or RFC 3339, as Prometheus takes');
export const QuerySchema = z
  .object({
    query: z.string().min(1).max(64 * 1024).describe('PromQL'),
    time: timeParam.optional().describe('evaluation time of an instant query; the drill clock\'s now when absent'),
    range: z
      .object({ start: timeParam, end: timeParam, step: z.union([z.number().positive(), z.string().min(1)]).describe('seconds or a duration such as 15s') })
      .strict()
      .optional()
      .describe('run a range query instead of an instant query'),
  })
  .strict();
export type QueryRequest = z.infer<typeof QuerySchema>;

export const ActionSchema = z
  .object({
    action: z.string().min(1).max(64).describe('scale, restart, rollback, set-config, cache-flush, cache-warm, pool-kill-queries'),
    service: z.string().min(1).max(64).optional(),
    params: z.record(z.string(), z.unknown()).default({}).describe('the action\'s parameters, e.g. {replicas: 3} or {key: "pool.max", value: 30}'),
  })
  .strict();
export type ActionRequest = z.infer<typeof ActionSchema>;

export const DiagnosisSchema = z
  .object({
    text: text(4000).describe('the root cause as the responder understands it'),
    rootCauseId: z.string().regex(/^[a-z][a-z0-9-]*$/, 'lowercase letters, digits and -').max(100).optional(),
  })
  .strict();

export const StatusUpdateSchema = z.object({ text: text(4000).describe('the status update as stakeholders would read it') }).strict();

export const HintSchema = z.object({ hintId: z.string().min(1).max(100).describe('a hint id of the scenario (GET /api/drills/:id lists them with their cost)') }).strict();

export const PostmortemSchema = z.object({ markdown: text(200_000).describe('the postmortem, Markdown') }).strict();
