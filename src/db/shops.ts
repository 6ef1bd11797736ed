import { eq, sql } from 'drizzle-orm';
import { defaultPolicy, policySchema, type Policy } from '../cases/policy-schema';
import type { Services } from '../services';
import { shops } from './schema';

export type ShopRow = typeof shops.$inferSelect;

const shopDomain = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/** Shopify shop domains only (`name.myshopify.com`), lower-cased; anything else is not a shop. */
export function normalizeShopDomain(domain: string | null | undefined): string | null {
  const d = domain?.trim().toLowerCase();
  return d && d.length <= 255 && shopDomain.test(d) ? d : null;
}

export async function findShopByDomain(s: Services, domain: string): Promise<ShopRow | undefined> {
  return s.db().select().from(shops).where(eq(shops.domain, domain)).get();
}

export async function findShopById(s: Services, id: string): Promise<ShopRow | undefined> {
  return s.db(id).select().from(shops).where(eq(shops.id, id)).get();
}

/** Revokes every admin screen session of the shop (cookies carry the generation they began in). */
export async function bumpSessionGeneration(s: Services, domain: string): Promise<void> {
  await s
    .db()
    .update(shops)
    .set({ sessionGeneration: sql`${shops.sessionGeneration} + 1` })
    .where(eq(shops.domain, domain))
    .run();
}

/** The shop for a domain, created with the default policy when first seen (a verified webhook did). */
export async function ensureShop(
  s: Services,
  domain: string,
  platform: 'shopify' | 'stripe' = 'shopify',
): Promise<ShopRow> {
  const now = s.clock.now();
  await s
    .db()
    .insert(shops)
    .values({
      id: s.newId('shop'),
      domain,
      platform,
      name: domain.replace(/\.myshopify\.com$/, ''),
      policy: defaultPolicy() as unknown as Record<string, unknown>,
      installedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: shops.domain });
  const shop = await findShopByDomain(s, domain);
  if (!shop) throw new Error(`shop ${domain} vanished right after insert`);
  return shop;
}

/** The shop's policy document, parsed; a shop whose stored policy no longer parses gets defaults. */
export function shopPolicy(shop: Pick<ShopRow, 'policy'>): Policy {
  const parsed = policySchema.safeParse(shop.policy);
  return parsed.success ? parsed.data : defaultPolicy();
}
