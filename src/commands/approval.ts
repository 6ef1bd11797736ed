/**
 * What approving a return sets in motion besides the status: the shopper's "approved" email with
 * the method's instructions, and the carrier pickup when one was asked for.
 */
import { closestLocale, type Locale } from '../i18n';
import type { ShopRow } from '../db/shops';
import { scheduleJob } from '../queue/enqueue';
import type { JobOf } from '../queue/messages';

import type { Services } from '../services';
import { caseLabel, caseNotification, statusUrl, type CaseContact, type Prepared } from './case-notifications';

/** The approved email's next step, in the language the email goes out in (the template's). */
const approvalInstructions: Record<Locale, Record<'pickup' | 'drop_off' | 'none', string>> = {
  en: {
    none: 'Keep the item: there is nothing to send back.',
    pickup: 'A carrier will collect the parcel in the window you chose; we will email the confirmation.',
    drop_off: 'Pack the items and drop the parcel off at the carrier; the label follows.',
  },
  'zh-CN': {
    none: '商品无需寄回，请您保留。',
    pickup: '快递员将在您选择的时间段上门取件，取件确认将通过邮件发送给您。',
    drop_off: '请将商品打包好，送到快递网点寄出；退货面单随后发送给您。',
  },
  de: {
    none: 'Sie dürfen den Artikel behalten: Eine Rücksendung ist nicht nötig.',
    pickup:
      'Der Paketdienst holt das Paket im von Ihnen gewählten Zeitraum ab; die Bestätigung senden wir Ihnen per E-Mail.',
    drop_off:
      'Bitte verpacken Sie die Artikel und geben Sie das Paket beim Paketdienst ab; das Rücksendeetikett folgt.',
  },
};

export async function approvalExtras(
  s: Services,
  c: CaseContact,
  opts: { method: 'pickup' | 'drop_off' | 'none' | null; pickupId: string | null },
): Promise<Prepared> {
  const instructions = approvalInstructions[closestLocale(c.locale)][opts.method ?? 'drop_off'];
  const mail = await caseNotification(s, c, 'return_approved', 'approved', {
    customer_name: c.customerName,
    order_name: c.orderName,
    case_number: caseLabel(c.caseNumber),
    method: opts.method ?? 'none',
    instructions,
    status_url: statusUrl(s, c),
  });
  if (opts.method === 'pickup' && opts.pickupId) {
    mail.effects.push({ kind: 'job', message: { kind: 'schedule-pickup', shopId: c.shopId, pickupId: opts.pickupId } });
  }
  return mail;
}

/** Shopify shops mirror approvals and declines onto the store's own Return (a job, after the batch). */
export function mirrorJob(
  s: Services,
  shop: ShopRow,
  caseId: string,
  m: Omit<JobOf<'mirror-shopify-return'>, 'kind' | 'shopId' | 'caseId'>,
): Prepared {
  if (shop.platform !== 'shopify' || shop.settings.mirrorReturns === false) return { statements: [], effects: [] };
  const message = { kind: 'mirror-shopify-return' as const, shopId: shop.id, caseId, ...m };
  return { statements: [scheduleJob(s, message, s.clock.now())], effects: [{ kind: 'job', message }] };
}
