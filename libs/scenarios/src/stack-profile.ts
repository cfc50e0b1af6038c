import { z } from 'zod';
import { SERVICE_NAMES, type ServiceName } from './topology.js';

/** What a scenario (or a POST /api/stacks) asks of the stack it runs on. */
export const StackProfileSchema = z
  .object({
    loadRps: z
      .number()
      .min(0)
      .max(500)
      .default(10)
      .describe('steady open-loop request rate through the gateway, requests per second'),
    speed: z
      .number()
      .min(0.1)
      .max(1000)
      .default(1)
      .describe('stack clock speed: leases, fault durations and restart back-off run this many times faster'),
    replicas: z
      .partialRecord(z.enum(SERVICE_NAMES as [ServiceName, ...ServiceName[]]), z.number().int().min(1).max(8))
      .default({})
      .describe('replica count per service; defaults from the demo shop topology'),
    dependencies: z
      .object({
        cache: z.enum(['memory', 'redis']).default('memory').describe('memory: a map inside each catalog replica; redis: a real Redis (FIREDRILL_REDIS_URL)'),
        database: z.enum(['simulated', 'postgres']).default('simulated').describe('simulated: a database model inside each replica; postgres: a real PostgreSQL (FIREDRILL_POSTGRES_URL)'),
      })
      .strict()
      .default({ cache: 'memory', database: 'simulated' })
      .describe('what the catalog and payments services talk to'),
    alertSource: z
      .enum(['embedded', 'prometheus'])
      .default('embedded')
      .describe('embedded: Firedrill\'s own rules engine; prometheus: a real Prometheus (FIREDRILL_PROMETHEUS_URL) and its Alertmanager'),
  })
  .strict();

export type StackProfile = z.infer<typeof StackProfileSchema>;
