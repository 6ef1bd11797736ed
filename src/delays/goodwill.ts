import { getShopAccessToken } from '../integrations/shopify/shop-credentials';
import { findShopById } from '../db/shops';
import { LocalGoodwill, ShopifyGoodwill, type GoodwillDiscounts } from '../integrations/discounts/goodwill';
import { macFor } from '../lib/keys';
import { log } from '../lib/log';
import type { Services } from '../services';
import { DAY_MS, type JobSettings } from '../db/shop-settings';

const localGoodwill = new LocalGoodwill();
let override: GoodwillDiscounts | null = null;

/** Tests swap the adapter (and read the local one's records). */
export function setGoodwillAdapter(adapter: GoodwillDiscounts | null): void {
  override = adapter;
}
export function localGoodwillRecords() {
  return localGoodwill.created;
}

function adapterFor(s: Services): GoodwillDiscounts {
  if (override) return override;
  if (s.settings.INTEGRATIONS === 'local') return localGoodwill;
  return new ShopifyGoodwill(async (shopId) => {
    const shop = await findShopById(s, shopId);
    if (!shop) throw new Error(`no shop ${shopId}`);
    return { shop: shop.domain, accessToken: await getShopAccessToken(s, shopId) };
  });
}

const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Deterministic per (shop, order, episode) yet unguessable: an HMAC under APP_SECRET's `goodwill-code` subkey. */
export async function goodwillCodeFor(
  secret: string,
  shopId: string,
  orderName: string,
  episode: number,
): Promise<string> {
  const mac = await macFor(secret, 'goodwill-code', `${shopId}:${orderName}:${episode}`);
  let suffix = '';
  for (let i = 0; i < 8; i++) suffix += alphabet[mac[i]! % alphabet.length];
  return `SORRY-${suffix}`;
}

/**
 * The goodwill code for a delay notice, when the shop turned it on; null otherwise or when Shopify
 * refuses (the apology still goes out, without a code, and the failure is logged).
 */
export async function goodwillCode(
  s: Services,
  p: { shopId: string; orderName: string; episode: number; settings: JobSettings },
): Promise<string | null> {
  const cfg = p.settings.goodwillDiscount;
  if (!cfg) return null;
  const code = await goodwillCodeFor(s.settings.APP_SECRET, p.shopId, p.orderName, p.episode);
  const now = s.clock.now();
  try {
    return await adapterFor(s).create(p.shopId, {
      code,
      title: `Sorry for the delay (${p.orderName})`,
      percent: cfg.percent,
      startsAt: now,
      endsAt: now + cfg.validDays * DAY_MS,
    });
  } catch (err) {
    log({
      kind: 'job',
      outcome: 'error',
      durationMs: 0,
      step: 'goodwill-discount',
      shopId: p.shopId,
      error: err instanceof Error ? err.message : String(err),
    });
    return null;
  }
}
