/** Shops, customers and orders for tests, written through the real schema. */
import { defaultPolicy, type Policy } from '../../src/cases/policy-schema';
import { createDb } from '../../src/db/client';
import * as s from '../../src/db/schema';
import { newId } from '../../src/lib/ids';

const DAY = 86_400_000;

export interface ShopInput {
  domain?: string;
  policy?: Policy;
  timezone?: string;
  currency?: string;
  settings?: Record<string, unknown>;
}

export async function createShop(d1: D1Database, input: ShopInput = {}, now = Date.now()) {
  const db = createDb(d1);
  const id = newId('shop');
  const row = {
    id,
    domain: input.domain ?? `${id.toLowerCase().replace('_', '-')}.myshopify.com`,
    name: 'Test Shop',
    currency: input.currency ?? 'USD',
    timezone: input.timezone ?? 'UTC',
    policy: (input.policy ?? defaultPolicy()) as unknown as Record<string, unknown>,
    settings: input.settings ?? { integrations: 'local' },
    createdAt: now,
    updatedAt: now,
  };
  await db.insert(s.shops).values(row);
  return row;
}

export interface OrderInput {
  name?: string;
  email?: string;
  currency?: string;
  tags?: string[];
  lines?: Array<{
    title?: string;
    sku?: string;
    quantity?: number;
    priceMinor?: number;
    productType?: string;
    productTags?: string[];
    variantId?: string;
    productId?: string;
  }>;
  /** Delivered this many days before `now`; omit for an undelivered order. */
  deliveredDaysAgo?: number;
  placedDaysAgo?: number;
}

export async function createOrder(d1: D1Database, shopId: string, input: OrderInput = {}, now = Date.now()) {
  const db = createDb(d1);
  const orderId = newId('ord');
  const customerId = newId('cus');
  const email = input.email ?? 'shopper@example.com';
  const currency = input.currency ?? 'USD';
  const placedAt = now - (input.placedDaysAgo ?? (input.deliveredDaysAgo ?? 0) + 4) * DAY;
  const lines = (input.lines ?? [{}]).map((l, i) => ({
    id: newId('line'),
    shopId,
    orderId,
    platformId: `gid://shopify/LineItem/${Date.now()}${i}${Math.floor(Math.random() * 1e6)}`,
    productId: l.productId ?? 'gid://shopify/Product/1',
    variantId: l.variantId ?? `gid://shopify/ProductVariant/${i + 1}`,
    sku: l.sku ?? `SKU-${i + 1}`,
    title: l.title ?? `Item ${i + 1}`,
    productType: l.productType ?? 'Shirts',
    productTags: l.productTags ?? [],
    quantity: l.quantity ?? 1,
    priceMinor: l.priceMinor ?? 2500,
    discountMinor: 0,
    createdAt: placedAt,
    updatedAt: placedAt,
  }));
  const subtotal = lines.reduce((sum, l) => sum + l.priceMinor * l.quantity, 0);
  await db.insert(s.customers).values({
    id: customerId,
    shopId,
    email,
    platformId: `gid://shopify/Customer/${customerId}`,
    createdAt: now,
    updatedAt: now,
  });
  const order = {
    id: orderId,
    shopId,
    platformId: `gid://shopify/Order/${orderId}`,
    name: input.name ?? '#1001',
    customerId,
    email,
    currency,
    subtotalMinor: subtotal,
    totalMinor: subtotal,
    tags: input.tags ?? [],
    financialStatus: 'paid',
    paymentRef: `pi_${orderId}`,
    processedAt: placedAt,
    platformUpdatedAt: placedAt,
    createdAt: placedAt,
    updatedAt: placedAt,
  };
  await db.insert(s.orders).values(order);
  await db.insert(s.orderLines).values(lines);
  let shipment: typeof s.shipments.$inferInsert | undefined;
  if (input.deliveredDaysAgo !== undefined) {
    const deliveredAt = now - input.deliveredDaysAgo * DAY;
    shipment = {
      id: newId('shp'),
      shopId,
      orderId,
      platformId: `gid://shopify/Fulfillment/${orderId}`,
      carrier: 'UPS',
      status: 'delivered',
      lineItemIds: lines.map((l) => l.id),
      shippedAt: deliveredAt - 3 * DAY,
      estimatedDeliveryAt: deliveredAt,
      deliveredAt,
      lastTrackingAt: deliveredAt,
      createdAt: deliveredAt,
      updatedAt: deliveredAt,
    };
    await db.insert(s.shipments).values(shipment);
  }
  return { order, lines, customerId, shipment };
}
