import { describe, expect, it } from 'vitest';
import { formatDue } from './format-due';

const at = Date.UTC(2026, 10, 26, 14, 5); // 26 Nov 2026 14:05 UTC

describe('formatDue (SLA emails)', () => {
  it('names the date, 24-hour time and zone in the shop zone and language', () => {
    expect(formatDue(at, 'Europe/Berlin', 'en')).toBe('26 Nov 2026, 15:05 CET');
    expect(formatDue(at, 'America/New_York', 'en')).toBe('26 Nov 2026, 09:05 GMT-5');
    expect(formatDue(at, 'Europe/Berlin', 'de')).toMatch(/^26\. Nov\.? 2026, 15:05 MEZ$/);
    expect(formatDue(at, 'Asia/Shanghai', 'zh-CN')).toMatch(/^2026年11月26日.*22:05/);
  });

  it('speaks the language of the email it sits in: a region tag is its language, an unsupported one English', () => {
    expect(formatDue(at, 'Europe/Berlin', 'de_DE')).toBe(formatDue(at, 'Europe/Berlin', 'de'));
    expect(formatDue(at, 'Europe/Paris', 'fr')).toBe('26 Nov 2026, 15:05 CET');
  });

  it('falls back to the exact ISO instant for a zone Intl does not know', () => {
    expect(formatDue(at, 'Mars/Olympus', 'en')).toBe('2026-11-26T14:05:00.000Z');
  });
});
