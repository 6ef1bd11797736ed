import * as z from 'zod';
import type { Services } from '../services';
import { platformId } from './shopify-payloads';

export { applyCustomerDataRequest } from './privacy-export';
export { applyCustomerRedact, applyShopRedact } from './privacy-redact';

/**
 * The mandatory compliance payloads: a customer by Shopify id and email, plus order ids.
 * @see https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance
 */
export const customerPrivacyPayload = z.object({
  customer: z.object({
    id: platformId.nullable().optional(),
    email: z.string().nullable().optional(),
    phone: z.string().nullable().optional(),
  }),
  orders_requested: z.array(platformId).optional(),
  orders_to_redact: z.array(platformId).optional(),
  data_request: z.object({ id: platformId }).nullable().optional(),
});
export type CustomerPrivacyPayload = z.infer<typeof customerPrivacyPayload>;

export interface CustomerFootprint {
  email: string | null;
  customerIds: string[];
  customerGid: string | null;
  orderIds: string[];
  caseIds: string[];
}

const inList = (column: string, param: string) => `${column} IN (SELECT value FROM json_each(${param}))`;
export { inList };

/**
 * Everything we hold that is this customer's: customer rows (by Shopify id or email), their orders
 * (by customer, email, or the order ids Shopify names) and the cases on either.
 */
export async function findCustomerFootprint(
  s: Services,
  shopId: string,
  p: CustomerPrivacyPayload,
): Promise<CustomerFootprint> {
  const d1 = s.d1(shopId);
  const email = p.customer.email?.trim().toLowerCase() || null;
  const customerGid = p.customer.id ? `gid://shopify/Customer/${p.customer.id}` : null;
  const orderGids = [...(p.orders_requested ?? []), ...(p.orders_to_redact ?? [])].map(
    (id) => `gid://shopify/Order/${id}`,
  );
  const customers = await d1
    .prepare(
      'SELECT id FROM customers WHERE shop_id = ?1 AND (platform_id = ?2 OR (?3 IS NOT NULL AND lower(email) = ?3))',
    )
    .bind(shopId, customerGid, email)
    .all<{ id: string }>();
  const customerIds = customers.results.map((r) => r.id);
  const orders = await d1
    .prepare(
      `SELECT id FROM orders WHERE shop_id = ?1 AND (${inList('customer_id', '?2')} OR (?3 IS NOT NULL AND lower(email) = ?3) OR ${inList('platform_id', '?4')})`,
    )
    .bind(shopId, JSON.stringify(customerIds), email, JSON.stringify(orderGids))
    .all<{ id: string }>();
  const orderIds = orders.results.map((r) => r.id);
  const cases = await d1
    .prepare(
      `SELECT id FROM cases WHERE shop_id = ?1 AND (${inList('customer_id', '?2')} OR ${inList('order_id', '?3')})`,
    )
    .bind(shopId, JSON.stringify(customerIds), JSON.stringify(orderIds))
    .all<{ id: string }>();
  return { email, customerIds, customerGid, orderIds, caseIds: cases.results.map((r) => r.id) };
}
