/** Orders as the platform reports them, their lines and shipments. */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt, json } from './columns';

export interface Address {
  name?: string | null;
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  province?: string | null;
  provinceCode?: string | null;
  zip?: string | null;
  country?: string | null;
  countryCode?: string | null;
  phone?: string | null;
}

export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    platformId: text('platform_id').notNull(),
    /** `#1001` */
    name: text('name').notNull(),
    number: text('number'),
    customerId: text('customer_id'),
    email: text('email'),
    locale: text('locale'),
    currency: text('currency').notNull(),
    subtotalMinor: integer('subtotal_minor').notNull().default(0),
    totalMinor: integer('total_minor').notNull().default(0),
    shippingMinor: integer('shipping_minor').notNull().default(0),
    financialStatus: text('financial_status'),
    fulfillmentStatus: text('fulfillment_status'),
    tags: json<string[]>('tags').notNull().default(sql`'[]'`),
    /** Stripe payment intent or charge id for refunds outside Shopify. */
    paymentRef: text('payment_ref'),
    shippingAddress: json<Address>('shipping_address'),
    processedAt: integer('processed_at'),
    cancelledAt: integer('cancelled_at'),
    /** The platform's `updated_at`: newer wins, arrival order does not matter. */
    platformUpdatedAt: integer('platform_updated_at').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('orders_shop_platform_uq').on(t.shopId, t.platformId),
    index('orders_shop_name_idx').on(t.shopId, t.name),
    // The shopper lookup matches `name OR number`: with both indexed SQLite searches two indexes
    // instead of scanning every order of the shop.
    index('orders_shop_number_idx').on(t.shopId, t.number),
    index('orders_shop_email_idx').on(t.shopId, t.email),
    index('orders_shop_customer_idx').on(t.shopId, t.customerId),
    index('orders_shop_processed_idx').on(t.shopId, t.processedAt),
    index('orders_payment_ref_idx').on(t.paymentRef),
  ],
);

export const orderLines = sqliteTable(
  'order_lines',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    orderId: text('order_id').notNull(),
    platformId: text('platform_id').notNull(),
    productId: text('product_id'),
    variantId: text('variant_id'),
    sku: text('sku'),
    title: text('title').notNull(),
    variantTitle: text('variant_title'),
    productType: text('product_type'),
    productTags: json<string[]>('product_tags').notNull().default(sql`'[]'`),
    quantity: integer('quantity').notNull(),
    /** Unit price and the line's total discount, minor units in the order's currency. */
    priceMinor: integer('price_minor').notNull(),
    discountMinor: integer('discount_minor').notNull().default(0),
    imageUrl: text('image_url'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('order_lines_shop_platform_uq').on(t.shopId, t.platformId),
    index('order_lines_order_idx').on(t.shopId, t.orderId),
    index('order_lines_sku_idx').on(t.shopId, t.sku),
  ],
);

export const shipments = sqliteTable(
  'shipments',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    orderId: text('order_id').notNull(),
    platformId: text('platform_id').notNull(),
    carrier: text('carrier'),
    service: text('service'),
    trackingNumbers: json<string[]>('tracking_numbers').notNull().default(sql`'[]'`),
    trackingUrls: json<string[]>('tracking_urls').notNull().default(sql`'[]'`),
    /** Shopify `shipment_status`: label_printed, in_transit, out_for_delivery, delivered, failure… */
    status: text('status').notNull().default('pending'),
    lineItemIds: json<string[]>('line_item_ids').notNull().default(sql`'[]'`),
    shippedAt: integer('shipped_at'),
    estimatedDeliveryAt: integer('estimated_delivery_at'),
    deliveredAt: integer('delivered_at'),
    /** Last time tracking moved (a new status or event): a stall is measured from here. */
    lastTrackingAt: integer('last_tracking_at'),
    /** Delay episodes already noticed (one notice per episode, never a flood). */
    delayEpisode: integer('delay_episode').notNull().default(0),
    delayNotifiedAt: integer('delay_notified_at'),
    platformUpdatedAt: integer('platform_updated_at').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('shipments_shop_platform_uq').on(t.shopId, t.platformId),
    index('shipments_order_idx').on(t.shopId, t.orderId),
    index('shipments_shop_status_eta_idx').on(t.shopId, t.status, t.estimatedDeliveryAt),
    index('shipments_status_eta_idx').on(t.status, t.estimatedDeliveryAt),
  ],
);
