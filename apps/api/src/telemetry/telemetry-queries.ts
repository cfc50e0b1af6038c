import { z } from 'zod';
import { LOG_LEVELS } from './logs/log-entry.js';
import { DEFAULT_LOG_LIMIT, MAX_LOG_LIMIT } from './logs/log-store.js';
import { DEFAULT_TRACE_LIMIT, MAX_TRACE_LIMIT } from './traces/trace-store.js';

/** An RFC 3339 time or epoch milliseconds, as epoch ms. */
const timeParam = z
  .string()
  .transform((value, context) => {
    const ms = /^\d+$/.test(value) ? Number(value) : /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(ms)) {
      context.addIssue({ code: 'custom', message: 'expected an RFC 3339 time or epoch milliseconds' });
      return z.NEVER;
    }
    return ms;
  })
  .describe('RFC 3339 time (2026-01-01T12:00:00Z) or epoch milliseconds');

const nonEmpty = z.string().min(1);

export const LogsQuerySchema = z
  .object({
    service: nonEmpty.optional().describe('service name, e.g. catalog'),
    level: z.enum(LOG_LEVELS).optional().describe('minimum level: warn finds warn and error'),
    q: nonEmpty.optional().describe('case-insensitive text the line contains'),
    traceId: z.string().regex(/^[0-9a-fA-F]{32}$/, 'expected 32 hex digits').optional().describe('trace id'),
    from: timeParam.optional(),
    to: timeParam.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_LOG_LIMIT).default(DEFAULT_LOG_LIMIT).describe(`at most ${MAX_LOG_LIMIT}`),
  })
  .strict();

export const TracesQuerySchema = z
  .object({
    service: nonEmpty.optional().describe('traces with a span of this service'),
    minDurationMs: z.coerce.number().min(0).optional().describe('traces lasting at least this long'),
    error: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional()
      .describe('true: traces with a failed span; false: traces without'),
    from: timeParam.optional(),
    to: timeParam.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_TRACE_LIMIT).default(DEFAULT_TRACE_LIMIT).describe(`at most ${MAX_TRACE_LIMIT}`),
  })
  .strict();

export type LogsQuery = z.infer<typeof LogsQuerySchema>;
export type TracesQuery = z.infer<typeof TracesQuerySchema>;
