import { METRIC_NAME, type Labels } from '../labels.js';
import { quotedStringEnd, unquoteGoString } from './go-strings.js';

/**
 * The compact series notation of Prometheus's test files and of `promtool test rules`:
 * `1 2 3`, `1+2x3` (1 3 5 7), `5-1x2` (5 4 3), `7x2` (7 7 7), `_` (no sample), `_x3` (three
 * missing), `stale` (a staleness marker), `NaN`, `Inf`, `-Inf`, signed and exponent numbers.
 */
export type SeriesValue = number | 'stale' | null;

export interface SeriesItems {
  /** One entry per step; native histogram samples (`{{...}}`) appear as null. */
  values: SeriesValue[];
  /** The steps that hold a native histogram sample, which this project does not store. */
  histogramIndexes: number[];
}

export interface SeriesLine extends SeriesItems {
  labels: Labels;
}

const NUMBER = String.raw`(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[iI][nN][fF]|[nN][aA][nN])`;
const VALUE_ITEM = new RegExp(`^([+-]?${NUMBER})(?:([+-]${NUMBER})?x(\\d+))?$`);
const HISTOGRAM_SUFFIX = /^(?:x(\d+)|[+-]\{\{.*?\}\}x(\d+))/;

/** Expands a value sequence; native histogram items are refused here (see expandSeriesItems). */
export function expandSeriesValues(text: string): SeriesValue[] {
  const { values, histogramIndexes } = expandSeriesItems(text);
  if (histogramIndexes.length > 0) throw new Error('native histogram samples ({{...}}) are not supported');
  return values;
}

export function expandSeriesItems(text: string): SeriesItems {
  const values: SeriesValue[] = [];
  const histogramIndexes: number[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    if (text.startsWith('{{', i)) {
      const close = text.indexOf('}}', i);
      if (close < 0) throw new Error(`unterminated native histogram at column ${i + 1}`);
      i = close + 2;
      const suffix = HISTOGRAM_SUFFIX.exec(text.slice(i));
      const count = suffix ? Number(suffix[1] ?? suffix[2]) + 1 : 1;
      if (suffix) i += suffix[0].length;
      for (let k = 0; k < count; k++) {
        histogramIndexes.push(values.length);
        values.push(null);
      }
      continue;
    }
    let end = i;
    while (end < text.length && !/\s/.test(text[end]!)) end++;
    expandItem(text.slice(i, end), values);
    i = end;
  }
  return { values, histogramIndexes };
}

function expandItem(item: string, into: SeriesValue[]): void {
  if (item === '_') {
    into.push(null);
    return;
  }
  const blanks = /^_x(\d+)$/.exec(item);
  if (blanks) {
    for (let k = 0; k < Number(blanks[1]); k++) into.push(null);
    return;
  }
  if (item === 'stale') {
    into.push('stale');
    return;
  }
  const match = VALUE_ITEM.exec(item);
  if (!match) throw new Error(`unexpected "${item}" in series values, expected a number, "_" or "stale"`);
  let value = parseFloatToken(match[1]!);
  if (match[3] === undefined) {
    into.push(value);
    return;
  }
  const delta = match[2] === undefined ? 0 : parseFloatToken(match[2]);
  // Repeated addition, not multiplication, so float results match Prometheus bit for bit.
  for (let k = 0; k <= Number(match[3]); k++) {
    into.push(value);
    value += delta;
  }
}

function parseFloatToken(token: string): number {
  const unsigned = token.replace(/^[+-]/, '').toLowerCase();
  const negative = token.startsWith('-');
  if (unsigned === 'inf') return negative ? -Infinity : Infinity;
  if (unsigned === 'nan') return NaN;
  return Number(token);
}

/** Parses `metric{a="b"} 1+1x3` (also `{a="b"} 1`, `{"utf8.name", a="b"} 1`) into labels and values. */
export function parseSeriesLine(line: string): SeriesLine {
  const { labels, end } = parseMetric(line);
  const rest = line.slice(end);
  if (rest.length > 0 && !/^\s/.test(rest)) throw new Error(`unexpected "${rest}" after the series labels`);
  return { labels, ...expandSeriesItems(rest) };
}

const IDENTIFIER = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

/** Parses the metric name and label set at the start of `line`; `end` is where they stop. */
export function parseMetric(line: string): { labels: Labels; end: number } {
  const labels: Record<string, string> = {};
  let i = 0;
  const name = IDENTIFIER.exec(line);
  if (name) {
    labels[METRIC_NAME] = name[0];
    i = name[0].length;
  }
  if (line[i] !== '{') {
    if (!name) throw new Error(`expected a metric name or "{" at the start of "${line}"`);
    return { labels, end: i };
  }
  i++;
  const skipSpace = (): void => {
    while (i < line.length && /\s/.test(line[i]!)) i++;
  };
  for (;;) {
    skipSpace();
    if (line[i] === '}') break;
    let label: string;
    let quotedName = false;
    if (line[i] === '"' || line[i] === "'" || line[i] === '`') {
      const end = quotedStringEnd(line, i);
      label = unquoteGoString(line.slice(i, end));
      quotedName = true;
      i = end;
    } else {
      const id = IDENTIFIER.exec(line.slice(i));
      if (!id) throw new Error(`unexpected "${line.slice(i, i + 10)}" in label set, expected a label name or "}"`);
      label = id[0];
      i += label.length;
    }
    skipSpace();
    if (line[i] === '=') {
      i++;
      skipSpace();
      if (line[i] !== '"' && line[i] !== "'" && line[i] !== '`') throw new Error(`expected a quoted value for label ${label}`);
      const end = quotedStringEnd(line, i);
      labels[label] = unquoteGoString(line.slice(i, end));
      i = end;
    } else if (quotedName) {
      labels[METRIC_NAME] = label;
    } else {
      throw new Error(`expected "=" after label name ${label}`);
    }
    skipSpace();
    if (line[i] === ',') {
      i++;
      continue;
    }
    if (line[i] !== '}') throw new Error(`unexpected "${line.slice(i, i + 10)}" in label set, expected "," or "}"`);
  }
  return { labels, end: i + 1 };
}
