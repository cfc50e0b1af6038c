/**
 * Wall time in an IANA time zone, with nothing but Intl (the web app has no date library).
 * The API reads a one-off game day as an RFC 3339 instant with an offset; a person thinks in
 * "14:00 in Berlin", so the form converts between the two.
 */

/** Every zone the browser knows, for the time-zone picker (UTC first: it is not always listed). */
export function timeZones(): string[] {
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...supported.filter((zone) => zone !== 'UTC')];
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at `epochMs`, in minutes (Berlin in winter: 60). */
export function zoneOffsetMinutes(zone: string, epochMs: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(epochMs))
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (!match) return 0; // "GMT" alone is UTC
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * `2026-12-04T14:00` read in `zone` → `2026-12-04T14:00:00+01:00`. A wall time skipped by a DST
 * jump moves forward by the jump (as clocks do); an ambiguous one takes the earlier instant.
 * Null when `local` is not a date and time.
 */
export function localToIso(local: string, zone: string): string | null {
  const match = LOCAL.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi, s = '00'] = match;
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(asUtc)) return null;
  // The offsets in force a day either side cover every DST change: a candidate is right when the
  // zone really has that offset at the instant it gives.
  const before = zoneOffsetMinutes(zone, asUtc - 86_400_000);
  const after = zoneOffsetMinutes(zone, asUtc + 86_400_000);
  const consistent = [...new Set([before, after])]
    .map((offset) => asUtc - offset * 60_000)
    .filter((instant) => zoneOffsetMinutes(zone, instant) * 60_000 === asUtc - instant)
    .sort((a, b) => a - b);
  // None: the wall time was skipped; the offset before the jump lands as far past it as the jump.
  const instant = consistent[0] ?? asUtc - before * 60_000;
  return isoWithOffset(instant, zoneOffsetMinutes(zone, instant));
}

/** The instant `epochMs` as RFC 3339 in the given offset: `2026-12-04T14:00:00+01:00`. */
export function isoWithOffset(epochMs: number, offsetMinutes: number): string {
  const wall = new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${wall}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The wall time of `iso` in `zone`, as a datetime-local value (`2026-12-04T14:00`). */
export function isoToLocal(iso: string, zone: string): string {
  const epoch = Date.parse(iso);
  if (Number.isNaN(epoch)) return '';
  return new Date(epoch + zoneOffsetMinutes(zone, epoch) * 60_000).toISOString().slice(0, 16);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
