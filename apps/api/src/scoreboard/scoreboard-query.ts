import { z } from 'zod';
import { parseWith } from '../common/errors.js';
import type { ScoreboardQuery } from './scoreboard-views.js';

/** Unix seconds (fractions allowed) or an ISO 8601 date or date-time; anything else is refused. */
const UNIX_SECONDS = /^\d{1,12}(\.\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

/** Epoch ms of a `from`/`to` value, or undefined when it is neither form. A bare date is UTC midnight. */
export function parseTimeParam(value: string): number | undefined {
  const text = value.trim();
  if (UNIX_SECONDS.test(text)) return Math.round(Number(text) * 1000);
  if (!ISO_DATE.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

const timeParam = z
  .string()
  .transform((value, context) => {
    const ms = parseTimeParam(value);
    if (ms === undefined) {
      context.addIssue({ code: 'custom', message: `"${value}" is neither an ISO 8601 time (2025-03-01T09:00:00Z) nor Unix seconds` });
      return z.NEVER;
    }
    return ms;
  });

const name = z.string().min(1).max(200);

const ScoreboardParamsSchema = z
  .object({
    responder: name.optional(),
    team: name.optional(),
    scenario: name.optional(),
    from: timeParam.optional(),
    to: timeParam.optional(),
    includeGate: z.enum(['true', 'false']).optional(),
    format: z.enum(['json', 'csv']).optional(),
  })
  .strict()
  .superRefine((params, context) => {
    if (params.from !== undefined && params.to !== undefined && params.to <= params.from) {
      context.addIssue({ code: 'custom', path: ['to'], message: 'must be later than from' });
    }
  });

/** The filters as the store applies them: times in epoch ms, `to` exclusive. */
export interface ScoreboardFilter {
  responder?: string;
  team?: string;
  scenario?: string;
  fromMs?: number;
  toMs?: number;
  includeGate: boolean;
}

export interface ParsedScoreboardRequest {
  filter: ScoreboardFilter;
  format: 'json' | 'csv';
  /** What the answer echoes: the filters given, times normalized to ISO 8601 UTC. */
  query: ScoreboardQuery;
}

/** The query string of `GET /api/scoreboard`, or a 400 naming each bad parameter (`query.from`). */
export function parseScoreboardRequest(query: unknown): ParsedScoreboardRequest {
  const params = parseWith(ScoreboardParamsSchema, query ?? {}, ['query']);
  const filter: ScoreboardFilter = {
    ...(params.responder !== undefined ? { responder: params.responder } : {}),
    ...(params.team !== undefined ? { team: params.team } : {}),
    ...(params.scenario !== undefined ? { scenario: params.scenario } : {}),
    ...(params.from !== undefined ? { fromMs: params.from } : {}),
    ...(params.to !== undefined ? { toMs: params.to } : {}),
    includeGate: params.includeGate === 'true',
  };
  const echo: ScoreboardQuery = {
    ...(filter.responder !== undefined ? { responder: filter.responder } : {}),
    ...(filter.team !== undefined ? { team: filter.team } : {}),
    ...(filter.scenario !== undefined ? { scenario: filter.scenario } : {}),
    ...(filter.fromMs !== undefined ? { from: new Date(filter.fromMs).toISOString() } : {}),
    ...(filter.toMs !== undefined ? { to: new Date(filter.toMs).toISOString() } : {}),
    includeGate: filter.includeGate,
  };
  return { filter, format: params.format ?? 'json', query: echo };
}
