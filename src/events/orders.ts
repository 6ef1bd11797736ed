import type { ShopifyApplier, ShopifyApplyContext } from './apply';
import { upsertOrderStatements } from './order-upsert';
import { shopifyOrder } from './shopify-payloads';

const orderStatements = ({ s, shop, body }: ShopifyApplyContext) =>
  upsertOrderStatements(s, shop.id, shopifyOrder.parse(body));

/**
 * `orders/create`, `orders/updated`, `orders/cancelled`: customer, order and lines in one batch.
 * Statements only, so the consumer folds a queue batch's orders into one D1 batch per shop.
 */
export const applyOrder: ShopifyApplier = Object.assign(
  async (ctx: ShopifyApplyContext) => {
    await ctx.s.d1(ctx.shop.id).batch(orderStatements(ctx));
  },
  { statements: orderStatements },
);
