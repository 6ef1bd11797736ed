import { customersWithTwins, mergeCustomersByPlatformId } from '../conversations/merge-customers';
import type { ShopifyApplier, ShopifyApplyContext } from './apply';
import { upsertOrderStatements } from './order-upsert';
import { gid, shopifyOrder } from './shopify-payloads';

const orderStatements = ({ s, shop, body }: ShopifyApplyContext) =>
  upsertOrderStatements(s, shop.id, shopifyOrder.parse(body));

const customerOf = (body: unknown) => {
  const customer = shopifyOrder.parse(body).customer;
  return customer ? (customer.admin_graphql_api_id ?? gid('Customer', customer.id)) : null;
};

/**
 * The orders' customers absorb any record we made for the same person from their email: one read
 * finds which of them have such a twin (almost never), and only those are merged.
 */
async function mergeOrderCustomers(ctxs: ShopifyApplyContext[]): Promise<void> {
  const { s, shop } = ctxs[0]!;
  const platformIds = [...new Set(ctxs.map((c) => customerOf(c.body)).filter((id): id is string => !!id))];
  for (const platformId of await customersWithTwins(s, shop.id, platformIds))
    await mergeCustomersByPlatformId(s, shop.id, platformId);
}

/**
 * `orders/create`, `orders/updated`, `orders/cancelled`: customer, order and lines in one batch,
 * then the customer merge. The statements alone let the consumer fold a queue batch's orders into
 * one D1 batch per shop; it runs the merge after that commit.
 */
export const applyOrder: ShopifyApplier = Object.assign(
  async (ctx: ShopifyApplyContext) => {
    await ctx.s.d1(ctx.shop.id).batch(orderStatements(ctx));
    await mergeOrderCustomers([ctx]);
  },
  { statements: orderStatements, afterCommit: mergeOrderCustomers },
);
