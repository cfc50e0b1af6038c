import type { AggregateExpr } from '../ast.js';
import { METRIC_NAME, type Labels } from '../labels.js';
import type { InstantSeries } from './types.js';

export interface Groups {
  /** Group index of each input series, groups numbered in order of first appearance. */
  groupOf: Int32Array;
  labels: Labels[];
}

/** `by` keeps the listed labels, `without` drops them and `__name__`; computed once per series. */
export function groupingLabels(labels: Labels, grouping: readonly string[], without: boolean): Labels {
  const out: Record<string, string> = {};
  if (without) {
    const dropped = new Set(grouping);
    for (const [name, value] of Object.entries(labels)) {
      if (name !== METRIC_NAME && !dropped.has(name)) out[name] = value;
    }
  } else {
    for (const name of grouping) {
      const value = labels[name];
      if (value !== undefined && value !== '') out[name] = value;
    }
  }
  return out;
}

function groupingKey(labels: Labels, sortedGrouping: readonly string[], without: boolean, dropped: ReadonlySet<string>): string {
  let key = '';
  if (without) {
    for (const name of Object.keys(labels).sort()) {
      if (!dropped.has(name)) key += `${name}\u0000${labels[name]}\u0001`;
    }
  } else {
    for (const name of sortedGrouping) {
      const value = labels[name];
      if (value !== undefined && value !== '') key += `${name}\u0000${value}\u0001`;
    }
  }
  return key;
}

export function assignGroups(series: readonly InstantSeries[], expr: AggregateExpr): Groups {
  const sortedGrouping = [...new Set(expr.grouping)].sort();
  const dropped = new Set([METRIC_NAME, ...expr.grouping]);
  const groupOf = new Int32Array(series.length);
  const labels: Labels[] = [];
  const indexByKey = new Map<string, number>();
  series.forEach((s, i) => {
    const key = groupingKey(s.labels, sortedGrouping, expr.without, dropped);
    let index = indexByKey.get(key);
    if (index === undefined) {
      index = labels.length;
      indexByKey.set(key, index);
      labels.push(groupingLabels(s.labels, sortedGrouping, expr.without));
    }
    groupOf[i] = index;
  });
  return { groupOf, labels };
}
