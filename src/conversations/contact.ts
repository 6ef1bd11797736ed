/**
 * "Contact us" on the portal: an identified shopper (by their order) opens an inquiry about it.
 * The text is classified for priority and tags as email is, but the case stays an inquiry: a return
 * has its own form. Counted with email against the sender's hourly limit of new cases.
 */
import type { ShopRow } from '../db/shops';
import { AppError } from '../http/errors';
import { runEffects } from '../queue/effects';
import type { Services } from '../services';
import { classifyIntent, raisePriority } from './intent';
import { hasRecentLowScore } from './unhappy-customer';
import { mailShopOf } from './mail-directory';
import { openConversationCase } from './open-conversation';
import { customerForEmail, NEW_CASES_PER_SENDER_PER_HOUR, newCasesInLastHour, newCustomerStatement } from './sender';

export interface ContactInput {
  shop: ShopRow;
  orderId: string;
  subject: string | null;
  body: string;
}

interface ContactOrder {
  id: string;
  name: string;
  email: string | null;
  customer_id: string | null;
  locale: string | null;
  currency: string;
}

export async function openContactInquiry(s: Services, input: ContactInput): Promise<{ caseId: string }> {
  const { shop } = input;
  const order = await s
    .d1(shop.id)
    .prepare('SELECT id, name, email, customer_id, locale, currency FROM orders WHERE shop_id = ? AND id = ?')
    .bind(shop.id, input.orderId)
    .first<ContactOrder>();
  if (!order?.email) throw new AppError('not_found', 'The order of this request no longer exists.');
  const email = order.email.toLowerCase();
  if ((await newCasesInLastHour(s, shop.id, email)) >= NEW_CASES_PER_SENDER_PER_HOUR)
    throw new AppError('rate_limited', 'Too many new requests in the last hour; please write on an open one.');
  const customer = order.customer_id
    ? { id: order.customer_id, vip: false, locale: order.locale, isNew: false }
    : await customerForEmail(s, shop.id, email);
  const subject = input.subject?.trim() || order.name;
  const base = classifyIntent(subject, input.body);
  const angry = await hasRecentLowScore(s, shop.id, { customerId: customer.id, email });
  const priority = raisePriority(base.priority, { vip: customer.vip, angry });
  const classification = { ...base, caseType: 'inquiry' as const, priority };
  const locale = order.locale ?? shop.locale;
  const mailShop = await mailShopOf(s, shop.id);
  const id = s.newId('msg');
  const now = s.clock.now();
  const opened = await openConversationCase(s, {
    shop,
    customerId: customer.id,
    orderId: order.id,
    classification,
    source: 'portal',
    locale,
    currency: order.currency,
    message: {
      id,
      shopId: shop.id,
      customerId: customer.id,
      direction: 'in',
      channel: 'portal',
      messageId: `portal.${id}@${mailShop?.domain ?? 'aftercare.local'}`,
      fromAddress: email,
      toAddresses: mailShop ? [mailShop.address] : [],
      subject,
      text: input.body,
      fullText: input.body,
      at: now,
      createdAt: now,
    },
    statements: customer.isNew
      ? [newCustomerStatement(s, shop.id, { id: customer.id, email, name: null, locale }, now)]
      : [],
  });
  await runEffects(s, opened.effects);
  return { caseId: opened.caseId };
}
