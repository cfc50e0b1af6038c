import type { Labels } from '@firedrill/promql';

/** Renderings that match promtool's failure output, which prints Go values. */

/** Prometheus's labels.Labels.String(): every label, `__name__` included, sorted, in braces. */
export function goLabelsString(labels: Labels): string {
  return `{${Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`)
    .join(', ')}}`;
}

/** strconv.FormatFloat(v, 'E', -1, 64). */
export function formatFloatE(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const [mantissa, exponent] = v.toExponential().split('e') as [string, string];
  const e = Number(exponent);
  return `${mantissa}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** promtool's indentLines: every line after the first gets the indent. */
export function indentLines(lines: string, indent: string): string {
  return lines.split('\n').join(`\n${indent}`);
}
