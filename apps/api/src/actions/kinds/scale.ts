import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { serviceSchema, type ResponderAction } from '../responder-action.js';

export const MAX_REPLICAS = 8;

const ScaleParamsSchema = z
  .object({
    service: serviceSchema,
    replicas: z.number().int().min(1).max(MAX_REPLICAS).describe(`replicas the service should run (1–${MAX_REPLICAS})`),
  })
  .strict();

export const scaleAction: ResponderAction<z.infer<typeof ScaleParamsSchema>> = {
  name: 'scale',
  summary: 'Sets the number of replicas of a service; callers start using the new replica set at once.',
  paramsSchema: ScaleParamsSchema,
  async execute({ stack }, { service, replicas }) {
    const before = stack.target.instances(service).length;
    const scaled = await stack.target.scale(service, replicas);
    if (scaled.notReady.length > 0) {
      throw new AppError('action_failed', `scaled ${service} to ${replicas}, but ${scaled.notReady.join(', ')} did not become ready`);
    }
    if (before === replicas) return { result: `${service} already runs ${replicas} replica(s)` };
    const change = scaled.added.length > 0 ? `added ${scaled.added.join(', ')}` : `removed ${scaled.removed.join(', ')}`;
    return { result: `scaled ${service} from ${before} to ${scaled.replicas} replica(s): ${change}` };
  },
};
