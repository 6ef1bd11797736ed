/**
 * Prices an exchange: the variants wanted (per item, from the action or what the shopper chose),
 * checked in stock and priced through the Shopify adapter (the local one answers from the demo
 * catalog), then the pure `quote` gives the difference. Cheaper → the difference is refunded
 * (a refund row, paid once like any refund); dearer → what the shopper owes is recorded.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { getShopAccessToken } from '../integrations/shopify/shop-credentials';
import type { Policy } from '../cases/policy-schema';
import type { LoadedCase } from '../db/case-store';
import { orderLines } from '../db/schema';
import type { ShopRow } from '../db/shops';
import { AppError } from '../http/errors';
import type { Services } from '../services';
import { caseQuote } from './refund-plan';

export interface ExchangePlan {
  variantByItem: Map<string, string>;
  exchangeValueMinor: number;
  differenceMinor: number;
  refundMinor: number;
}

export async function planExchange(
  s: Services,
  shop: ShopRow,
  policy: Policy,
  loaded: LoadedCase,
  chosen: Array<{ itemId: string; variantId: string }>,
): Promise<ExchangePlan> {
  const variantByItem = new Map(
    loaded.items.filter((i) => i.exchangeVariantId).map((i) => [i.id, i.exchangeVariantId!]),
  );
  for (const c of chosen) {
    if (!loaded.items.some((i) => i.id === c.itemId))
      throw new AppError('unprocessable', `Item ${c.itemId} is not on this case.`, {
        why: { code: 'item_not_on_case', vars: { item: c.itemId } },
      });
    variantByItem.set(c.itemId, c.variantId);
  }
  if (variantByItem.size === 0)
    throw new AppError('unprocessable', 'Name the variant wanted for each item (items[].variantId).', {
      why: { code: 'exchange_variant_missing' },
    });
  const lineIds = loaded.items.map((i) => i.orderLineId).filter((x): x is string => !!x);
  const lines = lineIds.length
    ? await s
        .db(shop.id)
        .select()
        .from(orderLines)
        .where(and(eq(orderLines.shopId, shop.id), inArray(orderLines.id, lineIds)))
        .all()
    : [];
  const creds = {
    shop: shop.domain,
    accessToken: s.settings.INTEGRATIONS === 'local' ? 'local' : await getShopAccessToken(s, shop.id),
  };
  const catalogs = new Map<string, Awaited<ReturnType<Services['shopifyAdmin']['productVariants']>>>();
  let exchangeValueMinor = 0;
  for (const item of loaded.items) {
    const variantId = variantByItem.get(item.id);
    const line = lines.find((l) => l.id === item.orderLineId);
    if (!variantId) {
      exchangeValueMinor += item.unitPriceMinor * item.quantity; // kept as is: no difference
      continue;
    }
    if (!line?.productId)
      throw new AppError('unprocessable', `Item ${item.id} has no product to exchange within.`, {
        why: { code: 'exchange_no_product', vars: { item: line?.title ?? item.id } },
      });
    if (!catalogs.has(line.productId))
      catalogs.set(line.productId, await s.shopifyAdmin.productVariants(creds, line.productId));
    const variant = catalogs.get(line.productId)!.find((v) => v.variantId === variantId);
    if (!variant)
      throw new AppError('unprocessable', `Variant ${variantId} is not a variant of ${line.title}.`, {
        extra: { itemId: item.id },
        why: { code: 'exchange_variant_foreign', vars: { variant: variantId, product: line.title } },
      });
    if (!variant.available || (variant.inventory !== null && variant.inventory < item.quantity)) {
      throw new AppError('unprocessable', `Variant ${variant.title} of ${line.title} is out of stock.`, {
        extra: { itemId: item.id, variantId },
        why: { code: 'exchange_out_of_stock', vars: { variant: variant.title, product: line.title } },
      });
    }
    exchangeValueMinor += variant.priceMinor * item.quantity;
  }
  const q = caseQuote(policy, loaded, 'exchange', exchangeValueMinor);
  return { variantByItem, exchangeValueMinor, differenceMinor: q.exchangeDifferenceMinor, refundMinor: q.refundMinor };
}
