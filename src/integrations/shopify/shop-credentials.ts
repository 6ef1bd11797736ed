import { and, eq, isNull } from 'drizzle-orm';
import { shops } from '../../db/schema';
import { findShopById } from '../../db/shops';
import type { Services } from '../../services';
import { createShopifyTokens, LocalShopifyTokens, type ShopifyTokens, type TokenGrant } from './shopify-tokens';
import { decryptSecret, encryptSecret } from './token-vault';

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
  const secret = s.settings.APP_SECRET;
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
  const secret = s.settings.APP_SECRET;
  const access = await decryptSecret(secret, shopId, shop.accessTokenEnc);
  if (!access) throw new Error(`shop ${shop.domain}: stored token does not decrypt (APP_SECRET changed?)`);
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
