import type { LabelMatcher } from '../ast.js';
import type { Labels } from '../labels.js';

/**
 * Label name → value → ids of the series carrying that pair, as a TSDB's postings: a selector
 * with an equality matcher only looks at the series that can match it.
 */
export class Postings {
  private readonly byName = new Map<string, Map<string, Set<number>>>();

  add(id: number, labels: Labels): void {
    for (const [name, value] of Object.entries(labels)) {
      let values = this.byName.get(name);
      if (!values) this.byName.set(name, (values = new Map()));
      let ids = values.get(value);
      if (!ids) values.set(value, (ids = new Set()));
      ids.add(id);
    }
  }

  remove(id: number, labels: Labels): void {
    for (const [name, value] of Object.entries(labels)) {
      const values = this.byName.get(name);
      const ids = values?.get(value);
      if (!values || !ids) continue;
      ids.delete(id);
      if (ids.size === 0) values.delete(value);
      if (values.size === 0) this.byName.delete(name);
    }
  }

  clear(): void {
    this.byName.clear();
  }

  names(): IterableIterator<string> {
    return this.byName.keys();
  }

  values(name: string): ReadonlyMap<string, ReadonlySet<number>> | undefined {
    return this.byName.get(name);
  }

  /**
   * The smallest id set that every match must belong to, from the equality matchers with a
   * non-empty value (an empty value also matches series without the label), or null when no
   * matcher narrows the search and every series is a candidate.
   */
  candidates(matchers: readonly LabelMatcher[]): ReadonlySet<number> | null {
    let best: ReadonlySet<number> | null = null;
    for (const matcher of matchers) {
      if (matcher.op !== '=' || matcher.value === '') continue;
      const ids = this.byName.get(matcher.name)?.get(matcher.value);
      if (!ids) return EMPTY;
      if (best === null || ids.size < best.size) best = ids;
    }
    return best;
  }
}

const EMPTY: ReadonlySet<number> = new Set();
