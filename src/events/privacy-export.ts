import { prepareNotification } from '../notifications/outbox';
import type { ShopifyApplier } from './apply';
import { customerPrivacyPayload, findCustomerFootprint, inList } from './privacy';

/**
 * `customers/data_request`: everything we hold on the customer, as one JSON document, delivered
 * to the merchant through the outbox (who forwards it to the customer, as Shopify expects). Once
 * per data request id. The merchant address is the shop's email (or `settings.notificationEmail`);
 * a shop with neither fails visibly so the merchant can set one and replay the event.
 */
export const applyCustomerDataRequest: ShopifyApplier = async ({ s, shop, body, event }) => {
  const payload = customerPrivacyPayload.parse(body);
  const who = await findCustomerFootprint(s, shop.id, payload);
  const d1 = s.d1(shop.id);
  const q = async (sql: string, ...binds: unknown[]) =>
    (
      await d1
        .prepare(sql)
        .bind(shop.id, ...binds)
        .all<Record<string, unknown>>()
    ).results;
  const customers = JSON.stringify(who.customerIds);
  const orders = JSON.stringify(who.orderIds);
  const cases = JSON.stringify(who.caseIds);
  const exported = {
    shop: shop.domain,
    customer: { shopifyId: payload.customer.id ?? null, email: payload.customer.email ?? null },
    customers: await q(`SELECT * FROM customers WHERE shop_id = ?1 AND ${inList('id', '?2')}`, customers),
    orders: await q(`SELECT * FROM orders WHERE shop_id = ?1 AND ${inList('id', '?2')}`, orders),
    orderLines: await q(`SELECT * FROM order_lines WHERE shop_id = ?1 AND ${inList('order_id', '?2')}`, orders),
    shipments: await q(`SELECT * FROM shipments WHERE shop_id = ?1 AND ${inList('order_id', '?2')}`, orders),
    cases: await q(`SELECT * FROM cases WHERE shop_id = ?1 AND ${inList('id', '?2')}`, cases),
    caseItems: await q(`SELECT * FROM case_items WHERE shop_id = ?1 AND ${inList('case_id', '?2')}`, cases),
    caseEvents: await q(`SELECT * FROM case_events WHERE shop_id = ?1 AND ${inList('case_id', '?2')}`, cases),
    refunds: await q(
      `SELECT * FROM refunds WHERE shop_id = ?1 AND (${inList('case_id', '?2')} OR ${inList('order_id', '?3')})`,
      cases,
      orders,
    ),
    pickups: await q(`SELECT * FROM pickups WHERE shop_id = ?1 AND ${inList('case_id', '?2')}`, cases),
    surveys: await q(
      `SELECT * FROM surveys WHERE shop_id = ?1 AND (${inList('case_id', '?2')} OR ${inList('order_id', '?3')})`,
      cases,
      orders,
    ),
    notifications: await q(
      `SELECT id, kind, recipient, subject, status, created_at, sent_at FROM notifications
       WHERE shop_id = ?1 AND (${inList('case_id', '?2')} OR ${inList('order_id', '?3')} OR (?4 IS NOT NULL AND lower(recipient) = ?4))`,
      cases,
      orders,
      who.email,
    ),
  };
  const notificationEmail =
    typeof shop.settings.notificationEmail === 'string' ? shop.settings.notificationEmail : null;
  const recipient = shop.email ?? notificationEmail;
  if (!recipient)
    throw new Error(`shop ${shop.domain} has no email to deliver the data request to; set one and replay`);
  const requestId = payload.data_request?.id ?? event.deliveryId;
  const statement = await prepareNotification(s, {
    shopId: shop.id,
    kind: 'data_export',
    recipient,
    locale: shop.locale,
    vars: {
      customer_email: payload.customer.email ?? `customer ${payload.customer.id ?? ''}`,
      summary: JSON.stringify(exported, null, 2),
      download_url: null,
    },
    dedupeKey: `data_request:${requestId}`,
  });
  await d1.batch([statement]);
};
