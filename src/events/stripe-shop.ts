import { databaseFor, shardMap } from '../db/client';
import { findShopByDomain, normalizeShopDomain } from '../db/shops';
import type { Services } from '../services';

export interface StripeTarget {
  shopId: string;
  /** Our order paid by this charge / payment intent, when we know it. */
  orderId: string | null;
  currency: string | null;
}

/**
 * The shop a Stripe event belongs to: through the order it paid (`orders.payment_ref` holds the
 * payment intent or the charge id) or an existing refund row, else `metadata.shop` (a
 * `*.myshopify.com` domain) set by whoever created the payment. Every shard is asked, since a
 * Stripe event names no shop. Null: not ours.
 */
export async function resolveStripeTarget(
  s: Services,
  refs: { paymentRefs: string[]; refundId?: string | null; metadataShop?: unknown },
): Promise<StripeTarget | null> {
  const paymentRefs = refs.paymentRefs.filter(Boolean);
  for (const d1 of allDatabases(s)) {
    if (paymentRefs.length) {
      const marks = paymentRefs.map((_, i) => `?${i + 1}`).join(', ');
      const order = await d1
        .prepare(`SELECT id, shop_id, currency FROM orders WHERE payment_ref IN (${marks}) ORDER BY created_at LIMIT 1`)
        .bind(...paymentRefs)
        .first<{ id: string; shop_id: string; currency: string }>();
      if (order) return { shopId: order.shop_id, orderId: order.id, currency: order.currency };
    }
    if (refs.refundId) {
      const refund = await d1
        .prepare(
          `SELECT shop_id, order_id, currency FROM refunds WHERE provider = 'stripe' AND provider_ref = ?1 LIMIT 1`,
        )
        .bind(refs.refundId)
        .first<{ shop_id: string; order_id: string | null; currency: string }>();
      if (refund) return { shopId: refund.shop_id, orderId: refund.order_id, currency: refund.currency };
    }
  }
  const domain = typeof refs.metadataShop === 'string' ? normalizeShopDomain(refs.metadataShop) : null;
  if (domain) {
    const shop = await findShopByDomain(s, domain);
    if (shop) return { shopId: shop.id, orderId: null, currency: shop.currency };
  }
  return null;
}

function allDatabases(s: Services): D1Database[] {
  const dbs = new Set<D1Database>([s.d1()]);
  if (s.env.SHARDS) for (const shopId of shardMap(s.env.SHARDS).keys()) dbs.add(databaseFor(s.env, shopId));
  return [...dbs];
}
