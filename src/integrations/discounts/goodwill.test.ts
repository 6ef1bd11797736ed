import { describe, expect, it } from 'vitest';
import { ShopifyAdminError } from '../shopify/admin-client';
import { ShopifyGoodwill } from './goodwill';
import { json, mockHttp, script } from '../../../test/helpers/msw';

// Shopify through MSW; the adapter runs on its production path (global fetch).
const mock = mockHttp();
const endpoint = 'https://demo-shop.myshopify.com/admin/api/2026-04/graphql.json';

const creds = async () => ({ shop: 'demo-shop.myshopify.com', accessToken: 'shpat_test' });
const req = {
  code: 'SORRY-ABCD2345',
  title: 'Sorry for the delay (#1005)',
  percent: 15,
  startsAt: Date.UTC(2026, 10, 25),
  endsAt: Date.UTC(2026, 11, 25),
};

describe('ShopifyGoodwill', () => {
  it('creates a single-use percentage code with discountCodeBasicCreate', async () => {
    mock.on(
      'post',
      endpoint,
      script(
        json({
          data: {
            discountCodeBasicCreate: { codeDiscountNode: { id: 'gid://shopify/DiscountCodeNode/1' }, userErrors: [] },
          },
        }),
      ),
    );
    expect(await new ShopifyGoodwill(creds).create('shop_1', req)).toBe('SORRY-ABCD2345');
    const requests = mock.requests.map((r) => ({
      ...r,
      body: r.json as { query: string; variables: Record<string, unknown> },
    }));
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe('https://demo-shop.myshopify.com/admin/api/2026-04/graphql.json');
    expect(requests[0]!.headers['x-shopify-access-token']).toBe('shpat_test');
    expect(requests[0]!.body.query).toContain('discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount)');
    expect(requests[0]!.body.variables).toEqual({
      basicCodeDiscount: {
        title: 'Sorry for the delay (#1005)',
        code: 'SORRY-ABCD2345',
        startsAt: '2026-11-25T00:00:00.000Z',
        endsAt: '2026-12-25T00:00:00.000Z',
        context: { all: 'ALL' },
        customerGets: { value: { percentage: 0.15 }, items: { all: true } },
        usageLimit: 1,
        appliesOncePerCustomer: true,
      },
    });
  });

  it('treats "code already taken" as done (a retry), any other refusal as an error', async () => {
    const taken = {
      data: {
        discountCodeBasicCreate: {
          codeDiscountNode: null,
          userErrors: [{ field: ['basicCodeDiscount', 'code'], code: 'TAKEN', message: 'Code must be unique.' }],
        },
      },
    };
    const invalid = {
      data: {
        discountCodeBasicCreate: {
          codeDiscountNode: null,
          userErrors: [
            { field: ['basicCodeDiscount', 'endsAt'], code: 'INVALID', message: 'Ends at must be after starts at' },
          ],
        },
      },
    };
    mock.on('post', endpoint, script(json(taken), json(invalid)));
    const goodwill = new ShopifyGoodwill(creds);
    expect(await goodwill.create('shop_1', req)).toBe('SORRY-ABCD2345');
    await expect(goodwill.create('shop_1', req)).rejects.toBeInstanceOf(ShopifyAdminError);
    expect(mock.requests).toHaveLength(2);
  });
});
