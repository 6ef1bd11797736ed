import type { ShopifyApplier } from './apply';
import { upsertOrderStatements } from './order-upsert';
import { shopifyOrder } from './shopify-payloads';

/** `orders/create`, `orders/updated`, `orders/cancelled`: customer, order and lines in one batch. */
export const applyOrder: ShopifyApplier = async ({ s, shop, body }) => {
  const order = shopifyOrder.parse(body);
  await s.d1(shop.id).batch(upsertOrderStatements(s, shop.id, order));
};
