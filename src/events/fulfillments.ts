import type { ShopifyApplier } from './apply';
import { upsertShipmentStatements } from './shipment-upsert';
import { shopifyFulfillment } from './shopify-payloads';

/** `fulfillments/create`, `fulfillments/update`: the shipment (and a placeholder order if needed). */
export const applyFulfillment: ShopifyApplier = async ({ s, shop, body }) => {
  const fulfillment = shopifyFulfillment.parse(body);
  await s.d1(shop.id).batch(upsertShipmentStatements(s, shop.id, fulfillment));
};
