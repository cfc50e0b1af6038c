import type { Labels } from '@firedrill/promql';

/** What the scraper knows of one replica to scrape. */
export interface ScrapeTarget {
  /** The replica id, e.g. `catalog-1`. */
  readonly replica: string;
  readonly service: string;
  /** Base URL of the replica; `/metrics` is appended. */
  readonly url: string;
}

/** The labels Prometheus's service discovery would give the replica: job, instance, service, replica. */
export function targetLabelsOf(target: ScrapeTarget): Labels {
  return { job: target.service, instance: new URL(target.url).host, service: target.service, replica: target.replica };
}

/**
 * Attaches the target labels with `honor_labels: false`: a scraped label that collides with a
 * target label is kept as `exported_<name>` (`exported_exported_<name>` if that is taken too,
 * shortest names first), as Prometheus does, even when the two values are equal.
 */
export function withTargetLabels(scraped: Labels, target: Labels): Labels {
  const result: Record<string, string> = { ...scraped, ...target };
  const conflicts = Object.keys(target)
    .filter((name) => scraped[name] !== undefined && scraped[name] !== '')
    .sort((a, b) => a.length - b.length);
  for (const name of conflicts) {
    let renamed = name;
    do renamed = `exported_${renamed}`;
    while (result[renamed] !== undefined && result[renamed] !== '');
    result[renamed] = scraped[name]!;
  }
  return result;
}
