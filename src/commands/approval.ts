/**
 * What approving a return sets in motion besides the status: the shopper's "approved" email with
 * the method's instructions, and the carrier pickup when one was asked for.
 */
import type { ShopRow } from '../db/shops';
import { scheduleJob } from '../jobs/enqueue';
import type { JobOf } from '../jobs/messages';
import type { Services } from '../services';
import { caseLabel, caseNotification, statusUrl, type CaseContact, type Prepared } from './case-notifications';

export async function approvalExtras(
  s: Services,
  c: CaseContact,
  opts: { method: 'pickup' | 'drop_off' | 'none' | null; pickupId: string | null },
): Promise<Prepared> {
  const instructions =
    opts.method === 'none'
      ? 'Keep the item: there is nothing to send back.'
      : opts.method === 'pickup'
        ? 'A carrier will collect the parcel in the window you chose; we will email the confirmation.'
        : 'Pack the items and drop the parcel off at the carrier; the label follows.';
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
export function mirrorJob(s: Services, shop: ShopRow, caseId: string, m: Omit<JobOf<'mirror-shopify-return'>, 'kind' | 'shopId' | 'caseId'>): Prepared {
  if (shop.platform !== 'shopify' || shop.settings.mirrorReturns === false) return { statements: [], effects: [] };
  const message = { kind: 'mirror-shopify-return' as const, shopId: shop.id, caseId, ...m };
  return { statements: [scheduleJob(s, message, s.clock.now())], effects: [{ kind: 'job', message }] };
}

