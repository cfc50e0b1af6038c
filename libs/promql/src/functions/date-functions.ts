/**
 * PromQL's date functions on a value holding unix seconds, in UTC. Like Prometheus, the value is
 * truncated towards zero to whole seconds first. Calendar arithmetic is done on day numbers
 * (proleptic Gregorian), so it works far outside the range of JavaScript's Date.
 */
export const DATE_FUNCTION_NAMES = [
  'day_of_month',
  'day_of_week',
  'day_of_year',
  'days_in_month',
  'hour',
  'minute',
  'month',
  'year',
] as const;

export type DateFunctionName = (typeof DATE_FUNCTION_NAMES)[number];

const secondsPerDay = 86400;

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm). */
function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const cumulativeDaysBeforeMonth = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const daysPerMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : daysPerMonth[month - 1]!;
}

function dayOfYear(date: CivilDate): number {
  const leapDay = date.month > 2 && isLeapYear(date.year) ? 1 : 0;
  return cumulativeDaysBeforeMonth[date.month - 1]! + date.day + leapDay;
}

/** Non-finite values have no calendar date; Prometheus's answer there is an artefact, we give NaN. */
export function dateFunction(name: DateFunctionName): (unixSeconds: number) => number {
  return (unixSeconds) => {
    if (!Number.isFinite(unixSeconds)) return NaN;
    const seconds = Math.trunc(unixSeconds);
    const days = Math.floor(seconds / secondsPerDay);
    const secondOfDay = seconds - days * secondsPerDay;
    switch (name) {
      case 'hour':
        return Math.floor(secondOfDay / 3600);
      case 'minute':
        return Math.floor((secondOfDay % 3600) / 60);
      case 'day_of_week':
        return (((days + 4) % 7) + 7) % 7;
      default: {
        const date = civilFromDays(days);
        if (name === 'year') return date.year;
        if (name === 'month') return date.month;
        if (name === 'day_of_month') return date.day;
        if (name === 'day_of_year') return dayOfYear(date);
        return daysInMonth(date.year, date.month);
      }
    }
  };
}
