import { describe, expect, it } from 'vitest';
import { isoToLocal, isoWithOffset, localToIso, timeZones, zoneOffsetMinutes } from './zone-time.js';

describe('zone time', () => {
  it('reads a wall time in a zone, summer and winter', () => {
    expect(localToIso('2026-12-04T14:00', 'Europe/Berlin')).toBe('2026-12-04T14:00:00+01:00');
    expect(localToIso('2026-07-03T14:00', 'Europe/Berlin')).toBe('2026-07-03T14:00:00+02:00');
    expect(localToIso('2026-07-03T09:30', 'America/New_York')).toBe('2026-07-03T09:30:00-04:00');
    expect(localToIso('2026-07-03T09:30', 'Asia/Kolkata')).toBe('2026-07-03T09:30:00+05:30');
    expect(localToIso('2026-07-03T09:30', 'UTC')).toBe('2026-07-03T09:30:00+00:00');
  });

  it('moves a wall time skipped by the spring jump forward, and takes the earlier of an ambiguous one', () => {
    expect(localToIso('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T03:30:00+02:00');
    expect(localToIso('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T02:30:00+02:00');
  });

  it('rejects what is not a date and time', () => {
    expect(localToIso('', 'UTC')).toBeNull();
    expect(localToIso('2026-12-04', 'UTC')).toBeNull();
  });

  it('shows an instant as the wall time of a zone', () => {
    expect(isoToLocal('2026-12-04T13:00:00Z', 'Europe/Berlin')).toBe('2026-12-04T14:00');
    expect(isoToLocal('2026-12-04T14:00:00+01:00', 'America/New_York')).toBe('2026-12-04T08:00');
    expect(isoToLocal('nonsense', 'UTC')).toBe('');
  });

  it('knows offsets and zones', () => {
    expect(zoneOffsetMinutes('Europe/Berlin', Date.parse('2026-01-01T00:00:00Z'))).toBe(60);
    expect(zoneOffsetMinutes('UTC', Date.parse('2026-01-01T00:00:00Z'))).toBe(0);
    expect(isoWithOffset(Date.parse('2026-01-01T00:00:00Z'), -330)).toBe('2025-12-31T18:30:00-05:30');
    expect(timeZones()[0]).toBe('UTC');
    expect(timeZones()).toContain('Europe/Berlin');
  });
});
