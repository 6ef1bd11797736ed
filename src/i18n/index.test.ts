import { describe, expect, it } from 'vitest';
import { en } from './en';
import { catalogs, formatter, fromAcceptLanguage, locales, negotiateLocale, translator } from './index';
import { zhCN } from './zh-cn';

describe('locale negotiation', () => {
  it('prefers ?lang=, then the cookie, then Accept-Language by q-value, then the shop default', () => {
    expect(negotiateLocale({ query: 'zh-CN', cookie: 'en', acceptLanguage: 'en' })).toBe('zh-CN');
    expect(negotiateLocale({ query: 'klingon', cookie: 'zh-CN', acceptLanguage: 'en' })).toBe('zh-CN');
    expect(negotiateLocale({ acceptLanguage: 'fr;q=1, zh-Hans-CN;q=0.9, en;q=0.8' })).toBe('zh-CN');
    expect(negotiateLocale({ acceptLanguage: 'fr, de', shopDefault: 'zh-CN' })).toBe('zh-CN');
    expect(negotiateLocale({})).toBe('en');
  });

  it('ignores languages the shopper refused with q=0 and malformed parts', () => {
    expect(fromAcceptLanguage('zh;q=0, en-GB;q=0.5')).toBe('en');
    expect(fromAcceptLanguage(';;;,q=abc')).toBeNull();
  });
});

describe('catalogs', () => {
  it('have the same keys and the same placeholders in every language', () => {
    expect(Object.keys(catalogs).sort()).toEqual([...locales].sort());
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const locale of locales) {
      const catalog = catalogs[locale];
      expect(Object.keys(catalog).sort(), locale).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(en)) {
        const translated = catalog[key as keyof typeof en];
        expect(translated.trim(), `${locale} ${key}`).not.toBe('');
        expect(vars(translated), `${locale} ${key}`).toEqual(vars(text));
      }
    }
  });

  it('translate the shopper page\'s error wording in every language (not left in English)', () => {
    const errorKeys = Object.keys(en).filter((k) => k.startsWith('error.'));
    expect(errorKeys).toContain('error.badForm');
    expect(errorKeys).toContain('error.tooLarge.hint');
    for (const locale of locales.filter((l) => l !== 'en')) {
      for (const key of errorKeys) expect(catalogs[locale][key as keyof typeof en], `${locale} ${key}`).not.toBe(en[key as keyof typeof en]);
    }
    expect(zhCN['error.tooLarge']).toBe('表单内容过大，无法提交。');
  });

  it('fills placeholders', () => {
    expect(translator('zh-CN')('order.title', { name: '#1001' })).toBe('订单 #1001');
  });

  it('formats money from minor units and dates in the shop zone', () => {
    const en = formatter('en', 'America/New_York');
    expect(en.money({ amount: 2500, currency: 'USD' })).toBe('$25.00');
    // 03:00 UTC on 2 Jan is still 1 Jan in New York.
    expect(en.date(Date.UTC(2026, 0, 2, 3))).toBe('Jan 1, 2026');
    const zh = formatter('zh-CN', 'Asia/Shanghai');
    expect(zh.money({ amount: 2500, currency: 'USD' })).toBe('US$25.00');
    expect(zh.date(Date.UTC(2026, 0, 1, 20))).toBe('2026年1月2日');
    expect(zh.percent(1000)).toBe('10%');
  });
});
