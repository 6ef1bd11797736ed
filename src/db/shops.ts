import { eq, sql } from 'drizzle-orm';
import { defaultPolicy, policySchema, type Policy } from '../cases/policy-schema';
import type { Services } from '../services';
import { preparedOnce, runPrepared } from './client';
import { shops } from './schema';

export type ShopRow = typeof shops.$inferSelect;

const shopDomain = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/** Shopify shop domains only (`name.myshopify.com`), lower-cased; anything else is not a shop. */
export function normalizeShopDomain(domain: string | null | undefined): string | null {
  const d = domain?.trim().toLowerCase();
  return d && d.length <= 255 && shopDomain.test(d) ? d : null;
}

export async function findShopByDomain(s: Services, domain: string): Promise<ShopRow | undefined> {
  const query = preparedOnce(s.db(), 'shopByDomain', (db) =>
    db
      .select()
      .from(shops)
      .where(eq(shops.domain, sql.placeholder('domain')))
      .prepare(),
  );
  const [shop] = await runPrepared(s.d1(), query, { domain });
  return shop;
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

/**
 * The shop for a domain, created with the default policy when first seen (a verified webhook did);
 * `created` says this call made it (the caller then gives it its starter content).
 */
export async function ensureShop(
  s: Services,
  domain: string,
  platform: 'shopify' | 'stripe' = 'shopify',
): Promise<ShopRow & { created: boolean }> {
  const now = s.clock.now();
  const inserted = await s
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
    .onConflictDoNothing({ target: shops.domain })
    .returning({ id: shops.id });
  const shop = await findShopByDomain(s, domain);
  if (!shop) throw new Error(`shop ${domain} vanished right after insert`);
  return { ...shop, created: inserted.length > 0 };
}

/**
 * The shop's policy document, parsed; a shop whose stored policy no longer parses gets defaults.
 * Parsed once per isolate per distinct document (its JSON text is the key: a changed policy is a
 * new entry): the zod parse was ~10% of the shopper page's JavaScript. The parsed policy is
 * deep-frozen, since every caller of the same document shares it.
 */
export function shopPolicy(shop: Pick<ShopRow, 'policy'>): Policy {
  const key = JSON.stringify(shop.policy);
  let policy = parsedPolicies.get(key);
  if (!policy) {
    const parsed = policySchema.safeParse(shop.policy);
    policy = deepFreeze(parsed.success ? parsed.data : defaultPolicy());
    parsedPolicies.set(key, policy);
    while (parsedPolicies.size > MAX_PARSED_POLICIES) parsedPolicies.delete(parsedPolicies.keys().next().value!);
  }
  return policy;
}

const MAX_PARSED_POLICIES = 256;
const parsedPolicies = new Map<string, Policy>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
