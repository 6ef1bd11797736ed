/**
 * ISO weeks (`2026-W07`: Monday to Sunday; week 1 holds the year's first Thursday) and their
 * instants in a shop's zone. A review week is [Monday 00:00, next Monday 00:00) local time, so a
 * DST week is 167 or 169 hours long. Civil days are days since 1970-01-01 (zone-time.ts).
 */
import { DAY_MS } from '../lib/durations';
import { civilDay, instantToWall, isoWeekday, wallToInstant } from '../lib/zone-time';

export interface IsoWeek {
  year: number;
  week: number;
}

/** The review is due from this local hour on Monday (the week just ended is then complete). */
export const REVIEW_HOUR = 6;

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

function mondayOfWeekOne(year: number): number {
  const jan4 = civilDay(Date.UTC(year, 0, 4));
  return jan4 - (isoWeekday(jan4) - 1);
}

function weeksInYear(year: number): number {
  return isoWeekOfDay(civilDay(Date.UTC(year, 11, 28))).week;
}

/** The ISO week of a civil day: its Thursday decides the year. */
export function isoWeekOfDay(day: number): IsoWeek {
  const thursday = day - isoWeekday(day) + 4;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  return { year, week: Math.floor((thursday - mondayOfWeekOne(year)) / 7) + 1 };
}

/** `YYYY-Www`, or null when malformed or past the year's last week. */
export function parseIsoWeek(text: string): IsoWeek | null {
  const m = WEEK_PATTERN.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > weeksInYear(year)) return null;
  return { year, week };
}

export function formatIsoWeek({ year, week }: IsoWeek): string {
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** The civil day of the week's Monday. */
export function mondayOf({ year, week }: IsoWeek): number {
  return mondayOfWeekOne(year) + 7 * (week - 1);
}

export function addWeeks(w: IsoWeek, n: number): IsoWeek {
  return isoWeekOfDay(mondayOf(w) + 7 * n);
}

/** [start, end) instants of the week in the zone: local Monday midnight to the next one. */
export function weekRange(zone: string, w: IsoWeek): { from: number; to: number } {
  const monday = mondayOf(w);
  return { from: wallToInstant(zone, monday * DAY_MS), to: wallToInstant(zone, (monday + 7) * DAY_MS) };
}

/** The ISO week that contains instant `now` in the zone. */
export function weekAt(zone: string, now: number): IsoWeek {
  return isoWeekOfDay(civilDay(instantToWall(zone, now)));
}

/** The last week that has fully ended in the zone (the one before the current local week). */
export function lastFullWeek(zone: string, now: number): IsoWeek {
  return addWeeks(weekAt(zone, now), -1);
}

/**
 * Whether the review of `lastFullWeek` may be computed: from Monday `REVIEW_HOUR`:00 local on,
 * all week (a cron that missed Monday still gets it; keeping one per week is the store's job).
 */
export function isReviewDue(zone: string, now: number): boolean {
  const wall = instantToWall(zone, now);
  const day = civilDay(wall);
  if (isoWeekday(day) !== 1) return true;
  return wall - day * DAY_MS >= REVIEW_HOUR * 3_600_000;
}
