import { finishedShipmentStatuses } from '../delays/delay-rules';
import { enqueueJob } from '../queue/enqueue';
import type { ShopifyApplier } from './apply';
import { upsertShipmentStatements } from './shipment-upsert';
import { gid, shopifyFulfillment } from './shopify-payloads';

/**
 * `fulfillments/create`, `fulfillments/update`: the shipment (and a placeholder order if needed),
 * then a `check-shipment-delay` job, so a parcel that is already late (a passed estimate, a carrier
 * failure) is noticed now rather than at the next sweep. The job, not this applier, may reach
 * Shopify for a goodwill code: applying an event never waits on the outside world. The check is
 * idempotent per delay episode, so a redelivered event or the sweep cannot notify twice.
 */
export const applyFulfillment: ShopifyApplier = async ({ s, shop, body }) => {
  const fulfillment = shopifyFulfillment.parse(body);
  const d1 = s.d1(shop.id);
  await d1.batch(upsertShipmentStatements(s, shop.id, fulfillment));
  const platformId = fulfillment.admin_graphql_api_id ?? gid('Fulfillment', fulfillment.id);
  const shipment = await d1
    .prepare('SELECT id, status FROM shipments WHERE shop_id = ?1 AND platform_id = ?2')
    .bind(shop.id, platformId)
    .first<{ id: string; status: string }>();
  if (shipment && !finishedShipmentStatuses.has(shipment.status)) {
    await enqueueJob(s, { kind: 'check-shipment-delay', shopId: shop.id, shipmentId: shipment.id });
  }
};
