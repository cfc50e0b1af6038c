import type { AgentFault } from '../protocol.js';
import { chance, type FaultEffect } from '../runtime.js';

type ErrorFault = Extract<AgentFault, { kind: 'error' }>;

/** Answers a share of the service's requests (or one route's) with an error status. */
export const errorEffect: FaultEffect<ErrorFault> = {
  unsupported(runtime, spec) {
    const route = spec.params.route;
    if (route === undefined || runtime.service.routes.some((known) => known.route === route)) return undefined;
    return `${runtime.service.name} has no route "${route}" (it has: ${runtime.service.routes.map((r) => r.route).join(', ')})`;
  },
  apply(runtime, spec) {
    const { status, percent, route } = spec.params;
    const hook = (requested: string): number | undefined =>
      (route === undefined || route === requested) && chance(percent) ? status : undefined;
    runtime.hooks.requestErrors.add(hook);
    return () => void runtime.hooks.requestErrors.delete(hook);
  },
};
