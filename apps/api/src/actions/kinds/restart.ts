import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { serviceSchema, type ResponderAction } from '../responder-action.js';

const RestartParamsSchema = z.object({ service: serviceSchema }).strict();

export const restartAction: ResponderAction<z.infer<typeof RestartParamsSchema>> = {
  name: 'restart',
  summary: 'Rolling restart of a service: one replica at a time, each waited for until it is ready again.',
  paramsSchema: RestartParamsSchema,
  async execute({ stack }, { service }) {
    const restarted = await stack.target.restart(service);
    const stuck = restarted.find((replica) => !replica.ready);
    const done = restarted.filter((replica) => replica.ready).map((replica) => `${replica.id} (pid ${replica.oldPid ?? '-'} → ${replica.newPid})`);
    if (stuck) {
      throw new AppError('action_failed', `rolling restart of ${service} stopped: ${stuck.id} did not become ready${done.length > 0 ? `; restarted ${done.join(', ')}` : ''}`);
    }
    return { result: `restarted ${restarted.length} replica(s) of ${service}: ${done.join(', ')}` };
  },
};
