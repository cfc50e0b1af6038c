import { describe, expect, it } from 'vitest';
import { cronInWords, daysInWords, everyNth, ordinal, scheduleInWords, wallTimeInWords } from './schedule-words.js';

describe('schedule in words', () => {
  it('says every other Friday for a weekly cron run every second time', () => {
    expect(scheduleInWords({ kind: 'cron', expression: '0 14 * * 5', timeZone: 'Europe/Berlin', every: 2 })).toBe('every other Friday 14:00 Europe/Berlin');
    expect(scheduleInWords({ kind: 'cron', expression: '30 9 * * FRI', timeZone: 'UTC', every: 1 })).toBe('every Friday 09:30 UTC');
  });

  it('spells out days of the week, of the month and of the year', () => {
    expect(cronInWords('0 10 * * 1-5')).toBe('every Monday to Friday 10:00');
    expect(cronInWords('0 10 * * 1,3,5')).toBe('every Monday, Wednesday and Friday 10:00');
    expect(cronInWords('0 10 * * 1-5', 3)).toBe('Monday to Friday 10:00, every 3rd time');
    expect(cronInWords('0 8 * * *')).toBe('every day 08:00');
    expect(cronInWords('0 8 * * *', 2)).toBe('every other day 08:00');
    expect(cronInWords('15 16 1 * *')).toBe('on the 1st of every month 16:15');
    expect(cronInWords('15 16 1 * *', 3)).toBe('on the 1st of every 3rd month 16:15');
    expect(cronInWords('0 12 4 12 *')).toBe('every year on 4 December 12:00');
    expect(cronInWords('0 0 14 * * 0')).toBe('every Sunday 14:00');
  });

  it('handles minute and hour steps', () => {
    expect(cronInWords('*/15 * * * *')).toBe('every 15 minutes');
    expect(cronInWords('*/1 * * * *')).toBe('every minute');
    expect(cronInWords('5 * * * *')).toBe('every hour at :05');
    expect(cronInWords('5 * * * *', 2)).toBe('every other hour at :05');
  });

  it('shows the expression when it cannot say it better', () => {
    expect(cronInWords('0 9-17/2 * * 1-5')).toBe('cron "0 9-17/2 * * 1-5"');
    expect(cronInWords('0 9 L * *', 2)).toBe('cron "0 9 L * *", every other time');
    expect(cronInWords('30 0 14 * * 5')).toBe('cron "30 0 14 * * 5"');
    expect(cronInWords('nonsense')).toBe('cron "nonsense"');
  });

  it('reads a one-off in its own offset, whatever the browser zone', () => {
    expect(scheduleInWords({ kind: 'once', at: '2026-12-04T14:00:00+01:00' })).toBe('once, Fri 4 Dec 2026 14:00 UTC+01:00');
    expect(scheduleInWords({ kind: 'once', at: '2026-12-04T14:00:00Z' })).toBe('once, Fri 4 Dec 2026 14:00 UTC');
    expect(wallTimeInWords('2027-01-01T00:05:00-05:00')).toBe('Fri 1 Jan 2027 00:05');
  });

  it('counts in words', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st']);
    expect([1, 2, 4].map(everyNth)).toEqual(['every', 'every other', 'every 4th']);
    expect(daysInWords('0,6')).toBe('Sunday and Saturday');
    expect(daysInWords('7')).toBe('Sunday');
    expect(daysInWords('8')).toBeNull();
  });
});
