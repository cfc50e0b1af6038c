/**
 * Prometheus duration strings (`30s`, `5m`, `1h30m`, `250ms`), shared by scenarios, rule and SLO
 * generation and the notifier config. Units must come largest first and at most once (`5m1h`
 * and `1m1m` are refused), as Prometheus does, so a typo cannot silently mean something else.
 * It lives beside the clock because it is small and dependency-free: the demo-stack replicas
 * import the scenario library and must not load the PromQL parser to read a duration.
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

/** The duration in ms, or undefined when `text` is not a valid duration (`0` alone is 0). */
export function tryParseDuration(text: string): number | undefined {
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

/** Renders ms the way Prometheus prints durations: largest units first, `0s` for zero. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = Math.round(ms);
  let text = '';
  for (const unit of UNIT_ORDER) {
    const size = UNIT_MS[unit]!;
    // Prometheus renders weeks and years only when they divide the duration exactly.
    if ((unit === 'y' || unit === 'w') && rest % size !== 0) continue;
    const amount = Math.floor(rest / size);
    if (amount > 0) {
      text += `${amount}${unit}`;
      rest -= amount * size;
    }
  }
  return text;
}
