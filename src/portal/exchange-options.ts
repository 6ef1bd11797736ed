/**
 * What a line can be exchanged for: the other variants of the same product, with stock, from the
 * shop's Shopify adapter (`productVariants`, the same call the exchange action prices with). Under
 * `INTEGRATIONS=local` that adapter is `LocalShopifyAdmin`, which answers from the demo catalog.
 */
import { getShopAccessToken } from '../integrations/shopify/shop-credentials';
import type { ShopRow } from '../db/shops';
import type { Services } from '../services';

export interface VariantOption {
  variantId: string;
  title: string;
  priceMinor: number;
  /** Units in stock; `Infinity` when the shop does not track inventory for the variant. */
  available: number;
}

/** `shop` is the row the request already loaded: re-reading it per line cost a D1 query per line. */
export async function exchangeOptions(
  s: Services,
  shop: Pick<ShopRow, 'id' | 'domain'>,
  productId: string | null,
  currentVariantId: string | null,
): Promise<VariantOption[]> {
  if (!productId) return [];
  const accessToken = s.settings.INTEGRATIONS === 'local' ? 'local' : await getShopAccessToken(s, shop.id);
  const variants = await s.shopifyAdmin.productVariants({ shop: shop.domain, accessToken }, productId);
  return variants
    .filter((v) => v.variantId !== currentVariantId)
    .map((v) => ({
      variantId: v.variantId,
      title: v.title,
      priceMinor: v.priceMinor,
      available: !v.available ? 0 : (v.inventory ?? Number.POSITIVE_INFINITY),
    }));
}
