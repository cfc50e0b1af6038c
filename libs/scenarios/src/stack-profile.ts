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
  })
  .strict();

export type StackProfile = z.infer<typeof StackProfileSchema>;
