/**
 * Calendar arithmetic in a shop's time zone (pure: no clock reads), on the same Intl-backed
 * zone functions the SLA clocks use (`src/lib/zone-time.ts`). A return window is counted in the
 * shop's local days: delivered on the 1st with 30 days means returnable until the end of the 31st,
 * local time, whatever the UTC offset or DST that day.
 */
import { instantToWall, isTimeZone, offsetAt } from '../lib/zone-time';

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** The zone's offset from UTC at instant `ms`, in ms (New York in winter: -5 h). */
export function zoneOffset(ms: number, timeZone: string): number {
  return offsetAt(timeZone, ms);
}

export function localDate(ms: number, timeZone: string): LocalDate {
  const wall = new Date(instantToWall(timeZone, ms));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** The instant local midnight starts on `date` (+ `addDays`) in `timeZone`. */
export function startOfLocalDay(date: LocalDate, timeZone: string, addDays = 0): number {
  const guess = Date.UTC(date.year, date.month - 1, date.day + addDays);
  // Two passes settle the offset across a DST change.
  let t = guess - zoneOffset(guess, timeZone);
  t = guess - zoneOffset(t, timeZone);
  return t;
}

/** Last millisecond of the local day `days` after the local day of `from`. */
export function endOfLocalDayAfter(from: number, days: number, timeZone: string): number {
  return startOfLocalDay(localDate(from, timeZone), timeZone, days + 1) - 1;
}

export function isValidTimeZone(timeZone: string): boolean {
  return isTimeZone(timeZone);
}
