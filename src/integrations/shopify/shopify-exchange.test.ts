/**
 * The exchange and Return-lookup requests of the real Shopify adapter, answered and recorded by MSW: returnCreate
 * with `exchangeLineItems`, the order's Returns (what makes returnCreate safe to retry), and
 * returnProcess confirming the exchange lines under its `@idempotent` key, refunding a cheaper
 * swap's difference to the captured payment and sending no money for a dearer one. Every
 * document and variables object is validated against the 2026-04 schema excerpt.
 */
import { describe, expect, it } from 'vitest';
import { mockHttp } from '../../../test/helpers/msw';
import { assertValidRequest, creds, shopifyGraphql } from '../../../test/helpers/shopify-graphql';

const mock = mockHttp();

const noErrors = { userErrors: [] };
const tx = {
  id: 'gid://shopify/OrderTransaction/9',
  kind: 'SALE',
  status: 'SUCCESS',
  gateway: 'shopify_payments',
  amountSet: { presentmentMoney: { amount: '130.00', currencyCode: 'USD' } },
};
const opName = (q: string) => /(?:mutation|query) (\w+)/.exec(q)![1];
const returnWithExchange = {
  return: {
    id: 'gid://shopify/Return/5',
    status: 'OPEN',
    returnLineItems: { nodes: [{ id: 'gid://shopify/ReturnLineItem/8', quantity: 1 }] },
    exchangeLineItems: {
      nodes: [{ id: 'gid://shopify/ExchangeLineItem/3', quantity: 1, variantId: 'gid://shopify/ProductVariant/70021' }],
    },
  },
};

describe('Shopify exchanges (2026-04)', () => {
  it('returnCreate carries the exchange lines as ExchangeLineItemInput (variantId, quantity)', async () => {
    const { admin, requests } = shopifyGraphql(mock, {
      ReturnCreate: {
        returnCreate: {
          return: {
            id: 'gid://shopify/Return/5',
            status: 'OPEN',
            returnLineItems: { nodes: [] },
            reverseFulfillmentOrders: { nodes: [{ id: 'gid://shopify/ReverseFulfillmentOrder/1' }] },
          },
          ...noErrors,
        },
      },
    });
    const out = await admin.createReturn(creds, {
      orderId: 'gid://shopify/Order/1',
      requestedAt: Date.UTC(2026, 10, 1),
      lines: [{ fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/9', quantity: 1, note: 'too_small' }],
      exchangeLines: [{ variantId: 'gid://shopify/ProductVariant/70021', quantity: 1 }],
    });
    expect(out).toEqual({
      returnId: 'gid://shopify/Return/5',
      reverseFulfillmentOrderIds: ['gid://shopify/ReverseFulfillmentOrder/1'],
    });
    requests.forEach(assertValidRequest);
    expect(requests[0]!.variables).toEqual({
      returnInput: {
        orderId: 'gid://shopify/Order/1',
        requestedAt: '2026-11-01T00:00:00.000Z',
        returnLineItems: [
          { fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/9', quantity: 1, returnReasonNote: 'too_small' },
        ],
        exchangeLineItems: [{ variantId: 'gid://shopify/ProductVariant/70021', quantity: 1 }],
      },
    });
  });

  it("the order's Returns come back with status, fulfillment lines, exchange variants and reverse fulfillment orders", async () => {
    const { admin, requests } = shopifyGraphql(mock, {
      OrderReturns: {
        order: {
          id: 'gid://shopify/Order/1',
          returns: {
            pageInfo: { hasNextPage: false, endCursor: 'c1' },
            nodes: [
              {
                id: 'gid://shopify/Return/5',
                status: 'OPEN',
                returnLineItems: {
                  nodes: [
                    {
                      id: 'gid://shopify/ReturnLineItem/8',
                      quantity: 1,
                      processedQuantity: 0,
                      refundedQuantity: 0,
                      fulfillmentLineItem: { id: 'gid://shopify/FulfillmentLineItem/9' },
                    },
                  ],
                },
                exchangeLineItems: {
                  nodes: [
                    {
                      id: 'gid://shopify/ExchangeLineItem/3',
                      quantity: 1,
                      variantId: 'gid://shopify/ProductVariant/70021',
                    },
                  ],
                },
                reverseFulfillmentOrders: {
                  nodes: [{ id: 'gid://shopify/ReverseFulfillmentOrder/1', reverseDeliveries: { nodes: [] } }],
                },
              },
            ],
          },
        },
      },
    });
    expect(await admin.orderReturns(creds, 'gid://shopify/Order/1')).toEqual([
      {
        id: 'gid://shopify/Return/5',
        status: 'OPEN',
        lines: [{ fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/9', quantity: 1 }],
        exchangeLines: [{ variantId: 'gid://shopify/ProductVariant/70021', quantity: 1 }],
        reverseFulfillmentOrderIds: ['gid://shopify/ReverseFulfillmentOrder/1'],
        workedOn: false,
      },
    ]);
    requests.forEach(assertValidRequest);
    expect(requests[0]!.variables).toEqual({ id: 'gid://shopify/Order/1', after: null });
  });

  it("returnProcess confirms return and exchange lines and refunds a cheaper swap's difference, under the key", async () => {
    const { admin, requests } = shopifyGraphql(mock, {
      ReturnLineItems: returnWithExchange,
      OrderTransactions: { order: { id: 'gid://shopify/Order/1', transactions: [tx] } },
      ReturnProcess: { returnProcess: { return: { id: 'gid://shopify/Return/5', status: 'CLOSED' }, ...noErrors } },
    });
    const out = await admin.processExchange(creds, {
      orderId: 'gid://shopify/Order/1',
      returnId: 'gid://shopify/Return/5',
      idempotencyKey: 'case_X:exchange:1',
      exchangeLines: [{ variantId: 'gid://shopify/ProductVariant/70021', quantity: 1 }],
      refund: { amountMinor: 1000, currency: 'USD' },
      note: 'Aftercare case case_X',
    });
    expect(out).toEqual({ returnId: 'gid://shopify/Return/5' });
    requests.forEach(assertValidRequest);
    expect(requests.map((r) => opName(r.query))).toEqual(['ReturnLineItems', 'OrderTransactions', 'ReturnProcess']);
    expect(requests[2]!.query).toContain('returnProcess(input: $input) @idempotent(key: $idempotencyKey)');
    expect(requests[2]!.variables).toEqual({
      idempotencyKey: 'case_X:exchange:1',
      input: {
        returnId: 'gid://shopify/Return/5',
        returnLineItems: [{ id: 'gid://shopify/ReturnLineItem/8', quantity: 1 }],
        exchangeLineItems: [{ id: 'gid://shopify/ExchangeLineItem/3', quantity: 1 }],
        financialTransfer: {
          issueRefund: {
            orderTransactions: [{ parentId: tx.id, transactionAmount: { amount: '10.00', currencyCode: 'USD' } }],
          },
        },
        notifyCustomer: true,
        note: 'Aftercare case case_X',
      },
    });
  });

  it('a dearer or equal swap sends no financial transfer: the balance stays due on the order', async () => {
    const { admin, requests } = shopifyGraphql(mock, {
      ReturnLineItems: returnWithExchange,
      ReturnProcess: { returnProcess: { return: { id: 'gid://shopify/Return/5', status: 'CLOSED' }, ...noErrors } },
    });
    await admin.processExchange(creds, {
      orderId: 'gid://shopify/Order/1',
      returnId: 'gid://shopify/Return/5',
      idempotencyKey: 'case_Y:exchange:2',
      exchangeLines: [{ variantId: 'gid://shopify/ProductVariant/70021', quantity: 1 }],
      refund: null,
    });
    requests.forEach(assertValidRequest);
    expect(requests.map((r) => opName(r.query))).toEqual(['ReturnLineItems', 'ReturnProcess']);
    expect(requests[1]!.variables).toEqual({
      idempotencyKey: 'case_Y:exchange:2',
      input: {
        returnId: 'gid://shopify/Return/5',
        returnLineItems: [{ id: 'gid://shopify/ReturnLineItem/8', quantity: 1 }],
        exchangeLineItems: [{ id: 'gid://shopify/ExchangeLineItem/3', quantity: 1 }],
        notifyCustomer: true,
      },
    });
  });

  it('a Return without the wanted exchange line is refused before any returnProcess (not retryable)', async () => {
    const { admin, requests } = shopifyGraphql(mock, {
      ReturnLineItems: { return: { ...returnWithExchange.return, exchangeLineItems: { nodes: [] } } },
    });
    const err = await admin
      .processExchange(creds, {
        orderId: 'gid://shopify/Order/1',
        returnId: 'gid://shopify/Return/5',
        idempotencyKey: 'k',
        exchangeLines: [{ variantId: 'gid://shopify/ProductVariant/70021', quantity: 1 }],
        refund: null,
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ShopifyAdminError', retryable: false });
    expect(requests.map((r) => opName(r.query))).toEqual(['ReturnLineItems']);
  });
});
