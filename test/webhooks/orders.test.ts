import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { shopifyWebhook } from '../helpers/webhooks';
import { SAMPLE_ORDER_GID, patchRaw, shopify } from './fixtures';
import { consume, deliver, post, shopIdOf, uniqueDomain } from './flow';

const orderOf = (shopId: string) =>
  env.DB.prepare('SELECT * FROM orders WHERE shop_id = ?1 AND platform_id = ?2')
    .bind(shopId, SAMPLE_ORDER_GID)
    .first<Record<string, unknown>>();

describe('orders/create|updated|cancelled', () => {
  it('creates the unknown shop, the customer, the order and its lines with exact 64-bit ids and minor-unit money', async () => {
    const shop = uniqueDomain('orders');
    await deliver(await shopifyWebhook('orders/create', shopify.ordersCreate, { shop }));
    const shopId = await shopIdOf(shop);
    const order = await orderOf(shopId);
    expect(order).toMatchObject({
      name: '#9999',
      currency: 'USD',
      total_minor: 40495,
      subtotal_minor: 40495,
      shipping_minor: 1000,
      email: 'jon@example.com',
      financial_status: 'voided',
    });
    expect(order!.cancelled_at).toBe(Date.parse('2021-12-31T19:00:00-05:00'));
    expect(JSON.parse(order!.tags as string)).toEqual(['tag1', 'tag2']);
    const customer = await env.DB.prepare('SELECT * FROM customers WHERE id = ?1')
      .bind(order!.customer_id)
      .first<Record<string, unknown>>();
    expect(customer).toMatchObject({
      platform_id: 'gid://shopify/Customer/115310627314723954',
      email: 'john@example.com',
      first_name: 'John',
    });
    const lines = await env.DB.prepare(
      'SELECT platform_id, product_id, price_minor, quantity FROM order_lines WHERE order_id = ?1 ORDER BY platform_id',
    )
      .bind(order!.id)
      .all();
    expect(lines.results).toHaveLength(5);
    expect(lines.results).toContainEqual({
      platform_id: 'gid://shopify/LineItem/487817672276298554',
      product_id: 'gid://shopify/Product/788032119674292922',
      price_minor: 8999,
      quantity: 1,
    });
  });

  it('ignores an older orders/updated delivered after a newer one (updated_at decides, not arrival)', async () => {
    const shop = uniqueDomain('stale');
    const newer = patchRaw(shopify.ordersCreate, { updated_at: '"2022-01-02T00:00:00Z"', total_price: '"300.00"' });
    const older = patchRaw(shopify.ordersCreate, {
      updated_at: '"2022-01-01T00:00:00Z"',
      total_price: '"100.00"',
      email: '"old@example.com"',
    });
    await deliver(await shopifyWebhook('orders/updated', newer, { shop }));
    await deliver(await shopifyWebhook('orders/updated', older, { shop }));
    const order = await orderOf(await shopIdOf(shop));
    expect(order).toMatchObject({
      total_minor: 30000,
      email: 'jon@example.com',
      platform_updated_at: Date.parse('2022-01-02T00:00:00Z'),
    });
  });

  it('applies both versions concurrently and still ends on the newer one', async () => {
    const shop = uniqueDomain('race');
    const versions = Array.from({ length: 6 }, (_, i) =>
      patchRaw(shopify.ordersCreate, { updated_at: `"2022-01-0${i + 1}T00:00:00Z"`, total_price: `"${i + 1}00.00"` }),
    );
    const ids = await Promise.all(
      versions.map(async (v) => (await post(await shopifyWebhook('orders/updated', v, { shop }))).eventId!),
    );
    await Promise.all(ids.reverse().map((id) => consume([id])));
    const order = await orderOf(await shopIdOf(shop));
    expect(order).toMatchObject({ total_minor: 60000 });
  });

  it('turns 10 concurrent deliveries of the same delivery into one stored event and one order', async () => {
    const shop = uniqueDomain('dup');
    const requests = await Promise.all(
      Array.from({ length: 10 }, () =>
        shopifyWebhook('orders/create', shopify.ordersCreate, { shop, webhookId: `dup-${shop}` }),
      ),
    );
    const results = await Promise.all(requests.map((r) => post(r)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const stored = await env.DB.prepare('SELECT id FROM webhook_events WHERE delivery_id = ?1')
      .bind(`dup-${shop}`)
      .all<{ id: string }>();
    expect(stored.results).toHaveLength(1);
    await Promise.all(Array.from({ length: 10 }, () => consume([stored.results[0]!.id])));
    const shopId = await shopIdOf(shop);
    const count = await env.DB.prepare('SELECT count(*) AS n FROM orders WHERE shop_id = ?1')
      .bind(shopId)
      .first<{ n: number }>();
    expect(count!.n).toBe(1);
    const lines = await env.DB.prepare('SELECT count(*) AS n FROM order_lines WHERE shop_id = ?1')
      .bind(shopId)
      .first<{ n: number }>();
    expect(lines!.n).toBe(5);
  });
});

describe('fulfillments/create|update', () => {
  const shipmentOf = (shopId: string) =>
    env.DB.prepare("SELECT * FROM shipments WHERE shop_id = ?1 AND platform_id = 'gid://shopify/Fulfillment/123456'")
      .bind(shopId)
      .first<Record<string, unknown>>();

  it('keeps a fulfillment that arrives before its order (placeholder order), then the order fills it in', async () => {
    const shop = uniqueDomain('ful');
    await deliver(await shopifyWebhook('fulfillments/create', shopify.fulfillmentsCreate, { shop }));
    const shopId = await shopIdOf(shop);
    const placeholder = await orderOf(shopId);
    expect(placeholder).toMatchObject({ name: '#9999', platform_updated_at: 0 });
    const shipment = await shipmentOf(shopId);
    expect(shipment).toMatchObject({ order_id: placeholder!.id, carrier: 'UPS', status: 'pending' });
    expect(JSON.parse(shipment!.tracking_numbers as string)).toEqual(['1z827wk74630']);
    expect(JSON.parse(shipment!.tracking_urls as string)[0]).toContain('ups.com');

    await deliver(await shopifyWebhook('orders/create', shopify.ordersCreate, { shop }));
    const order = await orderOf(shopId);
    expect(order).toMatchObject({ id: placeholder!.id, total_minor: 40495, email: 'jon@example.com' });
    expect((await shipmentOf(shopId))!.order_id).toBe(order!.id);
  });

  it('moves last_tracking_at only when the shipment status changes, sets delivered_at once, ignores stale updates', async () => {
    const shop = uniqueDomain('track');
    await deliver(await shopifyWebhook('orders/create', shopify.ordersCreate, { shop }));
    const at = (d: string) => Date.parse(d);
    const version = (updated: string, status: string) =>
      patchRaw(shopify.fulfillmentsCreate, { updated_at: `"${updated}"`, shipment_status: `"${status}"` });
    await deliver(await shopifyWebhook('fulfillments/create', version('2022-01-01T00:00:00Z', 'in_transit'), { shop }));
    await deliver(await shopifyWebhook('fulfillments/update', version('2022-01-02T00:00:00Z', 'in_transit'), { shop }));
    const shopId = await shopIdOf(shop);
    expect(await shipmentOf(shopId)).toMatchObject({
      status: 'in_transit',
      last_tracking_at: at('2022-01-01T00:00:00Z'),
      platform_updated_at: at('2022-01-02T00:00:00Z'),
    });
    await deliver(await shopifyWebhook('fulfillments/update', version('2022-01-03T00:00:00Z', 'delivered'), { shop }));
    await deliver(
      await shopifyWebhook('fulfillments/update', version('2022-01-02T12:00:00Z', 'out_for_delivery'), { shop }),
    );
    await deliver(await shopifyWebhook('fulfillments/update', version('2022-01-04T00:00:00Z', 'delivered'), { shop }));
    expect(await shipmentOf(shopId)).toMatchObject({
      status: 'delivered',
      delivered_at: at('2022-01-03T00:00:00Z'),
      last_tracking_at: at('2022-01-03T00:00:00Z'),
    });
  });
});
