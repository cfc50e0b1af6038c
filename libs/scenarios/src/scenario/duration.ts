import { tryParseDuration } from '@firedrill/clock';

/**
 * Durations in scenarios and runbooks are Prometheus-style strings (`30s`, `5m`, `1h30m`).
 * The schema only checks their shape; this parser also refuses units out of order or repeated
 * (`5m1h`, `1m1m`), as Prometheus does, so a typo cannot silently mean something else.
 */

/** The duration in ms, or undefined when `text` is not a valid duration. */
export const tryParseDrillDuration = tryParseDuration;

/** The duration in ms; throws a RangeError naming the text when it is not a valid duration. */
export function parseDrillDuration(text: string): number {
  const ms = tryParseDrillDuration(text);
  if (ms === undefined) {
    throw new RangeError(`"${text}" is not a duration: expected a Prometheus duration such as 30s, 5m or 1h30m, units largest first`);
  }
  return ms;
}
