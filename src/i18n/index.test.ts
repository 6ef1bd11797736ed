import { describe, expect, it } from 'vitest';
import { en } from './en';
import { defaultPolicy } from '../cases/policy-schema';
import {
  catalogs,
  formatter,
  fromAcceptLanguage,
  locales,
  matchLocale,
  negotiateLocale,
  reasonLabel,
  translator,
} from './index';
import { builtInReasonLabels } from './reason-labels';
import { de } from './de';
import { zhCN } from './zh-cn';

describe('locale negotiation', () => {
  it('prefers ?lang=, then the cookie, then Accept-Language by q-value, then the shop default', () => {
    expect(negotiateLocale({ query: 'zh-CN', cookie: 'en', acceptLanguage: 'en' })).toBe('zh-CN');
    expect(negotiateLocale({ query: 'klingon', cookie: 'zh-CN', acceptLanguage: 'en' })).toBe('zh-CN');
    expect(negotiateLocale({ acceptLanguage: 'fr;q=1, zh-Hans-CN;q=0.9, en;q=0.8' })).toBe('zh-CN');
    expect(negotiateLocale({ acceptLanguage: 'fr, it', shopDefault: 'zh-CN' })).toBe('zh-CN');
    expect(negotiateLocale({})).toBe('en');
  });

  it('gives German to every German tag (Germany, Austria, Switzerland…) and to nothing else', () => {
    for (const tag of ['de', 'DE', 'de-DE', 'de-AT', 'de-CH', 'de-LI', 'de-LU', 'de_DE', 'de-Latn-DE', ' de-at '])
      expect(matchLocale(tag), tag).toBe('de');
    for (const tag of ['den', 'dev', 'dsb', 'gsw', 'nds', 'd', 'e']) expect(matchLocale(tag), tag).toBeNull();
    expect(fromAcceptLanguage('de-CH,de;q=0.9,en;q=0.8')).toBe('de');
    expect(fromAcceptLanguage('de-AT')).toBe('de');
    expect(fromAcceptLanguage('fr-CH, de-CH;q=0.8, en;q=0.5')).toBe('de');
    // q-values still rule: an English-first shopper who also reads German gets English.
    expect(fromAcceptLanguage('en-US,en;q=0.9,de;q=0.8')).toBe('en');
    expect(fromAcceptLanguage('de;q=0, en;q=0.1')).toBe('en');
    expect(negotiateLocale({ query: 'de', cookie: 'en', acceptLanguage: 'zh-CN' })).toBe('de');
    expect(negotiateLocale({ acceptLanguage: 'fr', shopDefault: 'de-DE' })).toBe('de');
  });

  it('ignores languages the shopper refused with q=0 and malformed parts', () => {
    expect(fromAcceptLanguage('zh;q=0, en-GB;q=0.5')).toBe('en');
    expect(fromAcceptLanguage(';;;,q=abc')).toBeNull();
  });
});

describe('reason labels', () => {
  it("a shop saved before German existed still shows the built-in reasons in German, but never over the merchant's words", () => {
    expect(reasonLabel({ code: 'too_small', label: { en: 'Too small', 'zh-CN': '尺码偏小' } }, 'de', 'too_small')).toBe(
      'Zu klein',
    );
    expect(reasonLabel({ code: 'damaged', label: {} }, 'de', 'damaged')).toBe('Beschädigt angekommen');
    expect(
      reasonLabel({ code: 'too_small', label: { en: 'Too small', de: 'Fällt klein aus' } }, 'de', 'too_small'),
    ).toBe('Fällt klein aus');
    expect(reasonLabel({ code: 'too_small', label: { en: 'Runs small' } }, 'de', 'too_small')).toBe('Runs small');
    expect(reasonLabel({ code: 'scratched', label: { en: 'Scratched' } }, 'de', 'scratched')).toBe('Scratched');
    expect(reasonLabel(undefined, 'de', 'scratched')).toBe('scratched');
    expect(reasonLabel(undefined, 'zh-CN', 'wrong_item')).toBe('发错商品');
  });

  it('every built-in reason has a label in every language, and the default policy uses them', () => {
    for (const [code, labels] of Object.entries(builtInReasonLabels))
      expect(Object.keys(labels).sort(), code).toEqual([...locales].sort());
    const reasons = defaultPolicy().reasons;
    expect(reasons.map((r) => r.code).sort()).toEqual(Object.keys(builtInReasonLabels).sort());
    for (const r of reasons) expect(r.label).toEqual(builtInReasonLabels[r.code as keyof typeof builtInReasonLabels]);
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

  it("translate the shopper page's error wording in every language (not left in English)", () => {
    const errorKeys = Object.keys(en).filter((k) => k.startsWith('error.'));
    expect(errorKeys).toContain('error.badForm');
    expect(errorKeys).toContain('error.tooLarge.hint');
    for (const locale of locales.filter((l) => l !== 'en')) {
      for (const key of errorKeys)
        expect(catalogs[locale][key as keyof typeof en], `${locale} ${key}`).not.toBe(en[key as keyof typeof en]);
    }
    expect(zhCN['error.tooLarge']).toBe('表单内容过大，无法提交。');
    expect(de['error.tooLarge']).toBe('Das Formular ist zu groß zum Senden.');
  });

  it('leave no English sentence in German: every entry differs from English except names and shared words', () => {
    // Words German uses as they are (the language's own name list, units, "Status", "Name").
    const same = new Set(['pickup.name', 'status.status', 'track.status']);
    for (const [key, text] of Object.entries(en)) {
      if (same.has(key)) continue;
      expect(de[key as keyof typeof en], key).not.toBe(text);
    }
    // …and no common English word hides inside a German sentence.
    const english = /\b(the|your|you|please|order|return|refund|exchange|store credit|pickup|and|with|item|items)\b/i;
    for (const [key, text] of Object.entries(de)) expect(text.replace(/\{\w+\}/g, ''), key).not.toMatch(english);
    expect(de['status.received']).toContain('Ihre');
  });

  it('fills placeholders', () => {
    expect(translator('zh-CN')('order.title', { name: '#1001' })).toBe('订单 #1001');
    expect(translator('de')('lookup.tooMany', { seconds: 30 })).toBe(
      'Zu viele Versuche. Bitte warten Sie 30 Sekunden und versuchen Sie es dann erneut.',
    );
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

  it('formats money, dates and percentages the German way in German', () => {
    const f = formatter('de', 'Europe/Berlin');
    // Intl separates the amount and the sign with a no-break space, so the two never part at a line end.
    expect(f.money({ amount: 1250, currency: 'EUR' })).toBe('12,50\u00a0€');
    expect(f.money({ amount: 123456, currency: 'EUR' })).toBe('1.234,56\u00a0€');
    expect(f.money({ amount: 2500, currency: 'USD' })).toBe('25,00\u00a0$');
    // 23:30 UTC on 1 Jan is already 2 Jan in Berlin.
    expect(f.date(Date.UTC(2026, 0, 1, 23, 30))).toBe('02.01.2026');
    expect(f.date(Date.UTC(2026, 0, 1, 23, 30), true)).toBe('02.01.2026, 00:30');
    expect(f.percent(1000)).toBe('10\u00a0%');
    expect(f.t('policy.eligible', { date: f.date(Date.UTC(2026, 0, 31, 12)) })).toBe(
      'Rücksendung bis zum 31.01.2026 möglich.',
    );
  });
});
