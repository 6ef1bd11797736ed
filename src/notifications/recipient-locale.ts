/**
 * The language of an email to someone on the merchant's side (sign-in link, weekly review, early
 * warning, SLA alert): the admin language of the member with that address when they chose one,
 * else the shop's language. Shoppers' emails keep their own language rules.
 */
import { matchLocale } from '../i18n/locales';
import type { Services } from '../services';

/** Address (lower case) → the member's chosen admin language, for the shop's active members who chose one. */
export async function memberLocales(s: Services, shopId: string): Promise<Map<string, string>> {
  const { results } = await s
    .d1(shopId)
    .prepare(
      `SELECT email, ui_locale AS uiLocale FROM members
        WHERE shop_id = ?1 AND active = 1 AND email IS NOT NULL AND ui_locale IS NOT NULL`,
    )
    .bind(shopId)
    .all<{ email: string; uiLocale: string }>();
  const out = new Map<string, string>();
  for (const r of results) {
    const locale = matchLocale(r.uiLocale);
    if (locale) out.set(r.email.toLowerCase(), locale);
  }
  return out;
}

/** A resolver for one batch of merchant emails: the recipient's language, else the shop's. */
export async function recipientLocaleResolver(
  s: Services,
  shopId: string,
  shopLocale: string,
): Promise<(recipient: string) => string> {
  const chosen = await memberLocales(s, shopId);
  return (recipient) => chosen.get(recipient.trim().toLowerCase()) ?? shopLocale;
}
