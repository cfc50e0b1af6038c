import { formatValue, type QueryValue } from '@firedrill/promql';

/** Prometheus renders sample values with strconv.FormatFloat(v, 'f', -1, 64): never an exponent. */
export function formatSampleValue(v: number): string {
  if (!Number.isFinite(v)) return formatValue(v);
  const text = String(v);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  // Shift the decimal point of JS's shortest round-trip digits instead of re-rounding them.
  const [, sign, lead, fraction = '', exponentText] = match;
  const digits = lead + fraction;
  const exponent = Number(exponentText);
  if (exponent > 0) return sign + digits + '0'.repeat(Math.max(0, exponent - fraction.length));
  return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
}

const seconds = (ms: number): number => ms / 1000;

/** The `data` member of a query response: `{resultType, result}` in Prometheus's JSON shapes. */
export function queryData(value: QueryValue): { resultType: QueryValue['type']; result: unknown } {
  switch (value.type) {
    case 'scalar':
      return { resultType: 'scalar', result: [seconds(value.t), formatSampleValue(value.v)] };
    case 'string':
      return { resultType: 'string', result: [seconds(value.t), value.v] };
    case 'vector':
      return {
        resultType: 'vector',
        result: value.samples.map((sample) => ({ metric: sample.labels, value: [seconds(sample.t), formatSampleValue(sample.v)] })),
      };
    case 'matrix':
      return {
        resultType: 'matrix',
        result: value.series.map((series) => ({
          metric: series.labels,
          values: series.points.map((point) => [seconds(point.t), formatSampleValue(point.v)]),
        })),
      };
  }
}
