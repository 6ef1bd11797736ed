import { closestLocale, locales } from '../i18n';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../lib/money';
import { bundledTemplate, parseTemplate, renderNotification, renderSource } from './render';
import { templateFiles } from './template-files';
import { templateSamples } from './template-samples';
import { notificationKinds } from './template-vars';

const shop = { name: 'Demo Shop', email: 'help@demo.example' };
/** English a German email must not contain once its variables are German (the samples are English). */
const englishWords =
  /\b(hi|hello|your|we|the|please|order|return|refund|request|pickup|exchange|store credit|first response)\b/i;
/** A rendered part without the (English) sample values it was given: what is left is the template's own wording. */
function ownWords(rendered: string, vars: object): string {
  const values: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string' && v.length > 0) values.push(v, v.replaceAll('&', '&amp;').replaceAll("'", '&#39;'));
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(vars);
  return values.sort((a, b) => b.length - a.length).reduce((text, v) => text.replaceAll(v, ''), rendered);
}

describe('notification templates', () => {
  it('bundles one file per kind and language, each with subject, text and html', () => {
    expect(Object.keys(templateFiles).sort()).toEqual(
      notificationKinds.flatMap((k) => locales.map((l) => `${k}.${l}`)).sort(),
    );
    for (const file of Object.values(templateFiles)) {
      const t = parseTemplate(file);
      expect(t.subject.length).toBeGreaterThan(0);
      expect(t.text.length).toBeGreaterThan(0);
      expect(t.html).not.toBeNull();
    }
  });

  for (const kind of notificationKinds) {
    for (const locale of locales) {
      it(`${kind} renders in ${locale} with every variable it uses (strict)`, async () => {
        const out = await renderNotification(kind, locale, templateSamples[kind], shop);
        expect(out.locale).toBe(locale);
        expect(out.subject).not.toMatch(/\{\{|\{%/);
        expect(out.text).not.toMatch(/\{\{|\{%/);
        expect(out.html).not.toMatch(/\{\{|\{%/);
        if (locale === 'zh-CN') expect(out.text).toMatch(/[\u4e00-\u9fff]/);
        if (locale === 'de') {
          // Both greetings: with the shopper's name and without one.
          const anonymous =
            'customer_name' in templateSamples[kind]
              ? await renderNotification(kind, locale, { ...templateSamples[kind], customer_name: null }, shop)
              : out;
          for (const part of [out.subject, out.text, out.html ?? '', anonymous.text])
            expect(ownWords(part, templateSamples[kind])).not.toMatch(englishWords);
        }
      });
    }
  }

  it('every template fails on a variable it was not given (strict variables)', async () => {
    for (const kind of notificationKinds) {
      const { source } = bundledTemplate(kind, 'en');
      const vars: Record<string, unknown> = { ...templateSamples[kind], shop };
      await expect(renderSource({ ...source, text: source.text + '{{ not_a_variable }}' }, vars)).rejects.toThrow(
        /not_a_variable/,
      );
    }
  });

  it('fails when a variable a template uses is missing, and on an unknown filter', async () => {
    const { source } = bundledTemplate('delay_notice', 'en');
    const { order_name: _dropped, ...rest } = templateSamples.delay_notice;
    await expect(renderSource(source, { ...rest, shop })).rejects.toThrow(/order_name/);
    await expect(renderSource({ subject: '{{ shop.name | shout }}', text: 'x', html: null }, { shop })).rejects.toThrow(
      /shout/,
    );
    await expect(renderNotification('delay_notice', 'en', rest as never, shop)).rejects.toThrow();
  });

  it('escapes variables in the html part only', async () => {
    const out = await renderNotification(
      'case_update',
      'en',
      { ...templateSamples.case_update, message: '<b>hi</b> & bye' },
      shop,
    );
    expect(out.text).toContain('<b>hi</b> & bye');
    expect(out.html).toContain('&lt;b&gt;hi&lt;/b&gt; &amp; bye');
  });

  it('chooses the language with a fallback to English', async () => {
    expect(closestLocale('zh-cn')).toBe('zh-CN');
    expect(closestLocale('zh-Hant-TW')).toBe('zh-CN');
    expect(closestLocale('fr')).toBe('en');
    for (const tag of ['de', 'de-DE', 'de-AT', 'de-CH', 'de_DE', 'DE']) expect(closestLocale(tag), tag).toBe('de');
    expect(closestLocale('den')).toBe('en');
    expect(closestLocale(null)).toBe('en');
    const fr = await renderNotification('refund_issued', 'fr-FR', templateSamples.refund_issued, shop);
    expect(fr.locale).toBe('en');
    expect(fr.subject).toBe('Your refund of $50.00 is on its way');
  });

  it('writes a German refund email in German, with the amount as Germans write it', async () => {
    const amount = formatMoney({ amount: 4990, currency: 'EUR' }, 'de-DE');
    expect(amount).toBe('49,90\u00a0€');
    const out = await renderNotification(
      'refund_issued',
      'de-AT',
      { ...templateSamples.refund_issued, amount, customer_name: 'Anna' },
      shop,
    );
    expect(out.locale).toBe('de');
    // The subject is folded onto one line (every run of whitespace, the no-break space too, becomes one space).
    expect(out.subject).toBe('Ihre Erstattung über 49,90 € ist unterwegs');
    expect(out.text).toContain('Guten Tag Anna,');
    expect(out.text).toContain(
      'wir haben Ihnen für die Bestellung #1001 (Anfrage R-1001) 49,90\u00a0€ auf Ihr ursprüngliches Zahlungsmittel erstattet.',
    );
    expect(out.html).toContain('<strong>49,90\u00a0€</strong>');
  });

  it('names the return method in words, not its code, in every language (and the SLA target in German)', async () => {
    const said = {
      en: ['Return method: carrier pickup.', 'Return method: drop off at a carrier location.'],
      'zh-CN': ['退货方式：快递上门取件。', '退货方式：自行送至快递网点。'],
      de: [
        'Rücksendeart: Abholung durch den Paketdienst.',
        'Rücksendeart: Abgabe bei einer Annahmestelle des Paketdienstes.',
      ],
    };
    expect(Object.keys(said).sort()).toEqual([...locales].sort());
    for (const locale of locales) {
      const approved = await renderNotification(
        'return_approved',
        locale,
        { ...templateSamples.return_approved, method: 'pickup', instructions: null },
        shop,
      );
      expect(approved.text).toContain(said[locale][0]);
      const confirmed = await renderNotification(
        'return_confirmation',
        locale,
        { ...templateSamples.return_confirmation, method: 'drop_off' },
        shop,
      );
      expect(confirmed.html).toContain(`<p>${said[locale][1]}</p>`);
      expect(confirmed.text).not.toContain('drop_off');
    }
    // A method the template does not know yet still shows (as its code) rather than vanishing.
    expect(
      (
        await renderNotification(
          'return_approved',
          'de',
          { ...templateSamples.return_approved, method: 'locker' },
          shop,
        )
      ).text,
    ).toContain('Rücksendeart: locker.');
    const breach = await renderNotification('sla_breach', 'de', templateSamples.sla_breach, shop);
    expect(breach.subject).toBe('SLA verletzt: R-1001 hat das Ziel „Lösung“ verfehlt');
  });
});
