import * as z from 'zod';

/**
 * The parts of Shopify webhook bodies we use, parsed after `parseLosslessJson` (so 64-bit ids are
 * strings). Unknown fields are dropped; a body missing what we need fails loudly and is retried,
 * then dead-lettered with the zod message as its error.
 * @see https://shopify.dev/docs/api/webhooks/2026-04
 */
export const platformId = z.union([z.string().min(1).max(100), z.number().int().nonnegative()]).transform(String);
const decimal = z.union([z.string(), z.number()]).transform(String);
const timestamp = z.string().transform((v, ctx) => {
  const t = Date.parse(v);
  if (Number.isNaN(t)) {
    ctx.addIssue({ code: 'custom', message: `not a timestamp: ${v}` });
    return z.NEVER;
  }
  return t;
});
const nullableTimestamp = z
  .union([timestamp, z.null()])
  .optional()
  .transform((v) => v ?? null);
const text = z
  .string()
  .nullable()
  .optional()
  .transform((v) => v ?? null);
const moneySet = z.object({ shop_money: z.object({ amount: decimal, currency_code: z.string() }) });

export const shopifyAddress = z
  .object({
    name: text,
    first_name: text,
    last_name: text,
    address1: text,
    address2: text,
    city: text,
    province: text,
    province_code: text,
    zip: text,
    country: text,
    country_code: text,
    phone: text,
  })
  .nullable()
  .optional();

export const shopifyLineItem = z.object({
  id: platformId,
  admin_graphql_api_id: z.string().optional(),
  product_id: platformId.nullable().optional(),
  variant_id: platformId.nullable().optional(),
  sku: text,
  title: z.string(),
  variant_title: text,
  quantity: z.number().int().nonnegative(),
  price: decimal,
  total_discount: decimal.optional(),
});

export const shopifyCustomer = z
  .object({
    id: platformId,
    admin_graphql_api_id: z.string().optional(),
    email: text,
    first_name: text,
    last_name: text,
    phone: text,
  })
  .nullable()
  .optional();

export const shopifyOrder = z.object({
  id: platformId,
  admin_graphql_api_id: z.string().optional(),
  name: z.string().min(1),
  order_number: z.union([z.number(), z.string()]).optional(),
  email: text,
  contact_email: text,
  customer_locale: text,
  currency: z.string().length(3),
  subtotal_price: decimal.optional(),
  total_price: decimal,
  total_shipping_price_set: moneySet.nullable().optional(),
  financial_status: text,
  fulfillment_status: text,
  tags: z.string().nullable().optional(),
  processed_at: nullableTimestamp,
  cancelled_at: nullableTimestamp,
  updated_at: timestamp,
  customer: shopifyCustomer,
  shipping_address: shopifyAddress,
  line_items: z.array(shopifyLineItem).max(1000),
});
export type ShopifyOrder = z.infer<typeof shopifyOrder>;

export const shopifyFulfillment = z.object({
  id: platformId,
  admin_graphql_api_id: z.string().optional(),
  order_id: platformId,
  name: text,
  status: text,
  shipment_status: text,
  tracking_company: text,
  service: text,
  tracking_numbers: z.array(z.string()).nullable().optional(),
  tracking_urls: z.array(z.string()).nullable().optional(),
  estimated_delivery_at: nullableTimestamp,
  created_at: nullableTimestamp,
  updated_at: timestamp,
  line_items: z.array(z.object({ id: platformId })).optional(),
});
export type ShopifyFulfillment = z.infer<typeof shopifyFulfillment>;

export const shopifyRefund = z.object({
  id: platformId,
  admin_graphql_api_id: z.string().optional(),
  order_id: platformId,
  created_at: nullableTimestamp,
  processed_at: nullableTimestamp,
  return: z.object({ id: platformId, admin_graphql_api_id: z.string().optional() }).nullable().optional(),
  transactions: z
    .array(
      z.object({
        kind: z.string(),
        status: z.string(),
        amount: decimal,
        currency: z.string().length(3).nullable().optional(),
      }),
    )
    .default([]),
  refund_line_items: z.array(z.object({ subtotal_set: moneySet.optional() })).default([]),
});
export type ShopifyRefund = z.infer<typeof shopifyRefund>;

/** Shopify `<Type>` gid for a numeric id (or the gid itself). */
export function gid(type: string, id: string): string {
  return id.startsWith('gid://') ? id : `gid://shopify/${type}/${id}`;
}

export function splitTags(tags: string | null | undefined): string[] {
  return (tags ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}
