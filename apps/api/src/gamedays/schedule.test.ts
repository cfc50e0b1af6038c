import { describe, expect, it } from 'vitest';
import type { GameDaySchedule } from './gameday-schema.js';
import { formatInScheduleZone, nextOccurrences, occurrencesBetween, ScheduleError, startCursor, validateSchedule } from './schedule.js';

const cron = (expression: string, timeZone = 'Europe/Berlin', every = 1): GameDaySchedule => ({ kind: 'cron', expression, timeZone, every });
const ms = (iso: string) => Date.parse(iso);

/** The starts between two instants, written in the schedule's zone. */
function starts(schedule: GameDaySchedule, fromIso: string, toIso: string, anchorIso = fromIso): string[] {
  const { cursor } = occurrencesBetween(schedule, startCursor(ms(anchorIso)), ms(fromIso));
  return occurrencesBetween(schedule, cursor, ms(toIso)).occurrences.map((occurrence) => formatInScheduleZone(occurrence.at, schedule));
}

describe('cron schedules in a time zone', () => {
  it('reads the expression in the zone: Fridays at 14:00 Berlin, across the spring change of offset', () => {
    expect(starts(cron('0 14 * * 5'), '2026-03-19T00:00:00Z', '2026-04-04T00:00:00Z')).toEqual([
      '2026-03-20T14:00:00+01:00',
      '2026-03-27T14:00:00+01:00',
      '2026-04-03T14:00:00+02:00',
    ]);
  });

  it('takes 6 fields with seconds first', () => {
    expect(starts(cron('30 0 9 * * 1', 'UTC'), '2026-06-01T00:00:00Z', '2026-06-09T00:00:00Z')).toEqual(['2026-06-01T09:00:30Z', '2026-06-08T09:00:30Z']);
  });

  it('a start exactly at the cursor is not repeated; one a millisecond later is next', () => {
    const schedule = cron('0 14 * * 5', 'UTC');
    const [first] = nextOccurrences(schedule, startCursor(ms('2026-03-20T14:00:00Z')), 1);
    expect(new Date(first!.at).toISOString()).toBe('2026-03-27T14:00:00.000Z');
    const [again] = nextOccurrences(schedule, startCursor(ms('2026-03-20T13:59:59.999Z')), 1);
    expect(new Date(again!.at).toISOString()).toBe('2026-03-20T14:00:00.000Z');
  });
});

describe('daylight saving time', () => {
  it('spring forward: 02:30 daily in Berlin runs once on the day 02:30 does not exist, at 03:30 CEST', () => {
    expect(starts(cron('30 2 * * *'), '2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z')).toEqual([
      '2026-03-28T02:30:00+01:00',
      '2026-03-29T03:30:00+02:00',
      '2026-03-30T02:30:00+02:00',
    ]);
  });

  it('fall back: 02:30 daily in Berlin runs once on the day 02:30 happens twice, at its first pass', () => {
    expect(starts(cron('30 2 * * *'), '2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z')).toEqual([
      '2026-10-24T02:30:00+02:00',
      '2026-10-25T02:30:00+02:00',
      '2026-10-26T02:30:00+01:00',
    ]);
  });

  it('hourly: the skipped hour coincides with 03:00 and runs once; the repeated 02:00 runs once', () => {
    expect(starts(cron('0 * * * *'), '2026-03-29T00:30:00+01:00', '2026-03-29T04:30:00+02:00')).toEqual([
      '2026-03-29T01:00:00+01:00',
      '2026-03-29T03:00:00+02:00',
      '2026-03-29T04:00:00+02:00',
    ]);
    expect(starts(cron('0 * * * *'), '2026-10-25T00:30:00+02:00', '2026-10-25T03:30:00+01:00')).toEqual([
      '2026-10-25T01:00:00+02:00',
      '2026-10-25T02:00:00+02:00',
      '2026-10-25T03:00:00+01:00',
    ]);
  });

  it('every 20 minutes through the gap: shifted times merge in order with the regular ones, no duplicates', () => {
    const got = starts(cron('*/20 * * * *'), '2026-03-29T01:30:00+01:00', '2026-03-29T03:50:00+02:00');
    expect(got).toEqual([
      '2026-03-29T01:40:00+01:00',
      '2026-03-29T03:00:00+02:00',
      '2026-03-29T03:20:00+02:00',
      '2026-03-29T03:40:00+02:00',
    ]);
  });

  it('New York springs forward at 02:00 too: 02:30 runs at 03:30 EDT', () => {
    expect(starts(cron('30 2 * * *', 'America/New_York'), '2026-03-07T12:00:00Z', '2026-03-09T12:00:00Z')).toEqual([
      '2026-03-08T03:30:00-04:00',
      '2026-03-09T02:30:00-04:00',
    ]);
  });
});

describe('every n-th occurrence', () => {
  const fortnightly = cron('0 14 * * 5', 'Europe/Berlin', 2);

  it('every other Friday, counted from the anchor: the first Friday after it, then every second', () => {
    expect(starts(fortnightly, '2026-03-18T00:00:00Z', '2026-04-25T00:00:00Z')).toEqual([
      '2026-03-20T14:00:00+01:00',
      '2026-04-03T14:00:00+02:00',
      '2026-04-17T14:00:00+02:00',
    ]);
  });

  it('is stable whatever the window: walking in small steps gives the same starts as one walk', () => {
    const anchor = startCursor(ms('2026-03-18T00:00:00Z'));
    let cursor = anchor;
    const stepped: number[] = [];
    for (let t = ms('2026-03-18T00:00:00Z'); t < ms('2026-06-01T00:00:00Z'); t += 5 * 3_600_000) {
      const walked = occurrencesBetween(fortnightly, cursor, t);
      stepped.push(...walked.occurrences.map((occurrence) => occurrence.at));
      cursor = walked.cursor;
    }
    const whole = occurrencesBetween(fortnightly, anchor, ms('2026-05-31T23:00:00Z')).occurrences.map((occurrence) => occurrence.at);
    expect(stepped).toEqual(whole);
    expect(whole.length).toBe(6); // 20 Mar, 3 and 17 Apr, 1, 15 and 29 May
  });

  it('a different anchor week gives the other Fridays', () => {
    expect(starts(fortnightly, '2026-03-25T00:00:00Z', '2026-04-25T00:00:00Z')).toEqual(['2026-03-27T14:00:00+01:00', '2026-04-10T14:00:00+02:00', '2026-04-24T14:00:00+02:00']);
  });
});

describe('one-off dates', () => {
  const once: GameDaySchedule = { kind: 'once', at: '2026-12-04T14:00:00+01:00' };

  it('occurs once, after the anchor only, written with its own offset', () => {
    expect(starts(once, '2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z')).toEqual(['2026-12-04T14:00:00+01:00']);
    expect(starts(once, '2026-12-05T00:00:00Z', '2027-01-01T00:00:00Z')).toEqual([]);
    expect(nextOccurrences(once, startCursor(ms('2026-12-10T00:00:00Z')), 5)).toEqual([]);
  });
});

describe('validation', () => {
  const fieldOf = (schedule: GameDaySchedule): string | undefined => {
    try {
      validateSchedule(schedule);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(ScheduleError);
      return `${(error as ScheduleError).field}: ${(error as ScheduleError).message}`;
    }
  };

  it('accepts 5 and 6 fields and names', () => {
    expect(fieldOf(cron('0 14 * * 5'))).toBeUndefined();
    expect(fieldOf(cron('0 0 14 * * FRI'))).toBeUndefined();
  });

  it('names schedule.expression for a bad expression and schedule.timeZone for a bad zone', () => {
    expect(fieldOf(cron('0 14 * *'))).toMatch(/^schedule\.expression: expected 5 fields/);
    expect(fieldOf(cron('@weekly'))).toMatch(/^schedule\.expression: expected 5 fields/);
    expect(fieldOf(cron('61 14 * * 5'))).toMatch(/^schedule\.expression: .*out of range/);
    expect(fieldOf(cron('0 0 30 2 *'))).toMatch(/^schedule\.expression: .*never occurs/);
    expect(fieldOf(cron('0 14 * * 5', 'Mars/Olympus_Mons'))).toMatch(/^schedule\.timeZone: "Mars\/Olympus_Mons" is not an IANA time zone/);
  });
});
