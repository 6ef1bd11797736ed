/**
 * Webhook requests signed exactly as Shopify and Stripe sign them, built in Node for load runs:
 * each request its own delivery id (and its own order and line ids), so the server does the real
 * insert-and-enqueue work instead of answering duplicates.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './server';

export const SHOPIFY_SECRET = 'dev-shopify-secret';
export const STRIPE_SECRET = 'whsec_dev';
export const DEMO_SHOP = 'demo-shop.myshopify.com';

const fixture = (path: string) => readFileSync(join(root, 'test', 'fixtures', path), 'utf8');

export interface SignedRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Every 15-18 digit number in a fixture (ids) rewritten per copy `n`: distinct, still 64-bit sized. */
function renumber(template: string, n: number): string {
  return template.replace(/\b(\d{5})\d{8,13}\b/g, (_m, head: string) => `${head}${String(n).padStart(13, '0')}`);
}

export function shopifyRequest(
  topic: string,
  body: string,
  options: { shop?: string; webhookId?: string } = {},
): SignedRequest {
  return {
    method: 'POST',
    path: '/webhooks/shopify',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': topic,
      'x-shopify-shop-domain': options.shop ?? DEMO_SHOP,
      'x-shopify-webhook-id': options.webhookId ?? randomUUID(),
      'x-shopify-api-version': '2026-04',
      'x-shopify-triggered-at': new Date().toISOString(),
      'x-shopify-event-id': randomUUID(),
      'x-shopify-hmac-sha256': createHmac('sha256', SHOPIFY_SECRET).update(body).digest('base64'),
    },
    body,
  };
}

const ordersCreate = fixture('shopify/orders__create.json');
const returnsRequest = fixture('shopify/returns__request.json');
const chargeRefunded = fixture('stripe/events/charge.refunded.json');

/** orders/create for order number `n` (distinct order, line and customer ids; name `#B<n>`). */
export function shopifyOrderCreate(n: number, shop = DEMO_SHOP): SignedRequest {
  const body = renumber(ordersCreate, n).replace('"name": "#9999"', `"name": "#B${n}"`);
  return shopifyRequest('orders/create', body, { shop, webhookId: `bench-order-${n}-${randomUUID()}` });
}

/** returns/request for the order that `shopifyOrderCreate(n)` created. */
export function shopifyReturnRequest(n: number, orderPlatformId: string, shop = DEMO_SHOP): SignedRequest {
  const body = returnsRequest
    .replace(/123134564567890/g, `7${String(n).padStart(14, '0')}`)
    .replace(/4783296544821/g, orderPlatformId);
  return shopifyRequest('returns/request', body, { shop, webhookId: `bench-return-${n}-${randomUUID()}` });
}

const refundsCreate = fixture('shopify/refunds__create.json');

/** refunds/create for the order `shopifyOrderCreate(n)` created (refund and transaction ids renumbered too). */
export function shopifyRefundCreate(n: number, shop = DEMO_SHOP): SignedRequest {
  return shopifyRequest('refunds/create', renumber(refundsCreate, n), {
    shop,
    webhookId: `bench-refund-${n}-${randomUUID()}`,
  });
}

/** The platform order id `shopifyOrderCreate(n)` carries (the fixture's order id, renumbered). */
export function benchOrderPlatformId(n: number): string {
  return renumber('820982911946154508', n);
}

export function stripeRequest(payload: string, timestamp = Math.floor(Date.now() / 1000)): SignedRequest {
  const sig = createHmac('sha256', STRIPE_SECRET).update(`${timestamp}.${payload}`).digest('hex');
  return {
    method: 'POST',
    path: '/webhooks/stripe',
    headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': `t=${timestamp},v1=${sig}` },
    body: payload,
  };
}

/** charge.refunded with event id `evt_bench_<n>` (Stripe dedupes by event id). */
export function stripeChargeRefunded(n: number): SignedRequest {
  return stripeRequest(
    chargeRefunded.replace('evt_1Pgc76B7WZ01zgkWwyRHS12y', `evt_bench_${n}_${randomUUID().slice(0, 8)}`),
  );
}

/** A pool of `size` requests built up front; past it, built on demand (never reused). */
export function requestPool(size: number, build: (n: number) => SignedRequest): () => SignedRequest {
  const pool = Array.from({ length: size }, (_, i) => build(i));
  let next = 0;
  return () => {
    const n = next++;
    return pool[n] ?? build(n);
  };
}
