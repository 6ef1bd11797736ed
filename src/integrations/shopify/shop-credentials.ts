import { and, eq, isNull } from 'drizzle-orm';
import { shops } from '../../db/schema';
import { findShopById } from '../../db/shops';
import { asStatement, shopEventStatement } from '../../db/shop-event-rows';
import type { Services } from '../../services';
import { createShopifyTokens, LocalShopifyTokens, type ShopifyTokens, type TokenGrant } from './shopify-tokens';
import { decryptSecret, encryptSecret, sealedKeyId, vaultKeys } from './token-vault';

/** Refresh this long before expiry, so a job that starts now does not hold a dying token. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** The token client for these services: real Shopify unless `INTEGRATIONS=local`. */
export function shopifyTokensFor(s: Services): ShopifyTokens {
  if (s.settings.INTEGRATIONS === 'local') return new LocalShopifyTokens(() => s.clock.now());
  return createShopifyTokens({
    apiKey: s.settings.SHOPIFY_API_KEY,
    apiSecret: s.settings.SHOPIFY_API_SECRET,
    now: () => s.clock.now(),
  });
}

/** Stores a grant encrypted on the shop row (the `previousEnc` guard keeps a racing refresh from clobbering a newer one). */
export async function storeShopTokens(
  s: Services,
  shopId: string,
  grant: TokenGrant,
  previousEnc?: string | null,
): Promise<boolean> {
  const secret = s.settings;
  const values = {
    accessTokenEnc: await encryptSecret(secret, shopId, grant.accessToken),
    refreshTokenEnc: grant.refreshToken ? await encryptSecret(secret, shopId, grant.refreshToken) : null,
    accessTokenExpiresAt: grant.expiresAt ?? null,
    scopes: grant.scope,
    status: 'active' as const,
    updatedAt: s.clock.now(),
  };
  const guard =
    previousEnc === undefined
      ? eq(shops.id, shopId)
      : and(
          eq(shops.id, shopId),
          previousEnc === null ? isNull(shops.accessTokenEnc) : eq(shops.accessTokenEnc, previousEnc),
        );
  const res = await s.db(shopId).update(shops).set(values).where(guard).run();
  return (res.meta.changes ?? 0) > 0;
}

/**
 * The shop's offline Admin API token for background work, refreshed first when it expires within
 * `REFRESH_MARGIN_MS`. Local mode without a stored token answers a dev token.
 */
export async function getShopAccessToken(
  s: Services,
  shopId: string,
  tokens: ShopifyTokens = shopifyTokensFor(s),
): Promise<string> {
  const shop = await findShopById(s, shopId);
  if (!shop) throw new Error(`no shop ${shopId}`);
  if (!shop.accessTokenEnc) {
    if (s.settings.INTEGRATIONS === 'local') return `shpat_local_dev_${shop.domain}`;
    throw new Error(`shop ${shop.domain} has no access token: reinstall the app`);
  }
  const secret = s.settings;
  const access = await decryptSecret(secret, shopId, shop.accessTokenEnc);
  if (!access)
    throw new Error(
      `shop ${shop.domain}: stored token does not decrypt (its key left TOKEN_ENCRYPTION_KEYS, or APP_SECRET changed?)`,
    );
  const expiresAt = shop.accessTokenExpiresAt;
  if (expiresAt === null || expiresAt - REFRESH_MARGIN_MS > s.clock.now()) return access;
  const refreshToken = shop.refreshTokenEnc ? await decryptSecret(secret, shopId, shop.refreshTokenEnc) : null;
  if (!refreshToken) throw new Error(`shop ${shop.domain}: token expired and no refresh token is stored`);
  const grant = await tokens.refresh(shop.domain, refreshToken);
  const stored = await storeShopTokens(s, shopId, grant, shop.accessTokenEnc);
  if (!stored) {
    // Another job refreshed first; its token is the current one.
    const again = await findShopById(s, shopId);
    const current = again?.accessTokenEnc ? await decryptSecret(secret, shopId, again.accessTokenEnc) : null;
    if (current) return current;
  }
  return grant.accessToken;
}

export type ReencryptOutcome = 'reencrypted' | 'current' | 'undecryptable' | 'raced';

/**
 * Re-seals a shop's stored tokens under the keyring's current key (the rotate command). Each row is
 * written only if it still holds what was read, so a refresh racing the rotation wins and the row is
 * simply looked at again on the next run. A token no key opens is left as it is and reported.
 */
export async function reencryptShopTokens(s: Services, shopId: string): Promise<ReencryptOutcome> {
  const shop = await findShopById(s, shopId);
  if (!shop) return 'current';
  const current = vaultKeys(s.settings).currentId;
  const stale = (v: string | null) => v !== null && sealedKeyId(v) !== current;
  if (!stale(shop.accessTokenEnc) && !stale(shop.refreshTokenEnc)) return 'current';
  const reseal = async (v: string | null) => {
    if (v === null || !stale(v)) return v;
    const plain = await decryptSecret(s.settings, shopId, v);
    return plain === null ? undefined : encryptSecret(s.settings, shopId, plain);
  };
  const access = await reseal(shop.accessTokenEnc);
  const refresh = await reseal(shop.refreshTokenEnc);
  if (access === undefined || refresh === undefined) return 'undecryptable';
  const same = (col: typeof shops.accessTokenEnc | typeof shops.refreshTokenEnc, v: string | null) =>
    v === null ? isNull(col) : eq(col, v);
  const d1 = s.d1(shopId);
  const update = s
    .db(shopId)
    .update(shops)
    .set({ accessTokenEnc: access, refreshTokenEnc: refresh })
    .where(
      and(
        eq(shops.id, shopId),
        same(shops.accessTokenEnc, shop.accessTokenEnc),
        same(shops.refreshTokenEnc, shop.refreshTokenEnc),
      ),
    );
  // Key ids only: which key sealed the tokens before and after, never the tokens. The rotate command
  // is the operator's (OPERATOR_ACTOR; integrations may not import team).
  const keys = [shop.accessTokenEnc, shop.refreshTokenEnc].flatMap((v) => (v === null ? [] : [sealedKeyId(v)]));
  const data = { changes: { key: { from: [...new Set(keys)].join(', '), to: current } } };
  const event = { shopId, type: 'TokensReencrypted' as const, actor: 'operator', data };
  const [res] = await d1.batch([asStatement(d1, update), shopEventStatement(s, d1, event, { afterChange: true })]);
  return (res?.meta.changes ?? 0) > 0 ? 'reencrypted' : 'raced';
}
