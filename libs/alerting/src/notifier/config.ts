import { z } from 'zod';
import { tryParseDuration } from '../common/duration.js';
import { ValidationError, describeIssues } from '../common/zod-issues.js';
import { formatMatchers, parseMatcher, type CompiledMatcher } from './matchers.js';

/**
 * The subset of Alertmanager's YAML configuration the notifier understands, with its field names
 * and defaults: `route` (tree), `receivers` with `webhook_configs`, `inhibit_rules`, and
 * `global.resolve_timeout`. Legacy `match`/`match_re` are not supported; use `matchers`.
 */
const duration = z.string().refine((text) => tryParseDuration(text) !== undefined, { message: 'expected a duration such as 30s or 5m' });
const matcherList = z.array(
  z.string().superRefine((text, context) => {
    try {
      parseMatcher(text);
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
    }
  }),
);

interface RouteInput {
  receiver?: string;
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  matchers?: string[];
  continue?: boolean;
  routes?: RouteInput[];
}

const routeSchema: z.ZodType<RouteInput> = z.lazy(() =>
  z
    .object({
      receiver: z.string().min(1).optional(),
      group_by: z
        .array(z.string().min(1))
        .refine((names) => !names.includes('...') || names.length === 1, { message: "'...' must be the only group_by entry" })
        .optional(),
      group_wait: duration.optional(),
      group_interval: duration.optional(),
      repeat_interval: duration.optional(),
      matchers: matcherList.optional(),
      continue: z.boolean().optional(),
      routes: z.array(routeSchema).optional(),
    })
    .strict(),
);

const webhookConfig = z
  .object({
    url: z.url(),
    send_resolved: z.boolean().default(true),
    max_alerts: z.number().int().min(0).default(0),
  })
  .strict();

export const NotifierConfigSchema = z
  .object({
    global: z.object({ resolve_timeout: duration.default('5m') }).strict().default({ resolve_timeout: '5m' }),
    route: routeSchema,
    receivers: z.array(z.object({ name: z.string().min(1), webhook_configs: z.array(webhookConfig).default([]) }).strict()).min(1),
    inhibit_rules: z
      .array(
        z
          .object({ source_matchers: matcherList.min(1), target_matchers: matcherList.min(1), equal: z.array(z.string()).default([]) })
          .strict(),
      )
      .default([]),
  })
  .strict()
  .superRefine((config, context) => {
    const names = new Set<string>();
    config.receivers.forEach((receiver, index) => {
      if (names.has(receiver.name)) context.addIssue({ code: 'custom', path: ['receivers', index, 'name'], message: `duplicate receiver "${receiver.name}"` });
      names.add(receiver.name);
    });
    if (!config.route.receiver) context.addIssue({ code: 'custom', path: ['route', 'receiver'], message: 'the root route needs a receiver' });
    if (config.route.matchers?.length) context.addIssue({ code: 'custom', path: ['route', 'matchers'], message: 'the root route must not have matchers' });
    if (config.route.continue) context.addIssue({ code: 'custom', path: ['route', 'continue'], message: 'the root route cannot have continue' });
    const visit = (route: RouteInput, path: (string | number)[]): void => {
      if (route.receiver !== undefined && !names.has(route.receiver)) {
        context.addIssue({ code: 'custom', path: [...path, 'receiver'], message: `undefined receiver "${route.receiver}"` });
      }
      for (const key of ['group_interval', 'repeat_interval'] as const) {
        if (route[key] !== undefined && tryParseDuration(route[key]) === 0) context.addIssue({ code: 'custom', path: [...path, key], message: 'must be greater than 0' });
      }
      route.routes?.forEach((child, index) => visit(child, [...path, 'routes', index]));
    };
    visit(config.route, ['route']);
  });

export type NotifierConfigInput = z.input<typeof NotifierConfigSchema>;
export type NotifierConfigData = z.output<typeof NotifierConfigSchema>;

export interface WebhookTarget {
  url: string;
  sendResolved: boolean;
  maxAlerts: number;
}

export interface Receiver {
  name: string;
  webhooks: WebhookTarget[];
}

/** A route with everything inherited from its parents filled in. */
export interface RouteNode {
  /** Unique among routes: the child indexes from the root (`root`, `root/0/2`). */
  id: string;
  /** Alertmanager's route key (parent key, `/`, matchers), part of the group key in payloads. */
  key: string;
  receiver: string;
  matchers: CompiledMatcher[];
  continue: boolean;
  /** Label names to group by, or 'all' for `['...']`. */
  groupBy: string[] | 'all';
  groupWaitMs: number;
  groupIntervalMs: number;
  repeatIntervalMs: number;
  routes: RouteNode[];
}

export interface InhibitRule {
  sourceMatchers: CompiledMatcher[];
  targetMatchers: CompiledMatcher[];
  equal: string[];
}

export interface NotifierConfig {
  resolveTimeoutMs: number;
  route: RouteNode;
  receivers: Map<string, Receiver>;
  inhibitRules: InhibitRule[];
}

const ROOT_DEFAULTS = { group_wait: '30s', group_interval: '5m', repeat_interval: '4h' };

/** Validates an Alertmanager-style config (parsed YAML or object); errors name each field. */
export function parseNotifierConfig(input: unknown): NotifierConfig {
  const result = NotifierConfigSchema.safeParse(input);
  if (!result.success) throw new ValidationError('notifier config', describeIssues(result.error));
  const data = result.data;
  return {
    resolveTimeoutMs: tryParseDuration(data.global.resolve_timeout)!,
    route: resolveRoute(data.route, undefined, 'root'),
    receivers: new Map(
      data.receivers.map((receiver) => [
        receiver.name,
        {
          name: receiver.name,
          webhooks: receiver.webhook_configs.map((webhook) => ({ url: webhook.url, sendResolved: webhook.send_resolved, maxAlerts: webhook.max_alerts })),
        },
      ]),
    ),
    inhibitRules: data.inhibit_rules.map((rule) => ({
      sourceMatchers: rule.source_matchers.map(parseMatcher),
      targetMatchers: rule.target_matchers.map(parseMatcher),
      equal: rule.equal,
    })),
  };
}

function resolveRoute(input: RouteInput, parent: RouteNode | undefined, id: string): RouteNode {
  const matchers = (input.matchers ?? []).map(parseMatcher);
  const timing = (key: keyof typeof ROOT_DEFAULTS, inherited: number | undefined): number =>
    input[key] !== undefined ? tryParseDuration(input[key])! : (inherited ?? tryParseDuration(ROOT_DEFAULTS[key])!);
  const groupBy = input.group_by ? (input.group_by[0] === '...' ? 'all' : [...new Set(input.group_by)]) : (parent?.groupBy ?? []);
  const node: RouteNode = {
    id,
    key: parent ? `${parent.key}/${formatMatchers(matchers)}` : '{}',
    receiver: input.receiver ?? parent!.receiver,
    matchers,
    continue: input.continue ?? false,
    groupBy,
    groupWaitMs: timing('group_wait', parent?.groupWaitMs),
    groupIntervalMs: timing('group_interval', parent?.groupIntervalMs),
    repeatIntervalMs: timing('repeat_interval', parent?.repeatIntervalMs),
    routes: [],
  };
  node.routes = (input.routes ?? []).map((child, index) => resolveRoute(child, node, `${id}/${index}`));
  return node;
}

/**
 * The routes an alert goes to: depth first, the deepest matching routes; siblings after the first
 * match are tried only when the matching one has `continue`. The root matches everything.
 */
export function matchRoutes(route: RouteNode, labels: Readonly<Record<string, string>>): RouteNode[] {
  if (!route.matchers.every((matcher) => matcher.matches(labels))) return [];
  const matches: RouteNode[] = [];
  for (const child of route.routes) {
    const childMatches = matchRoutes(child, labels);
    matches.push(...childMatches);
    if (childMatches.length > 0 && !child.continue) break;
  }
  return matches.length > 0 ? matches : [route];
}
