import { describe, expect, it } from 'vitest';
import { defaultPolicy, type Policy } from '../cases/policy-schema';
import { type Locale, locales } from '../i18n';
import { builtInReasonLabels } from '../i18n/reason-labels';
import { formatMoney } from '../lib/money';
import { renderArticle } from './markdown';
import { policyVariables } from './policy-variables';
import { starterArticleFiles } from './starter-article-files';
import { renderStarterArticle, starterArticleSlugs, starterArticleSource, starterArticles } from './starter-articles';

function article(policy: Policy, slug: string, locale: Locale) {
  const found = starterArticles(policy, 'EUR').find((a) => a.slug === slug && a.locale === locale);
  if (!found) throw new Error(`missing ${slug}.${locale}`);
  return found;
}

const free: Record<Locale, string> = { en: 'free', 'zh-CN': '免运费', de: 'kostenlos' };

describe('starter articles', () => {
  it('has every slug in every language, and no other file', () => {
    const expected = starterArticleSlugs.flatMap((slug) => locales.map((locale) => `${slug}.${locale}`));
    expect(Object.keys(starterArticleFiles).sort()).toEqual(expected.sort());
  });

  it('gives each slug the same category and reasons in every language, all of them real reason codes', () => {
    for (const slug of starterArticleSlugs) {
      const [en, ...others] = locales.map((locale) => starterArticleSource(slug, locale));
      for (const other of others)
        expect({ ...other, title: '', template: '', locale: 'en' }).toMatchObject({
          category: en!.category,
          reasons: en!.reasons,
        });
      for (const code of en!.reasons) expect(Object.keys(builtInReasonLabels)).toContain(code);
    }
  });

  it('renders all 18 with the default policy into Markdown with no Liquid left and safe HTML', () => {
    const rendered = starterArticles(defaultPolicy(), 'EUR');
    expect(rendered).toHaveLength(18);
    for (const a of rendered) {
      expect(a.title, a.slug).not.toBe('');
      expect(a.body, `${a.slug}.${a.locale}`).not.toMatch(/\{\{|\{%|\n\n\n/);
      const html = renderArticle(a.body);
      expect(html).toContain('<h2>');
      expect(html, `${a.slug}.${a.locale}: lists stay tight`).not.toContain('<li>\n<p>');
    }
  });

  it("quotes the default policy's window, return shipping fee and store-credit bonus in every language", () => {
    for (const locale of locales) {
      const { restockingFee, returnShippingFee, storeCreditBonus } = policyVariables(defaultPolicy(), {
        locale,
        currency: 'EUR',
      });
      expect(returnShippingFee.text).toBe(formatMoney({ amount: 500, currency: 'EUR' }, locale));
      expect(restockingFee.charged).toBe(false);
      const policy = article(defaultPolicy(), 'return-policy', locale).body;
      expect(policy).toContain('30');
      expect(policy).toContain(returnShippingFee.text);
      expect(policy).toContain(storeCreditBonus.text);
      expect(article(defaultPolicy(), 'send-parcel-back', locale).body).toContain(returnShippingFee.text);
      expect(article(defaultPolicy(), 'refunds-timing', locale).body).toContain(storeCreditBonus.text);
      expect(article(defaultPolicy(), 'exchanges', locale).body).toContain('30');
      expect(article(defaultPolicy(), 'damaged-items', locale).body).toContain('30');
    }
  });

  it('follows a changed policy: window, percent restocking fee, free shipping, no exchanges, no pickup', () => {
    const policy: Policy = {
      ...defaultPolicy(),
      returnWindowDays: 45,
      restockingFee: { kind: 'percent', basisPoints: 1500 },
      returnShippingFee: { kind: 'none' },
      resolutions: { refund: true, storeCredit: false, exchange: false },
      methods: { pickup: false, dropOff: true },
    };
    for (const locale of locales) {
      const restocking = policyVariables(policy, { locale, currency: 'EUR' }).restockingFee.text;
      expect(restocking).toMatch(/^15\s?%$/);
      const returnPolicy = article(policy, 'return-policy', locale).body;
      expect(returnPolicy).toContain('45');
      expect(returnPolicy).toContain(restocking);
      expect(returnPolicy).toContain(free[locale]);
      expect(returnPolicy).not.toMatch(/Store credit|店铺余额|Guthaben/);
      expect(article(policy, 'exchanges', locale).body).not.toContain('##');
      expect(article(policy, 'send-parcel-back', locale).body).not.toMatch(/Pickup|上门取件|Abholung/);
    }
  });

  it('formats fixed fees in the shop currency and language', () => {
    const policy: Policy = { ...defaultPolicy(), returnShippingFee: { kind: 'fixed', amountMinor: 695 } };
    expect(article(policy, 'send-parcel-back', 'de').body).toMatch(/6,95\s€/);
    expect(
      starterArticles(policy, 'USD').find((a) => a.slug === 'send-parcel-back' && a.locale === 'en')?.body,
    ).toContain('$6.95');
  });

  it('refuses a variable the policy does not have instead of printing a blank', () => {
    const source = { ...starterArticleSource('return-policy', 'en'), template: '{{ policy.windowDays }} days' };
    const variables = policyVariables(defaultPolicy(), { locale: 'en', currency: 'EUR' });
    expect(() => renderStarterArticle(source, variables)).toThrow(/windowDays/);
  });

  it('answers "is this reason offered" even for a reason the shop removed', () => {
    const policy: Policy = { ...defaultPolicy(), reasons: defaultPolicy().reasons.filter((r) => r.code !== 'damaged') };
    expect(policyVariables(policy, { locale: 'en', currency: 'EUR' }).reasons.damaged?.offered).toBe(false);
    expect(article(policy, 'damaged-items', 'en').body).toContain('return policy');
  });
});
