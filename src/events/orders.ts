import { mergeCustomersByPlatformId } from '../conversations/merge-customers';
import type { ShopifyApplier } from './apply';
import { upsertOrderStatements } from './order-upsert';
import { gid, shopifyOrder } from './shopify-payloads';

/**
 * `orders/create`, `orders/updated`, `orders/cancelled`: customer, order and lines in one batch;
 * then the order's customer absorbs any record we made for the same person from their email.
 */
export const applyOrder: ShopifyApplier = async ({ s, shop, body }) => {
  const order = shopifyOrder.parse(body);
  await s.d1(shop.id).batch(upsertOrderStatements(s, shop.id, order));
  const customer = order.customer;
  if (customer)
    await mergeCustomersByPlatformId(s, shop.id, customer.admin_graphql_api_id ?? gid('Customer', customer.id));
};
