import type { Services } from '../services';
import { placeholderOrderStatement } from './order-upsert';
import { gid, type ShopifyFulfillment } from './shopify-payloads';
import { bindNamed } from './sql';

/** Shopify fulfillment statuses that say where the parcel is when `shipment_status` is empty. */
function shipmentStatus(f: ShopifyFulfillment): string {
  if (f.shipment_status) return f.shipment_status;
  if (f.status === 'cancelled' || f.status === 'failure' || f.status === 'error')
    return f.status === 'cancelled' ? 'cancelled' : 'failure';
  return f.status === 'success' ? 'confirmed' : 'pending';
}

/**
 * A fulfillment as a shipment, in statements for one batch. A fulfillment that arrives before its
 * order gets a placeholder order row (version 0) so nothing is lost; the order's own webhook fills
 * it in. Newer `updated_at` wins (in the WHERE); `last_tracking_at` moves only when the status
 * changes (a stall is measured from it); `delivered_at` is set once, on the first `delivered`.
 * `line_item_ids` are our `order_lines` ids where the lines are known, else the Shopify gids.
 * @see https://shopify.dev/docs/api/admin-rest/latest/resources/fulfillment
 */
export function upsertShipmentStatements(s: Services, shopId: string, f: ShopifyFulfillment): D1PreparedStatement[] {
  const d1 = s.d1(shopId);
  const orderGid = gid('Order', f.order_id);
  const status = shipmentStatus(f);
  const orderName = f.name ? f.name.replace(/\.\d+$/, '') : null;
  return [
    placeholderOrderStatement(s, shopId, orderGid, orderName),
    bindNamed(
      d1,
      `INSERT INTO shipments (id, shop_id, order_id, platform_id, carrier, service, tracking_numbers, tracking_urls, status, line_item_ids,
         shipped_at, estimated_delivery_at, delivered_at, last_tracking_at, platform_updated_at, created_at, updated_at)
       SELECT ?id, ?shop, o.id, ?fid, ?carrier, ?service, ?numbers, ?urls, ?status,
         (SELECT json_group_array(COALESCE(l.id, j.value)) FROM json_each(?lines) j
            LEFT JOIN order_lines l ON l.shop_id = ?shop AND l.platform_id = j.value),
         ?shipped, ?eta, CASE WHEN ?status = 'delivered' THEN ?v END, ?v, ?v, ?now, ?now
       FROM orders o WHERE o.shop_id = ?shop AND o.platform_id = ?ord
       ON CONFLICT(shop_id, platform_id) DO UPDATE SET
         carrier = excluded.carrier, service = excluded.service, tracking_numbers = excluded.tracking_numbers,
         tracking_urls = excluded.tracking_urls, line_item_ids = excluded.line_item_ids,
         shipped_at = COALESCE(shipments.shipped_at, excluded.shipped_at),
         estimated_delivery_at = COALESCE(excluded.estimated_delivery_at, shipments.estimated_delivery_at),
         delivered_at = CASE WHEN excluded.status = 'delivered' THEN COALESCE(shipments.delivered_at, excluded.delivered_at) ELSE shipments.delivered_at END,
         last_tracking_at = CASE WHEN excluded.status <> shipments.status THEN excluded.last_tracking_at ELSE shipments.last_tracking_at END,
         status = excluded.status, platform_updated_at = excluded.platform_updated_at, updated_at = excluded.updated_at
       WHERE excluded.platform_updated_at >= shipments.platform_updated_at`,
      {
        id: s.newId('shp'),
        shop: shopId,
        ord: orderGid,
        fid: f.admin_graphql_api_id ?? gid('Fulfillment', f.id),
        carrier: f.tracking_company,
        service: f.service,
        numbers: JSON.stringify(f.tracking_numbers ?? []),
        urls: JSON.stringify(f.tracking_urls ?? []),
        status,
        lines: JSON.stringify((f.line_items ?? []).map((l) => gid('LineItem', l.id))),
        shipped: f.created_at,
        eta: f.estimated_delivery_at,
        v: f.updated_at,
        now: s.clock.now(),
      },
    ),
  ];
}
