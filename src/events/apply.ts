import { ensureShop, findShopByDomain, type ShopRow } from '../db/shops';
import { installStarterSet } from '../help/starter-set';
import type { Services } from '../services';
import type { StoredEvent } from './event-store';
import { parseLosslessJson } from './lossless-json';

export interface ApplyResult {
  status: 'processed' | 'ignored';
  /** The shop the event belongs to, once known (Stripe events learn it here). */
  shopId: string | null;
  note?: string;
}

export interface ShopifyApplyContext {
  s: Services;
  event: StoredEvent;
  shop: ShopRow;
  /** The body with 64-bit ids as strings. */
  body: unknown;
}

export interface StripeApplyContext {
  s: Services;
  event: StoredEvent;
  body: unknown;
}

export type ShopifyApplier = ((ctx: ShopifyApplyContext) => Promise<Omit<ApplyResult, 'shopId'> | void>) & {
  /**
   * The applier's whole work as statements for the shop's database, without running them, when it
   * is only that (no reads, no follow-up): the consumer then commits a shop's share of a queue
   * batch in one D1 batch (events/batch-apply.ts). Appliers without it are applied one by one.
   */
  statements?: (ctx: ShopifyApplyContext) => D1PreparedStatement[];
  /**
   * Idempotent follow-up for the events of one committed batch (run before their ack), given all of
   * them at once so it can read what it needs in one query rather than one per event.
   */
  afterCommit?: (ctxs: ShopifyApplyContext[]) => Promise<void>;
};
export type StripeApplier = (ctx: StripeApplyContext) => Promise<ApplyResult>;

/** Topic → applier, per source; built by `createAppliers` (appliers.ts) and reached through `Services`. */
export interface Appliers {
  shopify: ReadonlyMap<string, ShopifyApplier>;
  stripe: ReadonlyMap<string, StripeApplier>;
}

/** Topics that must not create the shop (it is being deleted, or was never ours). */
const noShopCreation = new Set(['shop/redact', 'customers/redact', 'customers/data_request']);

/** The shop a verified webhook names, created (with its starter content) when first seen. */
export async function shopForEvents(s: Services, domain: string): Promise<ShopRow> {
  const shop = await ensureShop(s, domain);
  if (shop.created) await installStarterSet(s, shop.id);
  return shop;
}

/**
 * Applies one stored event. Idempotent: every applier upserts or compares versions, so applying
 * the same event twice (a queue redelivery, a replay) leaves the same rows.
 */
export async function applyEvent(s: Services, event: StoredEvent): Promise<ApplyResult> {
  if (event.source === 'stripe') {
    const applier = s.appliers.stripe.get(event.topic);
    if (!applier) return { status: 'ignored', shopId: event.shopId, note: `no handler for ${event.topic}` };
    return applier({ s, event, body: JSON.parse(event.body) as unknown });
  }
  const applier = s.appliers.shopify.get(event.topic);
  const domain = event.shopDomain;
  if (!domain) return { status: 'ignored', shopId: null, note: 'no shop domain' };
  const shop = noShopCreation.has(event.topic) ? await findShopByDomain(s, domain) : await shopForEvents(s, domain);
  if (!shop) return { status: 'ignored', shopId: null, note: `shop ${domain} is not known here` };
  if (!applier) return { status: 'ignored', shopId: shop.id, note: `no handler for ${event.topic}` };
  const result = await applier({ s, event, shop, body: parseLosslessJson(event.body) });
  return { status: result?.status ?? 'processed', shopId: shop.id, ...(result?.note ? { note: result.note } : {}) };
}
