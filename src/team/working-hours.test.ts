import { describe, expect, it } from 'vitest';
import { isWorking, latestShiftStart, type WorkingHours, workingHoursSchema } from './working-hours';

const at = (iso: string) => Date.parse(iso);
const hours = (...days: WorkingHours['days']): WorkingHours => ({ days });

describe('working hours: absent or empty', () => {
  it('treats absent hours as any time', () => {
    expect(isWorking(null, 'Europe/Berlin', at('2026-03-29T03:00:00Z'))).toBe(true);
    expect(isWorking(undefined, 'Asia/Shanghai', at('2026-03-29T03:00:00Z'))).toBe(true);
  });

  it('treats hours set with no days as never', () => {
    expect(isWorking(hours(), 'Europe/Berlin', at('2026-03-30T10:00:00Z'))).toBe(false);
  });
});

describe('working hours: Asia/Shanghai (UTC+8, no daylight saving)', () => {
  const monday = hours({ day: 1, start: '09:00', end: '18:00' });

  it.each([
    ['Sunday 23:30Z is Monday 07:30 there: not yet', '2026-03-29T23:30:00Z', false],
    ['Monday 01:00Z is 09:00: the start counts', '2026-03-30T01:00:00Z', true],
    ['Monday 09:59Z is 17:59', '2026-03-30T09:59:00Z', true],
    ['Monday 10:00Z is 18:00: the end does not', '2026-03-30T10:00:00Z', false],
    ['Tuesday 01:00Z is Tuesday 09:00: another day', '2026-03-31T01:00:00Z', false],
  ])('%s', (_name, iso, working) => {
    expect(isWorking(monday, 'Asia/Shanghai', at(iso))).toBe(working);
  });

  it("reads the weekday in the shop's zone, not in UTC", () => {
    const earlyMonday = hours({ day: 1, start: '00:00', end: '08:00' });
    expect(isWorking(earlyMonday, 'Asia/Shanghai', at('2026-03-29T17:00:00Z'))).toBe(true); // a Sunday in UTC
  });
});

describe('working hours: Europe/Berlin on the spring-forward Sunday (2026-03-29, 02:00 → 03:00)', () => {
  it.each([
    ['06:59Z is 08:59 CEST', '2026-03-29T06:59:00Z', false],
    ['07:00Z is 09:00 CEST (08:00 under the winter offset)', '2026-03-29T07:00:00Z', true],
    ['14:59Z is 16:59 CEST', '2026-03-29T14:59:00Z', true],
    ['15:00Z is 17:00 CEST', '2026-03-29T15:00:00Z', false],
  ])('09:00–17:00: %s', (_name, iso, working) => {
    expect(isWorking(hours({ day: 0, start: '09:00', end: '17:00' }), 'Europe/Berlin', at(iso))).toBe(working);
  });

  it.each([
    ['00:30Z is 01:30 CET', '2026-03-29T00:30:00Z', true],
    ['01:30Z is 03:30 CEST', '2026-03-29T01:30:00Z', true],
    ['02:00Z is 04:00 CEST', '2026-03-29T02:00:00Z', false],
  ])('01:00–04:00 across the gap: %s', (_name, iso, working) => {
    expect(isWorking(hours({ day: 0, start: '01:00', end: '04:00' }), 'Europe/Berlin', at(iso))).toBe(working);
  });

  it.each([
    ['Saturday 20:59Z is 21:59 CET', '2026-03-28T20:59:00Z', false],
    ['Saturday 21:00Z is 22:00 CET', '2026-03-28T21:00:00Z', true],
    ['Sunday 03:59Z is 05:59 CEST', '2026-03-29T03:59:00Z', true],
    ['Sunday 04:00Z is 06:00 CEST', '2026-03-29T04:00:00Z', false],
  ])('a Saturday night shift 22:00–06:00: %s', (_name, iso, working) => {
    expect(isWorking(hours({ day: 6, start: '22:00', end: '06:00' }), 'Europe/Berlin', at(iso))).toBe(working);
  });
});

describe('working hours: America/New_York on the fall-back Sunday (2026-11-01, 01:00–02:00 twice)', () => {
  const lateNight = hours({ day: 0, start: '01:00', end: '02:00' });

  it.each([
    ['05:30Z is the first 01:30 (EDT)', '2026-11-01T05:30:00Z', true],
    ['06:30Z is the second 01:30 (EST)', '2026-11-01T06:30:00Z', true],
    ['07:00Z is 02:00 EST', '2026-11-01T07:00:00Z', false],
  ])('%s', (_name, iso, working) => {
    expect(isWorking(lateNight, 'America/New_York', at(iso))).toBe(working);
  });
});

describe('working hours: shapes of a day', () => {
  it('takes 00:00–24:00 as the whole day and several intervals as a split shift', () => {
    expect(isWorking(hours({ day: 1, start: '00:00', end: '24:00' }), 'UTC', at('2026-03-30T23:59:00Z'))).toBe(true);
    const split = hours({ day: 1, start: '08:00', end: '12:00' }, { day: 1, start: '13:00', end: '17:00' });
    expect(isWorking(split, 'UTC', at('2026-03-30T12:30:00Z'))).toBe(false);
    expect(isWorking(split, 'UTC', at('2026-03-30T13:00:00Z'))).toBe(true);
  });

  it('runs a Saturday night shift into Sunday morning, wrapping the week', () => {
    const saturdayNight = hours({ day: 6, start: '22:00', end: '00:00' });
    expect(isWorking(saturdayNight, 'UTC', at('2026-03-28T23:59:00Z'))).toBe(true);
    expect(isWorking(saturdayNight, 'UTC', at('2026-03-29T00:00:00Z'))).toBe(false);
    const friday = hours({ day: 5, start: '20:00', end: '02:00' });
    expect(isWorking(friday, 'UTC', at('2026-03-28T01:59:00Z'))).toBe(true);
  });
});

describe('working hours: the schema', () => {
  it('accepts day 0–6 with HH:MM times, 24:00 only as an end', () => {
    const ok = {
      days: [
        { day: 0, start: '00:00', end: '24:00' },
        { day: 6, start: '22:00', end: '06:00' },
      ],
    };
    expect(workingHoursSchema.parse(ok)).toEqual(ok);
  });

  it.each([
    ['day 7', { day: 7, start: '09:00', end: '17:00' }],
    ['a one-digit hour', { day: 1, start: '9:00', end: '17:00' }],
    ['hour 25', { day: 1, start: '09:00', end: '25:00' }],
    ['24:00 as a start', { day: 1, start: '24:00', end: '06:00' }],
    ['an empty interval', { day: 1, start: '09:00', end: '09:00' }],
  ])('rejects %s', (_name, interval) => {
    expect(workingHoursSchema.safeParse({ days: [interval] }).success).toBe(false);
  });
});

describe('latest shift start', () => {
  const H = 3_600_000;
  const start = (h: WorkingHours | null, zone: string, nowIso: string, lookbackH = 6) =>
    latestShiftStart(h, zone, at(nowIso) - lookbackH * H, at(nowIso));

  it('is the start of the shift that began within the look-back, in the shop zone', () => {
    const monday = hours({ day: 1, start: '09:00', end: '17:00' });
    // Berlin on 30 March 2026 is UTC+2 (summer time since the 29th): 09:00 local is 07:00Z.
    expect(start(monday, 'Europe/Berlin', '2026-03-30T07:01:00Z')).toBe(at('2026-03-30T07:00:00Z'));
    expect(start(monday, 'Europe/Berlin', '2026-03-30T07:00:00Z')).toBe(at('2026-03-30T07:00:00Z'));
    expect(start(monday, 'Europe/Berlin', '2026-03-30T06:59:00Z')).toBeNull();
    expect(start(monday, 'Europe/Berlin', '2026-03-30T14:00:00Z')).toBeNull(); // began 7 h ago
  });

  it('takes back-to-back intervals as one shift, and finds a night shift begun the day before', () => {
    const split = hours({ day: 1, start: '09:00', end: '12:00' }, { day: 1, start: '12:00', end: '17:00' });
    expect(start(split, 'UTC', '2026-03-30T12:01:00Z', 2)).toBeNull();
    const night = hours({ day: 5, start: '22:00', end: '06:00' });
    expect(start(night, 'Asia/Shanghai', '2026-04-03T16:30:00Z')).toBe(at('2026-04-03T14:00:00Z'));
  });

  it('has none without hours (available any time)', () => {
    expect(start(null, 'UTC', '2026-03-30T09:00:00Z')).toBeNull();
  });
});
