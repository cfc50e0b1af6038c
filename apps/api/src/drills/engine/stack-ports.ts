import { RealClock } from '@firedrill/clock';
import { Engine, type QueryResult } from '@firedrill/promql';
import { isRealAlertGroup } from '../../prometheus-sd/real-alert-groups.js';
import type { FaultsService } from '../../faults/faults.service.js';
import type { EventsHub } from '../../realtime/events-hub.js';
import type { Stack } from '../../stacks/stack.js';
import type { TelemetryService } from '../../telemetry/telemetry.service.js';
import type { AlertTransitionFeedItem, DrillRunnerPorts, FaultInjector, PromqlEvaluator } from './ports.js';

/** Stack-time seconds a drill fault survives without renewal (renewed every third of it). */
const DRILL_FAULT_LEASE_SECONDS = 30;

export interface StackServices {
  faults: FaultsService;
  telemetry: TelemetryService;
  hub: EventsHub;
}

/** What the service decides for the runner: where events go and how the drill ends. */
export type DrillHooks = Pick<DrillRunnerPorts, 'record' | 'finish' | 'abort' | 'log'>;

/** The runner's ports wired to one live stack: its clock, fault engine, alerts and telemetry. */
export function stackPorts(stack: Stack, services: StackServices, hooks: DrillHooks): DrillRunnerPorts {
  const telemetry = services.telemetry.forStack(stack.id);
  const realAlertsOnly = stack.profile.alertSource === 'prometheus';
  return {
    ...hooks,
    clock: stack.clock,
    wallClock: new RealClock(),
    faults: faultInjector(stack.id, services.faults),
    onAlertTransition: (listener) =>
      services.hub.subscribe((event) => {
        if (event.stackId !== stack.id || event.topic !== 'alerts') return;
        // A stack watched by a real Prometheus takes its alerts (and T1) from it alone; the embedded
        // rules keep evaluating beside it (recorded series, the comparison), but do not drive drills.
        if (realAlertsOnly && !isRealAlertGroup((event.payload as { group?: string }).group)) return;
        listener(event.payload as AlertTransitionFeedItem);
      }),
    onScrapeCycle: (listener) => {
      telemetry.scrapes.on('cycle', listener);
      return () => void telemetry.scrapes.off('cycle', listener);
    },
    query: promqlEvaluator(new Engine(telemetry.tsdb)),
  };
}

function faultInjector(stackId: string, faults: FaultsService): FaultInjector {
  return {
    inject: async (step, durationMs) => {
      const view = await faults.create(stackId, {
        kind: step.kind,
        target: step.target,
        params: step.params,
        ...(durationMs === undefined ? {} : { durationSeconds: durationMs / 1000 }),
        leaseSeconds: DRILL_FAULT_LEASE_SECONDS,
      });
      return { faultId: view.id };
    },
    revert: async (faultId) => {
      await faults.revert(stackId, faultId);
    },
  };
}

/** Instant query values: a vector's samples, a matrix's last points, a scalar; nothing for an empty result. */
export function promqlEvaluator(engine: Engine): PromqlEvaluator {
  return (promql, atMs) => valuesOf(engine.instantQuery(promql, atMs));
}

function valuesOf(result: QueryResult): number[] {
  const value = result.value;
  switch (value.type) {
    case 'vector':
      return value.samples.map((sample) => sample.v);
    case 'matrix':
      return value.series.flatMap((series) => series.points.slice(-1).map((point) => point.v));
    case 'scalar':
      return [value.v];
    default:
      return [Number.NaN];
  }
}
