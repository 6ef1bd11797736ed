import { describe, expect, it } from 'vitest';
import {
  addWeeks,
  formatIsoWeek,
  isoWeekOfDay,
  isReviewDue,
  lastFullWeek,
  mondayOf,
  parseIsoWeek,
  weekAt,
  weekRange,
} from './week';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe('ISO weeks', () => {
  it.each([
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2024-12-30', '2025-W01'],
    ['2026-02-12', '2026-W07'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-01', '2026-W53'],
  ])('%s is in %s', (date, week) => {
    expect(formatIsoWeek(isoWeekOfDay(day(date)))).toBe(week);
  });

  it('parses and formats round trip, rejecting malformed weeks and week 53 of a 52-week year', () => {
    expect(parseIsoWeek('2026-W07')).toEqual({ year: 2026, week: 7 });
    expect(parseIsoWeek('2026-W53')).toEqual({ year: 2026, week: 53 });
    expect(parseIsoWeek('2025-W53')).toBeNull();
    expect(parseIsoWeek('2025-W00')).toBeNull();
    expect(parseIsoWeek('2025-7')).toBeNull();
    expect(mondayOf({ year: 2025, week: 1 })).toBe(day('2024-12-30'));
  });

  it('adds weeks across a year boundary', () => {
    expect(addWeeks({ year: 2026, week: 53 }, 1)).toEqual({ year: 2027, week: 1 });
    expect(addWeeks({ year: 2026, week: 1 }, -1)).toEqual({ year: 2025, week: 52 });
  });
});

describe('a week in a shop zone', () => {
  it('Europe/Berlin: the week of the spring change is 167 hours, Monday midnight local', () => {
    const r = weekRange('Europe/Berlin', parseIsoWeek('2026-W13')!);
    expect(r.from).toBe(at('2026-03-22T23:00:00Z'));
    expect(r.to).toBe(at('2026-03-29T22:00:00Z'));
    expect((r.to - r.from) / HOUR).toBe(167);
  });

  it('America/New_York: the week of the autumn change is 169 hours', () => {
    const r = weekRange('America/New_York', parseIsoWeek('2026-W44')!);
    expect(r.from).toBe(at('2026-10-26T04:00:00Z'));
    expect(r.to).toBe(at('2026-11-02T05:00:00Z'));
    expect((r.to - r.from) / HOUR).toBe(169);
  });

  it('Asia/Shanghai: no DST, Monday midnight is Sunday 16:00 UTC', () => {
    const r = weekRange('Asia/Shanghai', parseIsoWeek('2026-W13')!);
    expect(r.from).toBe(at('2026-03-22T16:00:00Z'));
    expect((r.to - r.from) / HOUR).toBe(168);
  });

  it('the last full week follows the local calendar, not UTC', () => {
    // Monday 2026-03-30 01:00 in Shanghai is still Sunday in UTC.
    expect(formatIsoWeek(weekAt('Asia/Shanghai', at('2026-03-29T17:00:00Z')))).toBe('2026-W14');
    expect(formatIsoWeek(lastFullWeek('Asia/Shanghai', at('2026-03-29T17:00:00Z')))).toBe('2026-W13');
    expect(formatIsoWeek(lastFullWeek('America/New_York', at('2026-03-30T03:00:00Z')))).toBe('2026-W12');
  });

  it('the review is due from Monday 06:00 local, including on a DST Monday', () => {
    // New York, Monday 2026-11-02 (the day after falling back): 06:00 EST = 11:00 UTC.
    expect(isReviewDue('America/New_York', at('2026-11-02T10:59:00Z'))).toBe(false);
    expect(isReviewDue('America/New_York', at('2026-11-02T11:00:00Z'))).toBe(true);
    // Berlin, Monday 2026-03-30 (the day after springing forward): 06:00 CEST = 04:00 UTC.
    expect(isReviewDue('Europe/Berlin', at('2026-03-30T03:59:00Z'))).toBe(false);
    expect(isReviewDue('Europe/Berlin', at('2026-03-30T04:00:00Z'))).toBe(true);
    expect(isReviewDue('Asia/Shanghai', at('2026-03-31T00:00:00Z'))).toBe(true);
  });
});
