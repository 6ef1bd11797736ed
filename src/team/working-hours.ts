/**
 * A member's working hours, as wall-clock times in the shop's zone: "Mondays 09:00–17:00" stays
 * 09:00–17:00 local across daylight-saving changes. No hours set means any time.
 *
 * An interval covers [start, end). `end` may be `24:00` (to midnight); an `end` at or before `start`
 * is a night shift running into the next day (Friday 22:00–06:00 covers Saturday 05:00).
 */
import * as z from 'zod';
import { DAY_MS } from '../lib/durations';
import { civilDay, instantToWall, isoWeekday, wallToInstant } from '../lib/zone-time';

/** 0 = Sunday … 6 = Saturday, as `Date#getDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface WorkingInterval {
  day: Weekday;
  /** 'HH:MM', 00:00–23:59. */
  start: string;
  /** 'HH:MM', 00:00–24:00. */
  end: string;
}

export interface WorkingHours {
  days: WorkingInterval[];
}

const startTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 00:00–23:59');
const endTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:MM, 00:00–24:00');

export const workingIntervalSchema = z
  .object({ day: z.literal([0, 1, 2, 3, 4, 5, 6]), start: startTime, end: endTime })
  .refine((i) => minutesOf(i.start) !== minutesOf(i.end), {
    message: 'start and end are the same time',
    path: ['end'],
  });

export const workingHoursSchema = z.object({ days: z.array(workingIntervalSchema).max(7 * 4) });

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** True when `hours` include the instant `nowMs` in `zone`; absent hours are any time. */
export function isWorking(hours: WorkingHours | null | undefined, zone: string, nowMs: number): boolean {
  if (!hours) return true;
  const wall = instantToWall(zone, nowMs);
  const day = civilDay(wall);
  const today = (isoWeekday(day) % 7) as Weekday;
  const yesterday = ((today + 6) % 7) as Weekday;
  const minute = Math.floor((wall - day * DAY_MS) / 60_000);
  return hours.days.some((i) => coversToday(i, today, minute) || coversFromYesterday(i, yesterday, minute));
}

function coversToday(i: WorkingInterval, today: Weekday, minute: number): boolean {
  if (i.day !== today) return false;
  const start = minutesOf(i.start);
  const end = minutesOf(i.end);
  return minute >= start && (end <= start || minute < end);
}

/** The morning part of a night shift that began the day before. */
function coversFromYesterday(i: WorkingInterval, yesterday: Weekday, minute: number): boolean {
  if (i.day !== yesterday) return false;
  const end = minutesOf(i.end);
  return end <= minutesOf(i.start) && minute < end;
}

/**
 * The latest instant in (`since`, `now`] at which the member went on shift: an interval's start,
 * when the minute before it was off their hours (back-to-back intervals are one shift). Null when
 * none began in that span, or when no hours are set (then they are never off).
 */
export function latestShiftStart(
  hours: WorkingHours | null | undefined,
  zone: string,
  since: number,
  now: number,
): number | null {
  if (!hours) return null;
  const today = civilDay(instantToWall(zone, now));
  let latest: number | null = null;
  for (let day = today - 1; day <= today + 1; day++) {
    const weekday = (isoWeekday(day) % 7) as Weekday;
    for (const i of hours.days) {
      if (i.day !== weekday) continue;
      const start = wallToInstant(zone, day * DAY_MS + minutesOf(i.start) * 60_000);
      const began = start > since && start <= now && !isWorking(hours, zone, start - 60_000);
      if (began && (latest === null || start > latest)) latest = start;
    }
  }
  return latest;
}
