/**
 * Prometheus duration strings (`1h30m`, `5m`, `250ms`) for the SLO generator and the notifier
 * config. Kept here rather than borrowed from the PromQL parser so configuration can be validated
 * without the query engine.
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
const DURATION_PATTERN = /^(?:\d+(?:y|w|d|h|ms|m|s))+$/;

/** Parses a duration into ms, or returns undefined when it is not a Prometheus duration. */
export function tryParseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  if (!DURATION_PATTERN.test(text)) return undefined;
  let total = 0;
  let lastUnitIndex = -1;
  for (const [, amount, unit] of text.matchAll(/(\d+)(ms|y|w|d|h|m|s)/g)) {
    const unitIndex = UNIT_ORDER.indexOf(unit!);
    // Prometheus rejects units out of order or repeated (`5m1h`, `1m1m`).
    if (unitIndex <= lastUnitIndex) return undefined;
    lastUnitIndex = unitIndex;
    total += Number(amount) * UNIT_MS[unit!]!;
  }
  return total;
}

/** Renders ms the way Prometheus prints durations: largest units first, `0s` for zero. */
export function formatDurationMs(ms: number): string {
  if (ms === 0) return '0s';
  let rest = Math.round(ms);
  let text = '';
  // Prometheus renders weeks and years only when they divide the duration exactly.
  for (const unit of UNIT_ORDER) {
    const size = UNIT_MS[unit]!;
    if ((unit === 'y' || unit === 'w') && rest % size !== 0) continue;
    const amount = Math.floor(rest / size);
    if (amount > 0) {
      text += `${amount}${unit}`;
      rest -= amount * size;
    }
  }
  return text;
}
