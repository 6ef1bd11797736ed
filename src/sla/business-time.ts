/**
 * Business-time arithmetic (pure): add N business minutes to an instant, and measure the business
 * time between two instants, for a shop's calendar (IANA zone, weekly local opening hours,
 * holidays) or around the clock. Open intervals are computed per local day and turned into real
 * instants, so a DST day's 09:00–17:00 lasts what it really lasts (7 h or 9 h across a 01:00–03:00
 * opening on a transition night; 8 h on an ordinary day).
 */
import type { BusinessHours } from '../cases/policy-schema';
import { DAY_MS } from '../lib/durations';
import { civilDay, instantToWall, isoDate, isoWeekday, isTimeZone, wallToInstant } from '../lib/zone-time';

const MINUTE = 60_000;
/** No calendar closes for longer than this; past it we stop walking and say so. */
const MAX_DAYS_SEARCHED = 3 * 366;

export interface BusinessCalendar {
  calendar: '24x7' | 'business';
  businessHours?: BusinessHours | undefined;
}

export type Interval = readonly [start: number, end: number];

interface Compiled {
  zone: string;
  /** ISO weekday → [open, close] minutes of the day; close ≤ open means it ends the next day. */
  weekly: Map<number, Array<[number, number]>>;
  holidays: Set<string>;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return Math.min(24 * 60, h! * 60 + m!);
}

const compiledCache = new WeakMap<BusinessHours, Compiled | null>();

/**
 * The business schedule, or null when the calendar counts every minute: `24x7`, or a business
 * calendar with no opening hours at all (a shop that has not filled them in still gets timers).
 */
function compile(cal: BusinessCalendar): Compiled | null {
  const hours = cal.businessHours;
  if (cal.calendar !== 'business' || !hours) return null;
  const hit = compiledCache.get(hours);
  if (hit !== undefined) return hit;
  if (!isTimeZone(hours.timezone)) throw new RangeError(`unknown time zone "${hours.timezone}"`);
  const weekly = new Map<number, Array<[number, number]>>();
  let any = false;
  for (const [day, intervals] of Object.entries(hours.weekly)) {
    const list = (intervals ?? [])
      .map(({ open, close }) => [minutesOf(open), minutesOf(close)] as [number, number])
      .filter(([o, c]) => o < 24 * 60 && o !== c);
    if (list.length > 0) any = true;
    weekly.set(Number(day), list);
  }
  const compiled = any ? { zone: hours.timezone, weekly, holidays: new Set(hours.holidays) } : null;
  compiledCache.set(hours, compiled);
  return compiled;
}

/** Open intervals (instants) that start on local day `day`, in order. */
function openOnDay(c: Compiled, day: number): Interval[] {
  if (c.holidays.has(isoDate(day))) return [];
  const out: Interval[] = [];
  for (const [open, close] of c.weekly.get(isoWeekday(day)) ?? []) {
    const start = wallToInstant(c.zone, day * DAY_MS + open * MINUTE);
    const endDay = close <= open ? day + 1 : day;
    const end = wallToInstant(c.zone, endDay * DAY_MS + close * MINUTE);
    if (end > start) out.push([start, end]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/**
 * Open intervals from the one containing or following `from`, disjoint and in order, lazily. The
 * walk starts a day early so an overnight opening from the previous evening is seen; an interval
 * overlapping one already given (an overnight shift running into the next day's hours) is clipped.
 */
function* openIntervals(c: Compiled, from: number): Generator<Interval> {
  let day = civilDay(instantToWall(c.zone, from)) - 1;
  let cursor = from;
  let quietDays = 0;
  for (;;) {
    const today = openOnDay(c, day++);
    quietDays = today.length === 0 ? quietDays + 1 : 0;
    if (quietDays > MAX_DAYS_SEARCHED) throw new RangeError('business calendar never opens');
    for (const [s, e] of today) {
      const start = Math.max(s, cursor);
      if (e <= start) continue;
      cursor = e;
      yield [start, e];
    }
  }
}

/** The instant `ms` business milliseconds after `start` (a result may be an opening's end). */
export function addBusinessMs(start: number, ms: number, cal: BusinessCalendar): number {
  const c = compile(cal);
  if (!c || ms <= 0) return start + (c ? 0 : ms);
  let left = ms;
  for (const [s, e] of openIntervals(c, start)) {
    const from = Math.max(s, start);
    if (left <= e - from) return from + left;
    left -= e - from;
  }
  throw new Error('unreachable');
}

/** Business milliseconds between two instants (negative when `b` is before `a`). */
export function businessMsBetween(a: number, b: number, cal: BusinessCalendar): number {
  if (b < a) return -businessMsBetween(b, a, cal);
  const c = compile(cal);
  if (!c) return b - a;
  let total = 0;
  for (const [s, e] of openIntervals(c, a)) {
    if (s >= b) break;
    total += Math.min(e, b) - Math.max(s, a);
  }
  return total;
}

export function addBusinessMinutes(start: number, minutes: number, cal: BusinessCalendar): number {
  return addBusinessMs(start, Math.round(minutes * MINUTE), cal);
}

export function businessMinutesBetween(a: number, b: number, cal: BusinessCalendar): number {
  return businessMsBetween(a, b, cal) / MINUTE;
}

/** True when `t` is inside open hours (an opening's start counts as open, its end as closed). */
export function isOpenAt(t: number, cal: BusinessCalendar): boolean {
  const c = compile(cal);
  if (!c) return true;
  for (const [s, e] of openIntervals(c, t)) return s <= t && t < e;
  return false;
}

/** Open intervals overlapping [a, b), for tests and display. */
export function openIntervalsBetween(a: number, b: number, cal: BusinessCalendar): Interval[] {
  const c = compile(cal);
  if (!c) return [[a, b]];
  const out: Interval[] = [];
  for (const iv of openIntervals(c, a)) {
    if (iv[0] >= b) break;
    out.push(iv);
  }
  return out;
}
