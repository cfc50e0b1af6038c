/**
 * A label set. Plain frozen-by-convention objects keep the engine and the store simple; the
 * canonical key (sorted name/value pairs) is what identifies a series.
 */
export type Labels = Readonly<Record<string, string>>;

export const METRIC_NAME = '__name__';

/** A stable identity for a label set: names sorted, values escaped so keys never collide. */
export function labelsKey(labels: Labels): string {
  const names = Object.keys(labels).sort();
  let key = '';
  for (const name of names) key += `${name}\u0000${labels[name]}\u0001`;
  return key;
}

/** Prometheus's text rendering: `name{a="1", b="2"}`, used in error messages and test output. */
export function formatLabels(labels: Labels): string {
  const name = labels[METRIC_NAME];
  const rest = Object.keys(labels)
    .filter((label) => label !== METRIC_NAME)
    .sort()
    .map((label) => `${label}=${JSON.stringify(labels[label])}`);
  if (name !== undefined && rest.length === 0) return name;
  return `${name ?? ''}{${rest.join(', ')}}`;
}

export function withoutMetricName(labels: Labels): Labels {
  if (!(METRIC_NAME in labels)) return labels;
  const { [METRIC_NAME]: _dropped, ...rest } = labels;
  return rest;
}

/** Prometheus's labels.Compare: pairwise by sorted name, then value; a prefix sorts first. */
export function compareLabels(a: Labels, b: Labels): number {
  const an = Object.keys(a).sort();
  const bn = Object.keys(b).sort();
  for (let i = 0; i < Math.min(an.length, bn.length); i++) {
    if (an[i] !== bn[i]) return an[i]! < bn[i]! ? -1 : 1;
    const av = a[an[i]!]!;
    const bv = b[bn[i]!]!;
    if (av !== bv) return av < bv ? -1 : 1;
  }
  return an.length - bn.length;
}
