import { dependenciesOf } from '@firedrill/scenarios';
import type { AgentFault } from '../protocol.js';
import { chance, type FaultEffect } from '../runtime.js';

type LatencyFault = Extract<AgentFault, { kind: 'latency' }>;

/** Adds delay to the service's own requests, or to its calls to one dependency. */
export const latencyEffect: FaultEffect<LatencyFault> = {
  unsupported(runtime, spec) {
    if (spec.dependency === undefined) return undefined;
    const known = dependenciesOf(runtime.service);
    return known.includes(spec.dependency)
      ? undefined
      : `${runtime.service.name} has no dependency "${spec.dependency}" (it has: ${known.join(', ') || 'none'})`;
  },
  apply(runtime, spec) {
    const { delayMs, jitterMs, percent } = spec.params;
    const sample = (): number =>
      chance(percent) ? Math.max(0, delayMs + (jitterMs > 0 ? (2 * Math.random() - 1) * jitterMs : 0)) : 0;
    if (spec.dependency === undefined) {
      const hook = (): number => sample();
      runtime.hooks.requestDelays.add(hook);
      return () => void runtime.hooks.requestDelays.delete(hook);
    }
    const dependency = spec.dependency;
    const hook = (called: string): number => (called === dependency ? sample() : 0);
    runtime.hooks.dependencyDelays.add(hook);
    return () => void runtime.hooks.dependencyDelays.delete(hook);
  },
};
