/**
 * Calendar arithmetic in a shop's time zone with nothing but `Intl` (pure: no clock reads).
 * A return window is counted in the shop's local days: delivered on the 1st with 30 days means
 * returnable until the end of the 31st, local time, whatever the UTC offset or DST that day.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

function parts(ms: number, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** The zone's offset from UTC at instant `ms`, in ms (New York in winter: -5 h). */
export function zoneOffset(ms: number, timeZone: string): number {
  const p = parts(ms, timeZone);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

export function localDate(ms: number, timeZone: string): LocalDate {
  const p = parts(ms, timeZone);
  return { year: p.year!, month: p.month!, day: p.day! };
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
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}
