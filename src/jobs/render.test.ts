import { describe, expect, it } from 'vitest';
import { bundledTemplate, parseTemplate, renderNotification, renderSource } from './render';
import { templateFiles } from './template-files';
import { templateSamples } from './template-samples';
import { notificationKinds, supportedLocales, templateLocale } from './template-vars';

const shop = { name: 'Demo Shop', email: 'help@demo.example' };

describe('notification templates', () => {
  it('bundles one file per kind and language, each with subject, text and html', () => {
    expect(Object.keys(templateFiles).sort()).toEqual(notificationKinds.flatMap((k) => supportedLocales.map((l) => `${k}.${l}`)).sort());
    for (const file of Object.values(templateFiles)) {
      const t = parseTemplate(file);
      expect(t.subject.length).toBeGreaterThan(0);
      expect(t.text.length).toBeGreaterThan(0);
      expect(t.html).not.toBeNull();
    }
  });

  for (const kind of notificationKinds) {
    for (const locale of supportedLocales) {
      it(`${kind} renders in ${locale} with every variable it uses (strict)`, async () => {
        const out = await renderNotification(kind, locale, templateSamples[kind], shop);
        expect(out.locale).toBe(locale);
        expect(out.subject).not.toMatch(/\{\{|\{%/);
        expect(out.text).not.toMatch(/\{\{|\{%/);
        expect(out.html).not.toMatch(/\{\{|\{%/);
        if (locale === 'zh-CN') expect(out.text).toMatch(/[\u4e00-\u9fff]/);
      });
    }
  }

  it('every template fails on a variable it was not given (strict variables)', async () => {
    for (const kind of notificationKinds) {
      const { source } = bundledTemplate(kind, 'en');
      const vars: Record<string, unknown> = { ...templateSamples[kind], shop };
      await expect(renderSource({ ...source, text: source.text + '{{ not_a_variable }}' }, vars)).rejects.toThrow(/not_a_variable/);
    }
  });

  it('fails when a variable a template uses is missing, and on an unknown filter', async () => {
    const { source } = bundledTemplate('delay_notice', 'en');
    const { order_name: _dropped, ...rest } = templateSamples.delay_notice;
    await expect(renderSource(source, { ...rest, shop })).rejects.toThrow(/order_name/);
    await expect(renderSource({ subject: '{{ shop.name | shout }}', text: 'x', html: null }, { shop })).rejects.toThrow(/shout/);
    await expect(renderNotification('delay_notice', 'en', rest as never, shop)).rejects.toThrow();
  });

  it('escapes variables in the html part only', async () => {
    const out = await renderNotification('case_update', 'en', { ...templateSamples.case_update, message: '<b>hi</b> & bye' }, shop);
    expect(out.text).toContain('<b>hi</b> & bye');
    expect(out.html).toContain('&lt;b&gt;hi&lt;/b&gt; &amp; bye');
  });

  it('chooses the language with a fallback to English', async () => {
    expect(templateLocale('zh-cn')).toBe('zh-CN');
    expect(templateLocale('zh-Hant-TW')).toBe('zh-CN');
    expect(templateLocale('fr')).toBe('en');
    expect(templateLocale(null)).toBe('en');
    const fr = await renderNotification('refund_issued', 'fr-FR', templateSamples.refund_issued, shop);
    expect(fr.locale).toBe('en');
    expect(fr.subject).toBe('Your refund of $50.00 is on its way');
  });
});
