/**
 * Where the shopper's order is: each fulfillment of the order as the Shopify fulfillment webhooks
 * left it in `shipments` (src/events/shipment-upsert.ts): carrier, tracking number and link, the
 * latest status, expected or actual delivery. Shown on the order and status pages, before they write.
 */
import { and, asc, eq } from 'drizzle-orm';
import { shipments } from '../db/schema';
import type { Services } from '../services';

export interface ParcelTracking {
  carrier: string | null;
  /** Shopify's `shipment_status`, or ours when it has none (pending, confirmed, cancelled, failure). */
  status: string;
  trackingNumber: string | null;
  /** Only an http(s) address: anything else from a webhook is not offered as a link. */
  trackingUrl: string | null;
  shippedAt: number | null;
  estimatedDeliveryAt: number | null;
  deliveredAt: number | null;
  /** When the tracking last moved (or the parcel shipped). */
  updatedAt: number | null;
}

/** Parcels per order on one page, at most: a marketplace order can have many. */
const MAX_PARCELS = 20;

const webUrl = (url: string | undefined): string | null => {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null;
  } catch {
    return null;
  }
};

export async function orderTracking(s: Services, shopId: string, orderId: string): Promise<ParcelTracking[]> {
  const rows = await s
    .db(shopId)
    .select()
    .from(shipments)
    .where(and(eq(shipments.shopId, shopId), eq(shipments.orderId, orderId)))
    .orderBy(asc(shipments.shippedAt), asc(shipments.createdAt))
    .limit(MAX_PARCELS)
    .all();
  return rows.map((r) => ({
    carrier: r.carrier,
    status: r.status,
    trackingNumber: r.trackingNumbers[0] ?? null,
    trackingUrl: webUrl(r.trackingUrls[0]),
    shippedAt: r.shippedAt,
    estimatedDeliveryAt: r.estimatedDeliveryAt,
    deliveredAt: r.deliveredAt,
    updatedAt: r.lastTrackingAt ?? r.shippedAt,
  }));
}
