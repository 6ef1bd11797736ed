/**
 * The real Shopify adapter on its production path (global `fetch`), answered by MSW: each request's
 * URL (pinned 2026-04 endpoint), method, headers and body are captured. Validation: every document and every recorded
 * `variables` object is checked with graphql-js against ADMIN_2026_04_EXCERPT, our field-by-field
 * transcription of the 2026-04 reference pages (the full introspection schema is not available
 * offline), so a misspelt field, a missing required input or a wrong type fails here.
 */
import { describe, expect, it } from 'vitest';
import { adminGraphqlUrl, ShopifyAdminError } from './admin-client';
import * as docs from './documents';
import { json, mockHttp } from '../../../test/helpers/msw';
import { assertValidRequest, creds, schema, shopifyGraphql } from '../../../test/helpers/shopify-graphql';
import { createShopifyAdmin } from './shopify-admin';
import { parse, validate } from 'graphql';

const mock = mockHttp();

const tx = {
  id: 'gid://shopify/OrderTransaction/9',
  kind: 'SALE',
  status: 'SUCCESS',
  gateway: 'shopify_payments',
  amountSet: { presentmentMoney: { amount: '40.00', currencyCode: 'USD' } },
};
const noErrors = { userErrors: [] };

describe('Shopify Admin GraphQL documents (2026-04)', () => {
  it.each(Object.entries(docs))('%s validates against the documented schema', (_name, text) => {
    expect(validate(schema, parse(text))).toEqual([]);
  });

  it('refund mutations carry @idempotent(key:) as 2026-04 requires; returnRefund is not used', () => {
    expect(docs.REFUND_CREATE).toContain('refundCreate(input: $input) @idempotent(key: $idempotencyKey)');
    expect(docs.RETURN_PROCESS).toContain('returnProcess(input: $input) @idempotent(key: $idempotencyKey)');
    expect(Object.values(docs).join('\n')).not.toMatch(/returnRefund\s*\(/);
  });
});

describe('recorded requests', () => {
  it('refundCreate: parents the refund to the captured sale, decimal amount, the case key', async () => {
    const { admin, requests } = shopifyGraphql(mock, {
      OrderTransactions: { order: { id: 'gid://shopify/Order/1', transactions: [tx] } },
      RefundCreate: { refundCreate: { refund: { id: 'gid://shopify/Refund/77' }, ...noErrors } },
    });
    const out = await admin.refund(creds, {
      orderId: 'gid://shopify/Order/1',
      amountMinor: 2050,
      currency: 'USD',
      idempotencyKey: 'case_X:refund:1',
      note: 'case',
    });
    expect(out.providerRef).toBe('gid://shopify/Refund/77');
    requests.forEach(assertValidRequest);
    expect(requests[1]!.variables).toEqual({
      idempotencyKey: 'case_X:refund:1',
      input: {
        orderId: 'gid://shopify/Order/1',
        notify: true,
        note: 'case',
        transactions: [
          {
            orderId: 'gid://shopify/Order/1',
            parentId: tx.id,
            gateway: 'shopify_payments',
            kind: 'REFUND',
            amount: '20.50',
          },
        ],
      },
    });
  });

  it('returnProcess: refunds through the Return with its line items and the same key', async () => {
    const { admin, requests } = shopifyGraphql(mock, {
      OrderTransactions: { order: { id: 'gid://shopify/Order/1', transactions: [tx] } },
      ReturnLineItems: {
        return: {
          id: 'gid://shopify/Return/5',
          status: 'OPEN',
          returnLineItems: { nodes: [{ id: 'gid://shopify/ReturnLineItem/8', quantity: 1 }] },
          exchangeLineItems: { nodes: [] },
        },
      },
      ReturnProcess: { returnProcess: { return: { id: 'gid://shopify/Return/5', status: 'CLOSED' }, ...noErrors } },
    });
    await admin.refund(creds, {
      orderId: 'gid://shopify/Order/1',
      returnId: 'gid://shopify/Return/5',
      amountMinor: 4000,
      currency: 'USD',
      idempotencyKey: 'case_X:refund:2',
    });
    requests.forEach(assertValidRequest);
    expect(requests.map((r) => /(?:mutation|query) (\w+)/.exec(r.query)![1])).toEqual([
      'OrderTransactions',
      'ReturnLineItems',
      'ReturnProcess',
    ]);
    expect(requests[2]!.variables).toMatchObject({
      idempotencyKey: 'case_X:refund:2',
      input: {
        returnId: 'gid://shopify/Return/5',
        returnLineItems: [{ id: 'gid://shopify/ReturnLineItem/8', quantity: 1 }],
        financialTransfer: {
          issueRefund: {
            orderTransactions: [{ parentId: tx.id, transactionAmount: { amount: '40.00', currencyCode: 'USD' } }],
          },
        },
      },
    });
  });

  it("productVariants (the case page's exchange choices) sends exactly one ProductVariants query for the product", async () => {
    const variant = (id: number, title: string, inventoryQuantity: number | null, availableForSale = true) => ({
      id: `gid://shopify/ProductVariant/${id}`,
      title,
      sku: null,
      price: '19.50',
      availableForSale,
      inventoryQuantity,
    });
    const { admin, requests } = shopifyGraphql(mock, {
      ProductVariants: {
        shop: { currencyCode: 'USD' },
        product: {
          id: 'gid://shopify/Product/8',
          title: 'Tee',
          variants: { nodes: [variant(81, 'S / Red', 0, false), variant(82, 'M / Red', null)] },
        },
      },
    });
    expect(await admin.productVariants(creds, 'gid://shopify/Product/8')).toEqual([
      {
        variantId: 'gid://shopify/ProductVariant/81',
        title: 'S / Red',
        sku: null,
        priceMinor: 1950,
        available: false,
        inventory: 0,
      },
      {
        variantId: 'gid://shopify/ProductVariant/82',
        title: 'M / Red',
        sku: null,
        priceMinor: 1950,
        available: true,
        inventory: null,
      },
    ]);
    expect(requests).toHaveLength(1);
    assertValidRequest(requests[0]!);
    expect(requests[0]!.variables).toEqual({ id: 'gid://shopify/Product/8' });
    expect(requests[0]!.query.replace(/\s+/g, ' ')).toBe(
      'query ProductVariants($id: ID!) { shop { currencyCode } product(id: $id) { id title variants(first: 100) { nodes { id title sku price availableForSale inventoryQuantity } } } }',
    );
  });

  it.each([
    ['JPY', '1950', 1950],
    ['JPY', '1950.0', 1950],
    ['KWD', '12.345', 12345],
    ['BHD', '7.5', 7500],
    ['EUR', '19.5', 1950],
  ])(
    "productVariants reads a price in the shop's currency, %s %s, with its decimal places",
    async (currencyCode, price, minor) => {
      const { admin, requests } = shopifyGraphql(mock, {
        ProductVariants: {
          shop: { currencyCode },
          product: {
            id: 'gid://shopify/Product/9',
            title: 'Kimono',
            variants: {
              nodes: [
                {
                  id: 'gid://shopify/ProductVariant/91',
                  title: 'M',
                  sku: 'K-M',
                  price,
                  availableForSale: true,
                  inventoryQuantity: 3,
                },
              ],
            },
          },
        },
      });
      expect(await admin.productVariants(creds, 'gid://shopify/Product/9')).toEqual([
        {
          variantId: 'gid://shopify/ProductVariant/91',
          title: 'M',
          sku: 'K-M',
          priceMinor: minor,
          available: true,
          inventory: 3,
        },
      ]);
      expect(requests).toHaveLength(1);
      assertValidRequest(requests[0]!);
      expect(requests[0]!.query).toBe(docs.PRODUCT_VARIANTS);
      expect(requests[0]!.variables).toEqual({ id: 'gid://shopify/Product/9' });
    },
  );

  it('returnCreate, approve, decline, reverse delivery with label, gift card and variants all send valid requests', async () => {
    const { admin, requests } = shopifyGraphql(mock, {
      ReturnCreate: {
        returnCreate: {
          return: { id: 'gid://shopify/Return/5', status: 'OPEN', returnLineItems: { nodes: [] } },
          ...noErrors,
        },
      },
      ReturnApproveRequest: {
        returnApproveRequest: {
          return: {
            id: 'gid://shopify/Return/5',
            status: 'OPEN',
            reverseFulfillmentOrders: { nodes: [{ id: 'gid://shopify/ReverseFulfillmentOrder/3' }] },
          },
          ...noErrors,
        },
      },
      ReturnDeclineRequest: {
        returnDeclineRequest: { return: { id: 'gid://shopify/Return/6', status: 'DECLINED' }, ...noErrors },
      },
      ReverseDeliveryCreateWithShipping: {
        reverseDeliveryCreateWithShipping: { reverseDelivery: { id: 'gid://shopify/ReverseDelivery/4' }, ...noErrors },
      },
      GiftCardCreate: {
        giftCardCreate: { giftCard: { id: 'gid://shopify/GiftCard/2' }, giftCardCode: 'abcd1234efgh', ...noErrors },
      },
      ProductVariants: {
        shop: { currencyCode: 'USD' },
        product: {
          id: 'gid://shopify/Product/7',
          title: 'Tee',
          variants: {
            nodes: [
              {
                id: 'gid://shopify/ProductVariant/71',
                title: 'M',
                sku: 'T-M',
                price: '25.00',
                availableForSale: true,
                inventoryQuantity: 4,
              },
            ],
          },
        },
      },
    });
    expect(
      await admin.createReturn(creds, {
        orderId: 'gid://shopify/Order/1',
        lines: [{ fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/9', quantity: 1, note: 'too small' }],
        requestedAt: Date.UTC(2026, 10, 1),
      }),
    ).toEqual({ returnId: 'gid://shopify/Return/5', reverseFulfillmentOrderIds: [] });
    expect(await admin.approveReturn(creds, 'gid://shopify/Return/5')).toEqual({
      reverseFulfillmentOrderIds: ['gid://shopify/ReverseFulfillmentOrder/3'],
    });
    await admin.declineReturn(creds, 'gid://shopify/Return/6', 'outside the window');
    await admin.createReverseDelivery(creds, {
      reverseFulfillmentOrderId: 'gid://shopify/ReverseFulfillmentOrder/3',
      trackingNumber: '1Z999',
      trackingUrl: 'https://ups.example/1Z999',
      labelUrl: 'https://labels.example/1.pdf',
    });
    expect(
      await admin.createGiftCard(creds, {
        amountMinor: 2750,
        currency: 'USD',
        customerId: 'gid://shopify/Customer/5',
        note: 'case_X:store_credit:1',
      }),
    ).toEqual({ giftCardId: 'gid://shopify/GiftCard/2', code: 'abcd1234efgh' });
    expect(await admin.productVariants(creds, 'gid://shopify/Product/7')).toEqual([
      {
        variantId: 'gid://shopify/ProductVariant/71',
        title: 'M',
        sku: 'T-M',
        priceMinor: 2500,
        available: true,
        inventory: 4,
      },
    ]);
    requests.forEach(assertValidRequest);
    expect(requests[0]!.variables).toEqual({
      returnInput: {
        orderId: 'gid://shopify/Order/1',
        requestedAt: '2026-11-01T00:00:00.000Z',
        returnLineItems: [
          { fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/9', quantity: 1, returnReasonNote: 'too small' },
        ],
      },
    });
    expect(requests[3]!.variables).toMatchObject({
      labelInput: { fileUrl: 'https://labels.example/1.pdf' },
      trackingInput: { number: '1Z999' },
    });
    expect(requests[4]!.variables).toEqual({
      input: { initialValue: '27.50', note: 'case_X:store_credit:1', customerId: 'gid://shopify/Customer/5' },
    });
  });

  it('userErrors become a non-retryable error; throttling and 5xx are retryable', async () => {
    const { admin } = shopifyGraphql(mock, {
      ReturnApproveRequest: {
        returnApproveRequest: {
          return: null,
          userErrors: [{ field: ['input', 'id'], message: 'Return is not requested' }],
        },
      },
    });
    await expect(admin.approveReturn(creds, 'gid://shopify/Return/5')).rejects.toMatchObject({
      name: 'ShopifyAdminError',
      retryable: false,
    });
    const endpoint = adminGraphqlUrl(creds.shop);
    mock.on('post', endpoint, () => json({ errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }] }));
    await expect(createShopifyAdmin().approveReturn(creds, 'x')).rejects.toMatchObject({ retryable: true });
    mock.on('post', endpoint, () => new Response('bad gateway', { status: 502 }));
    const err = await createShopifyAdmin()
      .approveReturn(creds, 'x')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShopifyAdminError);
    expect((err as ShopifyAdminError).retryable).toBe(true);
  });
});
