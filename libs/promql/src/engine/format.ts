import { METRIC_NAME, type Labels } from '../labels.js';

/** Go's `labels.Labels.String()`: `{__name__="x", a="1"}`, names sorted, values quoted. */
export function goLabelsString(labels: Labels): string {
  const names = Object.keys(labels).sort();
  return `{${names.map((name) => `${name}=${JSON.stringify(labels[name])}`).join(', ')}}`;
}

/** Go's strconv.FormatFloat(v, 'f', -1, 64): shortest digits, never an exponent (count_values labels). */
export function formatFloatPlain(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const text = String(value);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const sign = text.startsWith('-') ? '-' : '';
  const mantissa = text.slice(sign.length, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const pointAt = (dot < 0 ? mantissa.length : dot) + exponent;
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

/**
 * Prometheus 3 accepts any non-empty UTF-8 label name. A JS string cannot hold invalid UTF-8, but a
 * lone surrogate or the replacement character is what undecodable input turns into.
 */
export function isValidLabelName(name: string): boolean {
  if (name.length === 0) return false;
  if (name.includes('\uFFFD')) return false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = name.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return false;
    }
  }
  return true;
}

export function metricNameOf(labels: Labels): string | undefined {
  return labels[METRIC_NAME];
}
