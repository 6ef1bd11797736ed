/** Shopper API and page helpers over the real Worker (`exports.default.fetch`). */
import { env, exports } from 'cloudflare:workers';
import { seedDemoShop } from '../../src/db/seed';
import { signProxyQuery } from '../../src/portal/app-proxy';
import { signShopperToken } from '../../src/portal/token';

export const SHOP = 'demo-shop.myshopify.com';
export const BASE = 'https://aftercare.test';

/** The demo shop, seeded once per test file (the seed is idempotent; each file starts from an empty database). */
export async function demoShop(): Promise<void> {
  await seedDemoShop(env.DB, Date.now());
}

let ipCounter = 0;
/** A fresh client address per test, so the lookup rate limit of one test never trips another. */
export function freshIp(): string {
  ipCounter += 1;
  return `198.51.100.${ipCounter}-${crypto.randomUUID().slice(0, 8)}`;
}

export function call(path: string, init: RequestInit & { ip?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('cf-connecting-ip', init.ip ?? freshIp());
  return exports.default.fetch(`${BASE}${path}`, { ...init, headers, redirect: 'manual' });
}

export async function lookup(order: string, email: string, ip?: string) {
  return call(`/api/portal/${SHOP}/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ order, email }),
    ...(ip ? { ip } : {}),
  });
}

export interface LookupBody {
  token: string;
  order: {
    id: string;
    name: string;
    lines: Array<{
      id: string;
      title: string;
      eligible: boolean;
      reason: string | null;
      message: string;
      returnableQuantity: number;
      exchangeOptions: Array<{ variantId: string; available: number }>;
    }>;
  };
}

export async function tokenFor(order = '#1001', email = 'shopper@example.com'): Promise<LookupBody> {
  const res = await lookup(order, email);
  if (res.status !== 200) throw new Error(`lookup ${order} answered ${res.status}: ${await res.text()}`);
  return res.json<LookupBody>();
}

/**
 * A shopper token signed as a lookup would issue it, for tests about what comes after the lookup:
 * lookups of one email are limited to 10 a minute (src/portal/rate-limit.ts), more than a file needs.
 */
export async function shopperToken(orderId: string, shopId = 'shop_demo'): Promise<string> {
  const claims = {
    shopId,
    orderId,
    customerId: null,
    expiresAt: Date.now() + 3_600_000,
    sessionId: crypto.randomUUID(),
  };
  return signShopperToken(env.APP_SECRET, claims);
}

export function bearer(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...extra };
}

/** A few real bytes of each format (magic numbers), padded to `size`. */
export function jpeg(size = 1024): File {
  const bytes = new Uint8Array(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
  return new File([bytes], 'photo.jpg', { type: 'image/jpeg' });
}

/** `path` with the query Shopify's app proxy adds for the demo shop, signed with the dev secret (as of `now`). */
export async function proxied(path: string, extra: Record<string, string> = {}, now = Date.now()): Promise<string> {
  const q = new URLSearchParams({
    ...extra,
    shop: SHOP,
    logged_in_customer_id: '',
    path_prefix: '/apps/returns',
    timestamp: String(Math.floor(now / 1000)),
  });
  q.set('signature', await signProxyQuery('dev-shopify-secret', q));
  return `${path}?${q}`;
}
