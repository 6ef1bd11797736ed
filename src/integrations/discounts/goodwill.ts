import {
  adminGraphql,
  assertNoUserErrors,
  ShopifyAdminError,
  type FetchLike,
  type ShopifyCredentials,
} from '../shopify/admin-client';

export interface GoodwillRequest {
  code: string;
  title: string;
  percent: number;
  startsAt: number;
  endsAt: number;
}

/** Creates a single-use discount code; creating the same code again is a success (idempotent). */
export interface GoodwillDiscounts {
  create(shopId: string, req: GoodwillRequest): Promise<string>;
}

export const DISCOUNT_CODE_BASIC_CREATE = `mutation DiscountCodeBasicCreate($basicCodeDiscount: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
    codeDiscountNode { id }
    userErrors { field code message }
  }
}`;

/**
 * Shopify Admin GraphQL `discountCodeBasicCreate`: a percentage off the whole next order, for any
 * buyer, usable once. The code is deterministic per delay episode, so a retry that finds it taken
 * ("must be unique") already has what it wanted.
 * @see https://shopify.dev/docs/api/admin-graphql/latest/mutations/discountCodeBasicCreate
 * @see https://shopify.dev/docs/api/admin-graphql/latest/input-objects/DiscountCodeBasicInput
 */
export class ShopifyGoodwill implements GoodwillDiscounts {
  constructor(
    private readonly credentials: (shopId: string) => Promise<ShopifyCredentials>,
    private readonly fetchFn: FetchLike = (input, init) => fetch(input, init),
  ) {}

  async create(shopId: string, req: GoodwillRequest): Promise<string> {
    const creds = await this.credentials(shopId);
    const data = await adminGraphql<{
      discountCodeBasicCreate: {
        userErrors: Array<{ field?: string[] | null; code?: string | null; message: string }>;
      };
    }>(this.fetchFn, creds, DISCOUNT_CODE_BASIC_CREATE, {
      basicCodeDiscount: {
        title: req.title,
        code: req.code,
        startsAt: new Date(req.startsAt).toISOString(),
        endsAt: new Date(req.endsAt).toISOString(),
        context: { all: 'ALL' },
        customerGets: { value: { percentage: req.percent / 100 }, items: { all: true } },
        usageLimit: 1,
        appliesOncePerCustomer: true,
      },
    });
    const payload = data.discountCodeBasicCreate;
    const taken =
      payload.userErrors.length > 0 && payload.userErrors.every((e) => e.code === 'TAKEN' || /unique/i.test(e.message));
    if (!taken) assertNoUserErrors('discountCodeBasicCreate', payload);
    return req.code;
  }
}

/** `INTEGRATIONS=local`: records the code it would have created. */
export class LocalGoodwill implements GoodwillDiscounts {
  readonly created: Array<{ shopId: string } & GoodwillRequest> = [];
  async create(shopId: string, req: GoodwillRequest): Promise<string> {
    if (!this.created.some((c) => c.shopId === shopId && c.code === req.code)) this.created.push({ shopId, ...req });
    return req.code;
  }
}

export { ShopifyAdminError };
