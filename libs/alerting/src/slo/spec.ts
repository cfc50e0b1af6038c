import { z } from 'zod';
import { tryParseDuration } from '../common/duration.js';
import { parseWith } from '../common/zod-issues.js';

/** The placeholder a ratio SLI query uses where the generator puts each (scaled) window. */
export const WINDOW_PLACEHOLDER = '{{window}}';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const labelSet = z.record(z.string().regex(LABEL_NAME, 'label names match [a-zA-Z_][a-zA-Z0-9_]*'), z.string());

const windowedQuery = z
  .string()
  .min(1)
  .refine((query) => query.includes(`[${WINDOW_PLACEHOLDER}]`), {
    message: `must use [${WINDOW_PLACEHOLDER}] as its range, e.g. sum(rate(http_requests_total{status=~"5.."}[${WINDOW_PLACEHOLDER}]))`,
  });

const ratioSli = z
  .object({
    good: windowedQuery.optional().describe('rate of good events; give good or bad, not both'),
    bad: windowedQuery.optional().describe('rate of bad events; give good or bad, not both'),
    total: windowedQuery.describe('rate of all events'),
  })
  .strict()
  .superRefine((ratio, context) => {
    if ((ratio.good === undefined) === (ratio.bad === undefined)) {
      context.addIssue({ code: 'custom', path: ['good'], message: 'give exactly one of good or bad' });
    }
  });

/** `name`, `name_bucket` or `name_bucket{service="x"}`: what the histogram's buckets are called. */
const HISTOGRAM_REFERENCE = /^([a-zA-Z_:][a-zA-Z0-9_:]*?)(?:_bucket)?(?:\{(.*)\})?$/s;

const latencySli = z
  .object({
    histogram: z
      .string()
      .regex(HISTOGRAM_REFERENCE, 'expected a histogram name such as http_request_duration_seconds, optionally with {matchers}')
      .describe('classic histogram base name (or its _bucket series), optionally with label matchers'),
    thresholdSeconds: z
      .number()
      .positive()
      .finite()
      .describe('requests at or under this many seconds are good; it must equal an existing `le` bucket bound'),
    filters: z
      .string()
      .optional()
      .describe('extra label matchers without braces, e.g. service="checkout",route!="/health"'),
  })
  .strict()
  .superRefine((latency, context) => {
    const inline = HISTOGRAM_REFERENCE.exec(latency.histogram)?.[2] ?? '';
    for (const [path, matchers] of [['histogram', inline], ['filters', latency.filters ?? '']] as const) {
      if (/[{}]/.test(matchers)) context.addIssue({ code: 'custom', path: [path], message: 'matchers must not contain braces' });
      if (/(^|[,\s])le\s*(=|!=|=~|!~)/.test(matchers)) {
        context.addIssue({ code: 'custom', path: [path], message: 'the le matcher comes from thresholdSeconds' });
      }
    }
  });

export const SloSpecSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9_-]*$/, 'use letters, digits, - and _, starting with a letter')
      .describe('the SLO id; becomes the `slo` label of every generated series'),
    service: z.string().min(1).describe('the service the SLO belongs to; becomes the `service` label'),
    description: z.string().optional(),
    objective: z
      .number()
      .gt(0, 'the objective is a fraction in (0, 1), e.g. 0.999')
      .lt(1, 'the objective is a fraction in (0, 1), e.g. 0.999'),
    window: z
      .string()
      .default('30d')
      .refine((text) => (tryParseDuration(text) ?? 0) > 0, { message: 'expected a positive duration such as 30d' })
      .describe('the compliance window of the error budget'),
    sli: z
      .object({ ratio: ratioSli.optional(), latency: latencySli.optional() })
      .strict()
      .superRefine((sli, context) => {
        if ((sli.ratio === undefined) === (sli.latency === undefined)) {
          context.addIssue({ code: 'custom', path: [], message: 'give exactly one of ratio or latency' });
        }
      }),
    labels: labelSet.default({}).describe('added to every generated series and alert'),
    alerting: z
      .object({
        name: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/).optional().describe('alert name; default <Name>ErrorBudgetBurn'),
        pageLabels: labelSet.default({}),
        ticketLabels: labelSet.default({}),
        annotations: z.record(z.string(), z.string()).default({}).describe('added to every alert, e.g. runbook'),
        disabled: z.boolean().default(false),
      })
      .strict()
      .default({ pageLabels: {}, ticketLabels: {}, annotations: {}, disabled: false }),
  })
  .strict();

export type SloSpecInput = z.input<typeof SloSpecSchema>;
export type SloSpec = z.output<typeof SloSpecSchema>;

/** Validates a spec; throws a ValidationError naming each bad field (`sli.ratio.good: ...`). */
export function parseSloSpec(input: unknown): SloSpec {
  return parseWith(SloSpecSchema, input, 'SLO spec');
}

export interface HistogramReference {
  baseName: string;
  /** Matchers from the reference and `filters`, joined, without braces; may be empty. */
  matchers: string;
}

export function histogramReference(latency: NonNullable<SloSpec['sli']['latency']>): HistogramReference {
  const [, baseName, inline] = HISTOGRAM_REFERENCE.exec(latency.histogram)!;
  const matchers = [inline, latency.filters]
    .map((part) => part?.trim() ?? '')
    .filter((part) => part !== '')
    .join(',');
  return { baseName: baseName!, matchers };
}
