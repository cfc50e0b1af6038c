/**
 * Values a template works with, mirroring the Go types Prometheus hands its templates:
 * `number` is float64, GoInt an int (literals, `len`), plain objects are map[string]string,
 * TemplateStruct a struct (the root data, whose missing fields are errors, unlike map keys).
 */
export class GoInt {
  constructor(readonly value: number) {}
}

export class TemplateStruct {
  constructor(
    readonly typeName: string,
    readonly fields: Readonly<Record<string, TemplateValue>>,
  ) {}
}

export type TemplateMap = { readonly [key: string]: TemplateValue };

export type TemplateValue = string | number | boolean | null | GoInt | TemplateStruct | readonly TemplateValue[] | TemplateMap;

export function isMap(value: TemplateValue): value is TemplateMap {
  return typeof value === 'object' && value !== null && !(value instanceof GoInt) && !(value instanceof TemplateStruct) && !Array.isArray(value);
}

/** Go's type name for a value, as it appears in fmt's `%!d(float64=1.5)` and template errors. */
export function goTypeName(value: TemplateValue): string {
  if (value === null) return '<nil>';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'float64';
  if (typeof value === 'boolean') return 'bool';
  if (value instanceof GoInt) return 'int';
  if (value instanceof TemplateStruct) return value.typeName;
  if (Array.isArray(value)) return '[]interface {}';
  return 'map[string]string';
}

/** Go's truth: false, 0, nil, and empty strings, maps and slices are false. */
export function isTrue(value: TemplateValue): boolean {
  if (value === null || value === false || value === '' || value === 0) return false;
  if (value instanceof GoInt) return value.value !== 0;
  if (value instanceof TemplateStruct) return true;
  if (Array.isArray(value)) return value.length > 0;
  if (isMap(value)) return Object.keys(value).length > 0;
  return true;
}

export function toNumber(value: TemplateValue): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof GoInt) return value.value;
  return undefined;
}
