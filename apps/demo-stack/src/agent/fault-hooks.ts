export type MetricsBlockMode = 'reset' | 'hang';

/**
 * The points where the chaos agent's faults reach into request handling. Effects add a hook
 * when applied and remove it when reverted; with no fault active every query is a no-op.
 */
export class FaultHooks {
  readonly requestDelays = new Set<(route: string) => number>();
  readonly requestErrors = new Set<(route: string) => number | undefined>();
  readonly dependencyDelays = new Set<(dependency: string) => number>();
  readonly metricsBlocks = new Set<MetricsBlockMode>();

  requestDelayMs(route: string): number {
    let total = 0;
    for (const delay of this.requestDelays) total += delay(route);
    return total;
  }

  requestErrorStatus(route: string): number | undefined {
    for (const rule of this.requestErrors) {
      const status = rule(route);
      if (status !== undefined) return status;
    }
    return undefined;
  }

  dependencyDelayMs(dependency: string): number {
    let total = 0;
    for (const delay of this.dependencyDelays) total += delay(dependency);
    return total;
  }

  metricsBlock(): MetricsBlockMode | undefined {
    if (this.metricsBlocks.has('hang')) return 'hang';
    return this.metricsBlocks.has('reset') ? 'reset' : undefined;
  }
}
