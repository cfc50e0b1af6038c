/**
 * Prometheus durations (model.ParseDuration / model.Duration.String): integer amounts of
 * y w d h m s ms, each unit at most once and in that order.
 */

const UNIT_MS: ReadonlyArray<readonly [string, number]> = [
  ['y', 365 * 24 * 60 * 60 * 1000],
  ['w', 7 * 24 * 60 * 60 * 1000],
  ['d', 24 * 60 * 60 * 1000],
  ['h', 60 * 60 * 1000],
  ['m', 60 * 1000],
  ['s', 1000],
  ['ms', 1],
];

const DURATION_PATTERN = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

export class DurationError extends Error {}

/** Parses `1h30m`, `5m`, `10s53ms` or `0` into ms; throws DurationError with Prometheus's wording. */
export function parseDuration(text: string): number {
  if (text === '') throw new DurationError('empty duration string');
  if (text === '0') return 0;
  const match = DURATION_PATTERN.exec(text);
  if (match === null) throw new DurationError(`not a valid duration string: ${JSON.stringify(text)}`);
  let ms = 0;
  for (let i = 0; i < UNIT_MS.length; i++) {
    const amount = match[i + 1];
    if (amount !== undefined) ms += Number(amount) * UNIT_MS[i]![1];
  }
  if (!Number.isSafeInteger(ms)) throw new DurationError(`duration out of range: ${JSON.stringify(text)}`);
  return ms;
}

/** True when the text is a duration with units (not a plain number). */
export function isDurationText(text: string): boolean {
  return text !== '' && DURATION_PATTERN.test(text) && /[a-z]/.test(text);
}

/**
 * Renders ms like Prometheus: years and weeks only when they divide evenly (`90d`, not `12w6d`),
 * then d h m s ms; `0s` for zero. Negative values get a leading minus.
 */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 0) return `-${formatDuration(-ms)}`;
  let rest = Math.trunc(ms);
  let out = '';
  for (const [unit, size] of UNIT_MS) {
    const exactOnly = unit === 'y' || unit === 'w';
    if (exactOnly && rest % size !== 0) continue;
    const amount = Math.floor(rest / size);
    if (amount > 0) {
      out += `${amount}${unit}`;
      rest -= amount * size;
    }
  }
  return out;
}
