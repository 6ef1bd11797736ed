/**
 * What a line can be exchanged for: the other variants of the same product, with stock. Under
 * `INTEGRATIONS=local` (npm run dev, tests) the demo catalog answers; live shops ask the Shopify
 * adapter when it exposes `productVariants` (Cases area), else no exchange options are offered.
 */
import { demoCatalog } from '../db/demo-data';
import type { Services } from '../services';

export interface VariantOption {
  variantId: string;
  title: string;
  priceMinor: number;
  available: number;
}

type VariantSource = { productVariants(shopId: string, productId: string): Promise<VariantOption[]> };

export async function exchangeOptions(s: Services, shopId: string, productId: string | null, currentVariantId: string | null): Promise<VariantOption[]> {
  if (!productId) return [];
  const source = (s as unknown as { shopify?: Partial<VariantSource> }).shopify;
  let all: VariantOption[];
  if (source?.productVariants) all = await source.productVariants(shopId, productId);
  else if (s.settings.INTEGRATIONS === 'local') {
    const product = demoCatalog.find((p) => p.productId === productId);
    all = (product?.variants ?? []).map((v) => ({ variantId: v.variantId, title: v.title, priceMinor: v.priceMinor, available: v.inventory }));
  } else all = [];
  return all.filter((v) => v.variantId !== currentVariantId);
}
