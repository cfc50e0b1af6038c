import type { StackProfile } from '@firedrill/scenarios';

/** One target group of Prometheus's HTTP service discovery answer. */
export interface HttpSdTargetGroup {
  targets: string[];
  labels: Record<string, string>;
}

/** What service discovery needs of a stack: its id, how it is watched, and its replicas. */
export interface DiscoverableStack {
  id: string;
  profile: Pick<StackProfile, 'alertSource'>;
  instances: ReadonlyArray<{ id: string; service: string; url: string; port: number }>;
  /** The host a Prometheus elsewhere (another container) reaches the replicas at, when not the URL's. */
  advertisedHost?: string;
}

export interface SdFilter {
  /** Only this stack. */
  stack?: string;
  /** Only stacks watched this way (the rule-evaluating Prometheus asks for `prometheus`). */
  alertSource?: StackProfile['alertSource'];
}

/** The label that tells which stack a series (and a per-target alert) belongs to. */
export const STACK_LABEL = 'firedrill_stack';

/**
 * Prometheus's HTTP SD answer for the stacks' replicas, one group per replica. The labels are the
 * ones our embedded scraper attaches (`targetLabelsOf`: job and service = the service, replica =
 * the replica id, instance = the replica URL's host:port), so the exported rules select and group the
 * same series in both engines. `instance` is set explicitly because the scraped address may be an
 * advertised host (docker-compose) while the embedded scraper names the replica by its own URL.
 * `firedrill_stack` is the one extra label: it survives in per-target alerts (up == 0) and lets a
 * query pick one stack out of several.
 */
export function httpSdTargetGroups(stacks: readonly DiscoverableStack[], filter: SdFilter = {}): HttpSdTargetGroup[] {
  const groups: HttpSdTargetGroup[] = [];
  for (const stack of stacks) {
    if (filter.stack !== undefined && stack.id !== filter.stack) continue;
    if (filter.alertSource !== undefined && stack.profile.alertSource !== filter.alertSource) continue;
    for (const instance of stack.instances) {
      const host = new URL(instance.url).host;
      groups.push({
        targets: [stack.advertisedHost === undefined ? host : `${stack.advertisedHost}:${instance.port}`],
        labels: { job: instance.service, instance: host, service: instance.service, replica: instance.id, [STACK_LABEL]: stack.id },
      });
    }
  }
  return groups;
}
