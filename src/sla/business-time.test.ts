import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../cases/policy-schema';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  businessMsBetween,
  addBusinessMs,
  isOpenAt,
  type BusinessCalendar,
} from './business-time';

const H = 3_600_000;
const M = 60_000;
const weekdays = (open: string, close: string) =>
  Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ open, close }]])) as BusinessHours['weekly'];
const everyDay = (intervals: Array<{ open: string; close: string }>) =>
  Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, intervals])) as BusinessHours['weekly'];
const business = (timezone: string, weekly: BusinessHours['weekly'], holidays: string[] = []): BusinessCalendar => ({
  calendar: 'business',
  businessHours: { timezone, weekly, holidays },
});

const newYork = business('America/New_York', weekdays('09:00', '17:00'));
const berlin = business('Europe/Berlin', {
  ...weekdays('08:30', '12:00'),
  '1': [
    { open: '08:30', close: '12:00' },
    { open: '13:00', close: '18:00' },
  ],
});
const shanghai = business('Asia/Shanghai', everyDay([{ open: '09:00', close: '18:00' }]), ['2026-10-01']);
const newYorkAllDay = business('America/New_York', everyDay([{ open: '00:00', close: '24:00' }]));
const berlinNight = business('Europe/Berlin', everyDay([{ open: '01:00', close: '04:00' }]));
const nightShift = business('Asia/Shanghai', weekdays('22:00', '02:00'));

describe('business time: fixed examples', () => {
  it('carries the rest of a Friday afternoon over the weekend to Monday (New York)', () => {
    // Fri 2026-03-06 16:00 EST = 21:00Z; 2 h → 1 h Friday + 1 h Monday → Mon 10:00 EDT?  No: DST starts
    // Sun 2026-03-08, so Monday 10:00 is EDT = 14:00Z.
    const start = Date.UTC(2026, 2, 6, 21, 0);
    expect(new Date(addBusinessMinutes(start, 120, newYork)).toISOString()).toBe('2026-03-09T14:00:00.000Z');
    expect(businessMinutesBetween(start, Date.UTC(2026, 2, 9, 14, 0), newYork)).toBe(120);
  });

  it('counts 23 hours on the New York spring-forward day and 25 on the fall-back day', () => {
    expect(businessMsBetween(Date.UTC(2026, 2, 8, 5), Date.UTC(2026, 2, 9, 4), newYorkAllDay)).toBe(23 * H);
    expect(businessMsBetween(Date.UTC(2026, 10, 1, 4), Date.UTC(2026, 10, 2, 5), newYorkAllDay)).toBe(25 * H);
  });

  it('counts an opening across the Berlin transitions by the real clock (01:00–04:00 is 2 h, then 4 h)', () => {
    const springDay = [Date.UTC(2026, 2, 28, 23), Date.UTC(2026, 2, 29, 22)] as const;
    const fallDay = [Date.UTC(2026, 9, 24, 22), Date.UTC(2026, 9, 25, 23)] as const;
    expect(businessMsBetween(...springDay, berlinNight)).toBe(2 * H);
    expect(businessMsBetween(...fallDay, berlinNight)).toBe(4 * H);
    // 150 minutes from Sunday 01:00 CET (00:00Z) on the spring day: 2 h that night, then 30 min from
    // Monday 01:00 CEST (23:00Z on Sunday).
    expect(new Date(addBusinessMinutes(Date.UTC(2026, 2, 29, 0), 150, berlinNight)).toISOString()).toBe(
      '2026-03-29T23:30:00.000Z',
    );
  });

  it('uses a split Monday and skips the lunch break (Berlin)', () => {
    // Mon 2026-01-05 11:00 CET = 10:00Z; 90 min → 60 before lunch + 30 after → 13:30 CET.
    expect(new Date(addBusinessMinutes(Date.UTC(2026, 0, 5, 10), 90, berlin)).toISOString()).toBe(
      '2026-01-05T12:30:00.000Z',
    );
  });

  it('skips holidays and keeps a fixed offset where there is no DST (Shanghai)', () => {
    // 2026-09-30 17:00 CST = 09:00Z; 2 h → 1 h that day, Oct 1 is a holiday, 1 h on Oct 2 → 10:00 CST.
    expect(new Date(addBusinessMinutes(Date.UTC(2026, 8, 30, 9), 120, shanghai)).toISOString()).toBe(
      '2026-10-02T02:00:00.000Z',
    );
  });

  it('runs an overnight opening past midnight into the next day', () => {
    // Fri 2026-01-09 23:00 CST (15:00Z) + 3 h → 1 h before midnight (Sat is closed but Friday's shift
    // runs to 02:00), 2 h until 02:00 Saturday → Saturday 02:00 = Fri 18:00Z.
    expect(new Date(addBusinessMinutes(Date.UTC(2026, 0, 9, 15), 180, nightShift)).toISOString()).toBe(
      '2026-01-09T18:00:00.000Z',
    );
    expect(isOpenAt(Date.UTC(2026, 0, 9, 17, 59), nightShift)).toBe(true);
    expect(isOpenAt(Date.UTC(2026, 0, 9, 18, 0), nightShift)).toBe(false);
  });

  it('counts every minute for 24x7 and for a business calendar with no hours', () => {
    const t = Date.UTC(2026, 0, 1);
    expect(addBusinessMinutes(t, 90, { calendar: '24x7' })).toBe(t + 90 * M);
    expect(addBusinessMinutes(t, 90, business('Europe/Berlin', {}))).toBe(t + 90 * M);
  });

  it('refuses an unknown time zone rather than guessing', () => {
    expect(() => addBusinessMinutes(0, 1, business('Mars/Olympus', weekdays('09:00', '17:00')))).toThrow(/time zone/);
  });
});

const calendars = [newYork, berlin, shanghai, newYorkAllDay, berlinNight, nightShift];
const transitions = [
  Date.UTC(2026, 2, 8, 7),
  Date.UTC(2026, 10, 1, 6), // New York
  Date.UTC(2026, 2, 29, 1),
  Date.UTC(2026, 9, 25, 1), // Berlin
  Date.UTC(2025, 2, 9, 7),
  Date.UTC(2027, 9, 31, 1),
];
const anyInstant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) });
const nearTransition = fc
  .tuple(fc.constantFrom(...transitions), fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }))
  .map(([t, m]) => t + m * M);
const instant = fc.oneof(anyInstant, nearTransition);
const calendar = fc.constantFrom(...calendars);

describe('business time: properties', () => {
  it('measures back exactly what was added', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 1, max: 20_000 }), (cal, start, minutes) => {
        expect(businessMinutesBetween(start, addBusinessMinutes(start, minutes, cal), cal)).toBe(minutes);
      }),
      { numRuns: 400 },
    );
  });

  it('never lands inside closed hours (the end of an opening is as late as a result gets)', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 1, max: 20_000 }), (cal, start, minutes) => {
        const due = addBusinessMinutes(start, minutes, cal);
        expect(isOpenAt(due, cal) || isOpenAt(due - 1, cal)).toBe(true);
        expect(due).toBeGreaterThan(start);
      }),
      { numRuns: 400 },
    );
  });

  it('adds up: time a→b plus b→c is time a→c, across DST days', () => {
    fc.assert(
      fc.property(
        calendar,
        instant,
        fc.integer({ min: 0, max: 10 * 24 * 60 }),
        fc.integer({ min: 0, max: 10 * 24 * 60 }),
        (cal, a, x, y) => {
          const b = a + x * M;
          const c = b + y * M;
          expect(businessMsBetween(a, b, cal) + businessMsBetween(b, c, cal)).toBe(businessMsBetween(a, c, cal));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds the earliest instant for a measured amount (add after measure never overshoots)', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 1, max: 10 * 24 * 60 }), (cal, a, x) => {
        const b = a + x * M;
        const ms = businessMsBetween(a, b, cal);
        if (ms > 0) expect(addBusinessMs(a, ms, cal)).toBeLessThanOrEqual(b);
      }),
      { numRuns: 300 },
    );
  });

  it('on DST days a 24-hour calendar counts real elapsed time', () => {
    fc.assert(
      fc.property(nearTransition, fc.integer({ min: 1, max: 5000 }), (a, minutes) => {
        expect(addBusinessMinutes(a, minutes, newYorkAllDay)).toBe(a + minutes * M);
      }),
      { numRuns: 200 },
    );
  });
});
