/**
 * Durations in scenarios and runbooks are Prometheus-style strings (`30s`, `5m`, `1h30m`).
 * The schema only checks their shape; this parser also refuses units out of order or repeated
 * (`5m1h`, `1m1m`), as Prometheus does, so a typo cannot silently mean something else.
 */
const UNIT_MS: Record<string, number> = {
  y: 365 * 24 * 3_600_000,
  w: 7 * 24 * 3_600_000,
  d: 24 * 3_600_000,
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
};
const UNIT_ORDER = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
const DURATION_SHAPE = /^(?:\d+(?:ms|y|w|d|h|m|s))+$/;

/** The duration in ms, or undefined when `text` is not a valid duration. */
export function tryParseDrillDuration(text: string): number | undefined {
  if (text === '0') return 0;
  if (!DURATION_SHAPE.test(text)) return undefined;
  let total = 0;
  let previousUnit = -1;
  for (const [, amount, unit] of text.matchAll(/(\d+)(ms|y|w|d|h|m|s)/g)) {
    const unitIndex = UNIT_ORDER.indexOf(unit!);
    if (unitIndex <= previousUnit) return undefined;
    previousUnit = unitIndex;
    total += Number(amount) * UNIT_MS[unit!]!;
  }
  return Number.isSafeInteger(total) ? total : undefined;
}

/** The duration in ms; throws a RangeError naming the text when it is not a valid duration. */
export function parseDrillDuration(text: string): number {
  const ms = tryParseDrillDuration(text);
  if (ms === undefined) {
    throw new RangeError(`"${text}" is not a duration: expected a Prometheus duration such as 30s, 5m or 1h30m, units largest first`);
  }
  return ms;
}
