import { closestLocale, type Locale } from '../i18n';
import { findShopById } from '../db/shops';
import { bundledTemplate, fromOverride, renderSource } from '../notifications/render';

import type { Services } from '../services';
import { templateOverride } from './settings-store';

/** Questions agents ask most; picked from a list, editable before sending. */
export const cannedQuestions: Record<Locale, string[]> = {
  en: [
    'Could you send a photo of the damage?',
    'Could you send a photo of the label on the item?',
    'Is the item unused and in its original packaging?',
    'Which size or colour would you like instead?',
  ],
  'zh-CN': [
    '能否发送一张损坏部位的照片？',
    '能否发送一张商品标签的照片？',
    '商品是否未使用并保留原包装？',
    '您想换成哪个尺码或颜色？',
  ],
  de: [
    'Könnten Sie uns ein Foto des Schadens senden?',
    'Könnten Sie uns ein Foto des Etiketts am Artikel senden?',
    'Ist der Artikel unbenutzt und in der Originalverpackung?',
    'Welche Größe oder Farbe möchten Sie stattdessen?',
  ],
};

/**
 * Canned replies drawn from the templates: the `info_requested` message exactly as the shopper
 * would receive it (the shop's override or the bundled template, in the case's language), one per
 * canned question, rendered with this case's own variables.
 */
export async function cannedReplies(
  s: Services,
  shopId: string,
  vars: { locale: string; customerName: string | null; caseNumber: string; statusUrl: string },
) {
  const shop = await findShopById(s, shopId);
  // The case's language as its emails use it: a German case stored as `de-DE` still gets German questions.
  const locale = closestLocale(vars.locale);
  const override = await templateOverride(s, shopId, 'info_requested', locale);
  const source = override ? fromOverride(override) : bundledTemplate('info_requested', locale).source;
  const out: Array<{ question: string; subject: string; text: string }> = [];
  for (const question of cannedQuestions[locale]) {
    try {
      const r = await renderSource(source, {
        customer_name: vars.customerName,
        case_number: vars.caseNumber,
        question,
        status_url: vars.statusUrl,
        shop: { name: shop?.name ?? '', email: shop?.email ?? null },
      });
      out.push({ question, subject: r.subject, text: r.text });
    } catch {
      out.push({ question, subject: '', text: question });
    }
  }
  return out;
}
