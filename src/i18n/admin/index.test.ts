import { describe, expect, it } from 'vitest';
import { locales } from '../locales';
import { adminCatalogs, adminFormatter, adminLocale, adminTranslator } from '.';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('admin catalogs', () => {
  it('every language has every English key, non-empty, with the same placeholders', () => {
    for (const locale of locales) {
      for (const [key, english] of Object.entries(adminCatalogs.en)) {
        const text = (adminCatalogs[locale] as Record<string, string>)[key];
        expect(text, `${locale} ${key}`).toBeTruthy();
        expect(placeholders(text!), `${locale} ${key}`).toEqual(placeholders(english));
      }
      expect(Object.keys(adminCatalogs[locale]).sort()).toEqual(Object.keys(adminCatalogs.en).sort());
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(adminTranslator('de')('shell.utc', { time: '2026-12-07 10:00' })).toBe('2026-12-07 10:00 UTC');
    expect(adminTranslator('zh-CN')('nav.queue')).toBe('工单队列');
  });
});

describe('adminLocale', () => {
  it('prefers the member setting, then the browser, then English', () => {
    expect(adminLocale('zh-CN', 'de-DE,de;q=0.9')).toBe('zh-CN');
    expect(adminLocale(null, 'fr-FR, de;q=0.8, en;q=0.5')).toBe('de');
    expect(adminLocale(null, 'fr-FR')).toBe('en');
    expect(adminLocale(undefined, undefined)).toBe('en');
  });
});

describe('adminFormatter', () => {
  it("shows instants in the shop's zone and language, with UTC for the hover", () => {
    const at = Date.UTC(2026, 11, 7, 23, 30); // 07:30 on the 8th in Shanghai
    const zh = adminFormatter('zh-CN', 'Asia/Shanghai');
    expect(zh.date(at, true)).toContain('2026年12月8日');
    expect(zh.utc(at)).toBe('2026-12-07 23:30（UTC）');
    const de = adminFormatter('de', 'Europe/Berlin');
    expect(de.date(at, true)).toMatch(/08\.12\.2026.*00:30/);
    expect(de.money({ amount: 123456, currency: 'EUR' })).toBe('1.234,56\u00a0€');
  });

  it('falls back to UTC for a zone Intl does not know', () => {
    expect(adminFormatter('en', 'Mars/Olympus').timeZone).toBe('UTC');
  });
});
