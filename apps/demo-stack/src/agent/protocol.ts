import { z } from 'zod';

/**
 * The chaos agent's wire contract. The fault parameter schemas here are also the public API's
 * parameter schemas, so the controller and the agent can never disagree about what is valid.
 */
const percent = z.number().gt(0).max(100);

export const LatencyParamsSchema = z
  .object({
    delayMs: z.number().int().min(1).max(60_000).describe('added delay in milliseconds'),
    jitterMs: z.number().int().min(0).max(60_000).default(0).describe('uniform ± jitter around delayMs'),
    percent: percent.default(100).describe('share of requests (or dependency calls) delayed'),
  })
  .strict();

export const ErrorParamsSchema = z
  .object({
    status: z.number().int().min(400).max(599).default(500).describe('HTTP status returned'),
    percent: percent.describe('share of requests that fail'),
    route: z.string().min(1).optional().describe('only this route template (e.g. /products/:id)'),
  })
  .strict();

export const PodKillParamsSchema = z
  .object({
    count: z
      .union([z.number().int().min(1).max(64), z.literal('all')])
      .default(1)
      .describe('replicas to kill: a number or "all"'),
    crashLoop: z.boolean().default(false).describe('restarted replicas die again while the fault lasts'),
  })
  .strict();

export const CacheStampedeParamsSchema = z
  .object({
    periodMs: z
      .number()
      .int()
      .min(250)
      .max(600_000)
      .default(2000)
      .describe('hot keys all expire together at every multiple of this period'),
  })
  .strict();

export const PoolExhaustionParamsSchema = z
  .object({
    mode: z.enum(['slow-queries', 'leak', 'shrink']).default('slow-queries'),
    connections: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe('slow-queries: connections the runaway queries hold (default: the whole pool)'),
    queryMs: z.number().int().min(100).max(3_600_000).default(30_000).describe('slow-queries: runaway query time'),
    size: z.number().int().min(0).max(1000).default(1).describe('shrink: the reduced pool size'),
  })
  .strict();

export const ScrapeBlockParamsSchema = z
  .object({
    mode: z
      .enum(['reset', 'hang'])
      .default('reset')
      .describe('reset: /metrics connections are dropped; hang: /metrics never answers'),
  })
  .strict();

export const MemoryLeakParamsSchema = z
  .object({
    mbPerMinute: z.number().min(1).max(1000).default(50).describe('retained memory growth per minute of stack time'),
    capMb: z.number().int().min(16).max(2048).default(256).describe('the leak stops growing at this size'),
  })
  .strict();

/** What the agent receives: the rate already converted to wall time (a fast stack leaks faster). */
export const MemoryLeakAgentParamsSchema = MemoryLeakParamsSchema.extend({
  mbPerMinute: z.number().min(0.01).max(100_000).describe('retained memory growth per wall minute'),
});

export const CacheEvictionParamsSchema = z
  .object({
    capacity: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .default(5)
      .describe('entries the cache still holds; older ones are evicted (a cache server out of memory)'),
  })
  .strict();

export const CacheOutOfMemoryParamsSchema = z
  .object({
    fillMb: z
      .number()
      .int()
      .min(1)
      .max(512)
      .default(4)
      .describe('cold keys (no TTL) written first, as a batch job would; an allkeys-* policy can evict them'),
    maxmemoryBytes: z
      .number()
      .int()
      .min(1)
      .max(2 ** 40)
      .optional()
      .describe('the maxmemory to set; default: just below the memory in use after the fill'),
  })
  .strict();

/** index-drop takes no parameters: it drops the one lookup index of the stack's products table. */
export const IndexDropParamsSchema = z.object({}).strict();

export const AgentFaultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('latency'), dependency: z.string().optional(), params: LatencyParamsSchema }).strict(),
  z.object({ kind: z.literal('error'), params: ErrorParamsSchema }).strict(),
  z.object({ kind: z.literal('cache-stampede'), params: CacheStampedeParamsSchema }).strict(),
  z.object({ kind: z.literal('pool-exhaustion'), params: PoolExhaustionParamsSchema }).strict(),
  z.object({ kind: z.literal('scrape-block'), params: ScrapeBlockParamsSchema }).strict(),
  z.object({ kind: z.literal('memory-leak'), params: MemoryLeakAgentParamsSchema }).strict(),
  z.object({ kind: z.literal('cache-eviction'), params: CacheEvictionParamsSchema }).strict(),
  z.object({ kind: z.literal('index-drop'), params: IndexDropParamsSchema }).strict(),
  z.object({ kind: z.literal('cache-out-of-memory'), params: CacheOutOfMemoryParamsSchema }).strict(),
]);
export type AgentFault = z.infer<typeof AgentFaultSchema>;
export type AgentFaultKind = AgentFault['kind'];
export const AGENT_FAULT_KINDS: readonly AgentFaultKind[] = [
  'latency',
  'error',
  'cache-stampede',
  'pool-exhaustion',
  'scrape-block',
  'memory-leak',
  'cache-eviction',
  'index-drop',
  'cache-out-of-memory',
];

export const AgentApplySchema = z
  .object({
    fault: AgentFaultSchema,
    leaseMs: z.number().int().min(50).max(3_600_000).describe('the fault reverts by itself when not renewed in time'),
  })
  .strict();
export type AgentApply = z.infer<typeof AgentApplySchema>;

/** Stack settings a responder can change at run time (the stampede and pool remedies). */
export const ServiceConfigSchema = z
  .object({
    cache: z
      .object({
        ttlMs: z.number().int().min(100).max(86_400_000),
        ttlJitterPercent: z.number().min(0).max(100),
        coalesce: z.boolean(),
        warm: z.boolean(),
      })
      .partial()
      .strict()
      .optional(),
    pool: z
      .object({
        max: z.number().int().min(1).max(1000),
        acquireTimeoutMs: z.number().int().min(10).max(60_000),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();
export type ServiceConfigPatch = z.infer<typeof ServiceConfigSchema>;

/** `PUT /upstreams`: replaces the replica URLs of the downstream services this replica calls. */
export const UpstreamsSchema = z
  .object({
    upstreams: z.record(z.string(), z.array(z.url({ protocol: /^https?$/ })).min(1).max(64)),
  })
  .strict();
export type UpstreamsUpdate = z.infer<typeof UpstreamsSchema>;

/** `POST /ops/:op`: one-shot remedies a responder runs inside a replica. */
export const AGENT_OPERATIONS = ['cache-flush', 'cache-warm', 'pool-kill-queries', 'cache-eviction-policy', 'restore-index'] as const;
export type AgentOperation = (typeof AGENT_OPERATIONS)[number];

/** The maxmemory-policy values a responder may set on the stack's Redis (cache-eviction-policy). */
export const EVICTION_POLICIES = ['allkeys-lru', 'allkeys-lfu', 'volatile-lru', 'volatile-ttl', 'noeviction'] as const;
export type EvictionPolicy = (typeof EVICTION_POLICIES)[number];

/** The body of `POST /ops/:op` for the operations that take one. */
export const AgentOperationInputSchema = z
  .object({ policy: z.enum(EVICTION_POLICIES).optional().describe('cache-eviction-policy: the maxmemory-policy to set') })
  .strict();
export type AgentOperationInput = z.infer<typeof AgentOperationInputSchema>;
/** pool-kill-queries cancels queries that have run at least this long (the runaway ones). */
export const LONG_QUERY_MS = 500;

export interface AgentOperationResult {
  op: AgentOperation;
  /** Entries flushed or warmed, queries killed. */
  count: number;
  detail: string;
}

export interface AgentFaultStatus {
  id: string;
  kind: AgentFaultKind;
  appliedAt: number;
  expiresAt: number;
}

export const AGENT_PATH = '/__firedrill';
export const AGENT_TOKEN_HEADER = 'x-firedrill-agent-token';
