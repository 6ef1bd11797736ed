/**
 * Instants ↔ local wall time in an IANA zone, from the runtime's Intl time-zone data (no offset
 * tables). "Wall ms" is a local date-time written as if it were UTC: `Date.UTC(y, m, d, h, mi)`.
 */
import { DAY_MS, MINUTE_MS } from './durations';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    // Throws RangeError for an unknown zone: callers validate with `isTimeZone` first.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

// Offsets only change at transitions, so the same zone/minute is asked again and again by the
// day-by-day walk: a bounded memo keeps an alarm's arithmetic to a handful of Intl calls.
const offsetMemo = new Map<string, number>();

/** The zone's UTC offset (ms, local − UTC) in force at instant `t`. */
export function offsetAt(zone: string, t: number): number {
  const minute = Math.floor(t / MINUTE_MS);
  const key = `${zone}|${minute}`;
  const hit = offsetMemo.get(key);
  if (hit !== undefined) return hit;
  const p: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(minute * MINUTE_MS)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! === 24 ? 0 : p.hour!, p.minute!, p.second!);
  const offset = wall - minute * MINUTE_MS;
  if (offsetMemo.size > 50_000) offsetMemo.clear();
  offsetMemo.set(key, offset);
  return offset;
}

export function instantToWall(zone: string, t: number): number {
  return t + offsetAt(zone, t);
}

/**
 * The instant of a local wall time. Like Temporal's `disambiguation: 'compatible'`: a time that
 * happens twice (fall back) is the earlier one; a time skipped by a spring-forward gap is moved
 * later by the gap's length (02:30 on the New York spring-forward day is 03:30 EDT).
 */
export function wallToInstant(zone: string, wall: number): number {
  const before = offsetAt(zone, wall - DAY_MS);
  const after = offsetAt(zone, wall + DAY_MS);
  const candidates: number[] = [];
  for (const o of before === after ? [before] : [before, after]) {
    const t = wall - o;
    if (offsetAt(zone, t) === o) candidates.push(t);
  }
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before;
}

/** Days since 1970-01-01 of the local date of a wall time. */
export function civilDay(wall: number): number {
  return Math.floor(wall / DAY_MS);
}

/** ISO weekday, Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
