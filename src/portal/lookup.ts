/** Order lookup, shared by the page and the JSON API: rate limit, find, issue the shopper token. */
import type { ShopRow } from '../db/shops';
import { AppError } from '../http/errors';
import type { Services } from '../services';
import { limitLookups } from './rate-limit';
import { findShopperOrder, type ShopperOrder } from './shopper-order';
import { newSessionId, signShopperToken, SHOPPER_TOKEN_TTL_MS, type ShopperClaims } from './token';

export interface LookupResult {
  token: string;
  claims: ShopperClaims;
  so: ShopperOrder;
}

/** One answer for a wrong order number and for a wrong email: the caller cannot tell which. */
export const LOOKUP_NOT_FOUND = 'No order matches that order number and email address.';

export async function lookupOrder(
  s: Services,
  shop: ShopRow,
  client: string,
  order: string,
  email: string,
): Promise<LookupResult> {
  await limitLookups(s.env, { shopId: shop.id, client, order, email });
  const so = await findShopperOrder(s, shop, order, email);
  if (!so) throw new AppError('not_found', LOOKUP_NOT_FOUND);
  const claims: ShopperClaims = {
    shopId: shop.id,
    orderId: so.order.id,
    customerId: so.order.customerId,
    expiresAt: s.clock.now() + SHOPPER_TOKEN_TTL_MS,
    sessionId: newSessionId(),
  };
  return { token: await signShopperToken(s.settings.APP_SECRET, claims), claims, so };
}
