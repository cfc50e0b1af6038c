import { GoInt, toNumber, type TemplateValue } from './values.js';

/**
 * Go template comparisons. Go refuses to compare an int with a float64 (`gt $value 10`); we
 * compare numbers by value instead, since that is what rule authors mean.
 */
export function equalValues(a: TemplateValue, b: TemplateValue): boolean {
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== undefined && y !== undefined) return x === y;
  if (a === null || b === null) return a === b;
  if (typeof a !== typeof b || a instanceof GoInt || b instanceof GoInt) throw new Error('incompatible types for comparison');
  if (typeof a === 'object') throw new Error('non-comparable type');
  return a === b;
}

export function compareValues(a: TemplateValue, b: TemplateValue): number {
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a !== typeof b) throw new Error('incompatible types for comparison');
  throw new Error('invalid type for comparison');
}
