/**
 * The real adapter's exchange follow-ups through MSW, each document and variables object validated
 * against the 2026-04 schema excerpt: the order's Returns read page by page with the connection's
 * cursor (and refused past the bound rather than half-read), whether a Return was worked on, the
 * order's outstanding balance, Shopify's invoice for it, and cancelling a Return.
 */
import { describe, expect, it } from 'vitest';
import { mockHttp } from '../../../test/helpers/msw';
import { assertValidRequest, creds, operationName, shopifyGraphql } from '../../../test/helpers/shopify-graphql';
import { adminGraphqlUrl } from './admin-client';
import { createShopifyAdmin } from './shopify-admin';
import { ORDER_RETURNS_MAX_PAGES } from './shopify-exchange-admin';

const mock = mockHttp();
const noErrors = { userErrors: [] };

const returnNode = (n: number, worked: { processed?: number; refunded?: number; delivery?: boolean } = {}) => ({
  id: `gid://shopify/Return/${n}`,
  status: 'OPEN',
  returnLineItems: {
    nodes: [
      {
        id: `gid://shopify/ReturnLineItem/${n}`,
        quantity: 1,
        processedQuantity: worked.processed ?? 0,
        refundedQuantity: worked.refunded ?? 0,
        fulfillmentLineItem: { id: `gid://shopify/FulfillmentLineItem/${n}` },
      },
    ],
  },
  exchangeLineItems: { nodes: [] },
  reverseFulfillmentOrders: {
    nodes: [
      {
        id: `gid://shopify/ReverseFulfillmentOrder/${n}`,
        reverseDeliveries: { nodes: worked.delivery ? [{ id: 'gid://shopify/ReverseDelivery/1' }] : [] },
      },
    ],
  },
});

describe("the order's Returns, every page", () => {
  it('follows pageInfo.endCursor until hasNextPage is false, with the exact variables', async () => {
    const pages = [[returnNode(1), returnNode(2)], [returnNode(3)]];
    const answers = pages.map((nodes, k) => ({
      order: {
        id: 'gid://shopify/Order/1',
        returns: { pageInfo: { hasNextPage: k < pages.length - 1, endCursor: `c${k + 1}` }, nodes },
      },
    }));
    let k = 0;
    const { admin, requests } = shopifyGraphql(mock, {
      get OrderReturns() {
        return answers[k++];
      },
    });
    const all = await admin.orderReturns(creds, 'gid://shopify/Order/1');
    expect(all.map((r) => r.id)).toEqual([
      'gid://shopify/Return/1',
      'gid://shopify/Return/2',
      'gid://shopify/Return/3',
    ]);
    requests.forEach(assertValidRequest);
    expect(requests.map((r) => r.variables)).toEqual([
      { id: 'gid://shopify/Order/1', after: null },
      { id: 'gid://shopify/Order/1', after: 'c1' },
    ]);
    expect(requests[0]!.query).toContain('returns(first: 10, after: $after)');
    expect(requests[0]!.query).toContain('pageInfo { hasNextPage endCursor }');
  });

  it('an order with more Returns than the bound is refused (not retryable), not half-read', async () => {
    let k = 0;
    const { admin, requests } = shopifyGraphql(mock, {
      get OrderReturns() {
        k++;
        return {
          order: {
            id: 'gid://shopify/Order/1',
            returns: { pageInfo: { hasNextPage: true, endCursor: `c${k}` }, nodes: [returnNode(k)] },
          },
        };
      },
    });
    const err = await admin.orderReturns(creds, 'gid://shopify/Order/1').catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ShopifyAdminError', retryable: false });
    expect(requests).toHaveLength(ORDER_RETURNS_MAX_PAGES);
    expect(requests.at(-1)!.variables).toEqual({
      id: 'gid://shopify/Order/1',
      after: `c${ORDER_RETURNS_MAX_PAGES - 1}`,
    });
  });

  it('a Return counts as worked on once a unit is processed or refunded, or it has a reverse delivery', async () => {
    const nodes = [
      returnNode(1),
      returnNode(2, { processed: 1 }),
      returnNode(3, { refunded: 1 }),
      returnNode(4, { delivery: true }),
    ];
    const { admin } = shopifyGraphql(mock, {
      OrderReturns: {
        order: { id: 'gid://shopify/Order/1', returns: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } },
      },
    });
    expect((await admin.orderReturns(creds, 'gid://shopify/Order/1')).map((r) => r.workedOn)).toEqual([
      false,
      true,
      true,
      true,
    ]);
  });
});

describe("a dearer swap's balance", () => {
  it("reads the order's totalOutstandingSet in minor units of its presentment currency", async () => {
    const { admin, requests } = shopifyGraphql(mock, {
      OrderOutstanding: {
        order: {
          id: 'gid://shopify/Order/1',
          totalOutstandingSet: { presentmentMoney: { amount: '10.50', currencyCode: 'EUR' } },
        },
      },
    });
    expect(await admin.orderOutstanding(creds, 'gid://shopify/Order/1', { amount: 999, currency: 'USD' })).toEqual({
      amount: 1050,
      currency: 'EUR',
    });
    requests.forEach(assertValidRequest);
    expect(requests[0]!.variables).toEqual({ id: 'gid://shopify/Order/1' });
  });

  it("orderInvoiceSend names the order only (Shopify's own template to the order's email); a userError is a final refusal", async () => {
    const { admin, requests } = shopifyGraphql(mock, {
      OrderInvoiceSend: { orderInvoiceSend: { order: { id: 'gid://shopify/Order/1' }, ...noErrors } },
    });
    await admin.sendOrderInvoice(creds, 'gid://shopify/Order/1');
    requests.forEach(assertValidRequest);
    expect(operationName(requests[0]!.query)).toBe('OrderInvoiceSend');
    expect(requests[0]!.query).toContain('orderInvoiceSend(id: $id)');
    expect(requests[0]!.variables).toEqual({ id: 'gid://shopify/Order/1' });

    const refused = shopifyGraphql(mock, {
      OrderInvoiceSend: {
        orderInvoiceSend: { order: null, userErrors: [{ field: ['id'], message: 'Order has no outstanding balance' }] },
      },
    });
    expect(await refused.admin.sendOrderInvoice(creds, 'gid://shopify/Order/1').catch((e: unknown) => e)).toMatchObject(
      { retryable: false, notExecuted: false },
    );
  });

  it('a THROTTLED answer is marked as certainly not run (safe to send again)', async () => {
    mock.on('post', adminGraphqlUrl(creds.shop), () =>
      Response.json({ errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }] }),
    );
    expect(
      await createShopifyAdmin()
        .sendOrderInvoice(creds, 'gid://shopify/Order/1')
        .catch((e: unknown) => e),
    ).toMatchObject({ retryable: true, notExecuted: true });
  });
});

describe('returnCancel', () => {
  it('sends the Return id and answers its new status', async () => {
    const { admin, requests } = shopifyGraphql(mock, {
      ReturnCancel: { returnCancel: { return: { id: 'gid://shopify/Return/5', status: 'CANCELED' }, ...noErrors } },
    });
    expect(await admin.cancelReturn(creds, 'gid://shopify/Return/5')).toEqual({ status: 'CANCELED' });
    requests.forEach(assertValidRequest);
    expect(requests[0]!.variables).toEqual({ id: 'gid://shopify/Return/5' });
  });
});
