import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { parseLosslessJson } from '../../src/events/lossless-json';
import { shopifyWebhook, stripeWebhook } from '../helpers/webhooks';
import { SAMPLE_ORDER_ID, shopify, stripe } from './fixtures';

const post = (req: Request) => exports.default.fetch(req);
const count = async () => (await env.DB.prepare('SELECT count(*) AS n FROM webhook_events').first<{ n: number }>())!.n;

describe('POST /webhooks/shopify', () => {
  it('stores a correctly signed delivery once, raw and byte-exact, and answers 200', async () => {
    const res = await post(await shopifyWebhook('orders/create', shopify.ordersCreate, { webhookId: 'ack-1' }));
    expect(res.status).toBe(200);
    const row = await env.DB.prepare("SELECT * FROM webhook_events WHERE delivery_id = 'ack-1'").first<{
      body: string;
      headers: string;
    }>();
    expect(row).toMatchObject({
      source: 'shopify',
      topic: 'orders/create',
      shop_domain: 'demo-shop.myshopify.com',
      status: 'received',
    });
    expect(row!.body).toBe(shopify.ordersCreate);
    expect(row!.body).toContain(SAMPLE_ORDER_ID);
    expect(JSON.parse(row!.headers)).not.toHaveProperty('x-shopify-hmac-sha256');
  });

  it('answers a duplicate delivery 200 and stores nothing more', async () => {
    const before = await count();
    const res = await post(await shopifyWebhook('orders/create', shopify.ordersCreate, { webhookId: 'ack-1' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ duplicate: true });
    expect(await count()).toBe(before);
  });

  it('a burst of concurrent deliveries: every one stored once before its 200', async () => {
    const before = await count();
    const distinct = Array.from({ length: 40 }, (_, i) =>
      shopifyWebhook('orders/create', shopify.ordersCreate, { webhookId: `burst-${i}` }),
    );
    const repeated = Array.from({ length: 5 }, () =>
      shopifyWebhook('orders/create', shopify.ordersCreate, { webhookId: 'burst-repeat' }),
    );
    const responses = await Promise.all([...distinct, ...repeated].map(async (r) => post(await r)));
    expect(responses.map((r) => r.status)).toEqual(Array(45).fill(200));
    const bodies = await Promise.all(responses.map((r) => r.json<{ duplicate: boolean }>()));
    expect(bodies.slice(0, 40).every((b) => !b.duplicate)).toBe(true);
    expect(bodies.slice(40).filter((b) => !b.duplicate)).toHaveLength(1);
    expect(await count()).toBe(before + 41);
  });

  it('rejects a missing or wrong HMAC with 401 problem+json and stores nothing', async () => {
    const before = await count();
    const wrong = await post(await shopifyWebhook('orders/create', shopify.ordersCreate, { secret: 'not-the-secret' }));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const missing = await post(
      await shopifyWebhook('orders/create', shopify.ordersCreate, { headers: { 'x-shopify-hmac-sha256': null } }),
    );
    expect(missing.status).toBe(401);
    const tampered = await shopifyWebhook('orders/create', shopify.ordersCreate);
    const altered = new Request(tampered, { body: shopify.ordersCreate.replace('404.95', '0.01') });
    expect((await post(altered)).status).toBe(401);
    expect(await count()).toBe(before);
  });

  it('rejects a signed delivery with a missing or malformed header or a non-object body with 400', async () => {
    const before = await count();
    for (const headers of <Array<Record<string, string | null>>>[
      { 'x-shopify-topic': null },
      { 'x-shopify-webhook-id': null },
      { 'x-shopify-shop-domain': 'evil.example.com' },
      { 'x-shopify-topic': 'DROP TABLE' },
    ]) {
      const res = await post(await shopifyWebhook('orders/create', shopify.ordersCreate, { headers }));
      expect(res.status, JSON.stringify(headers)).toBe(400);
    }
    expect((await post(await shopifyWebhook('orders/create', '[1,2]'))).status).toBe(400);
    expect((await post(await shopifyWebhook('orders/create', '{"id": 1'))).status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('answers 413 for a body over 1 MiB, by Content-Length and while streaming without one', async () => {
    const big = `{"pad":"${'x'.repeat(1024 * 1024)}"}`;
    expect((await post(await shopifyWebhook('orders/create', big))).status).toBe(413);
    const signed = await shopifyWebhook('orders/create', big);
    const chunks = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < chunks.length; i += 65536) controller.enqueue(chunks.slice(i, i + 65536));
        controller.close();
      },
    });
    const headers = new Headers(signed.headers);
    headers.delete('content-length');
    const res = await post(
      new Request(signed.url, { method: 'POST', headers, body: stream, duplex: 'half' } as RequestInit),
    );
    expect(res.status).toBe(413);
  });
});

describe('POST /webhooks/stripe', () => {
  it('stores a signed event by its id once; a duplicate is 200 and stores nothing', async () => {
    const event = stripe.refundCreated.replace('evt_1Pgc76B7WZ01zgkWwyRHS12y', 'evt_ack_1');
    expect((await post(await stripeWebhook(event))).status).toBe(200);
    const before = await count();
    const dup = await post(await stripeWebhook(event));
    expect(dup.status).toBe(200);
    expect(await dup.json()).toMatchObject({ duplicate: true });
    expect(await count()).toBe(before);
    const row = await env.DB.prepare(
      "SELECT topic, body FROM webhook_events WHERE source = 'stripe' AND delivery_id = 'evt_ack_1'",
    ).first<{ topic: string; body: string }>();
    expect(row).toEqual({ topic: 'refund.created', body: event });
  });

  it('rejects a wrong secret, a missing header and a timestamp outside 300 s with 401', async () => {
    const before = await count();
    expect((await post(await stripeWebhook(stripe.refundCreated, { secret: 'whsec_other' }))).status).toBe(401);
    expect(
      (await post(await stripeWebhook(stripe.refundCreated, { headers: { 'stripe-signature': null } }))).status,
    ).toBe(401);
    const old = Math.floor(Date.now() / 1000) - 301;
    expect((await post(await stripeWebhook(stripe.refundCreated, { timestamp: old }))).status).toBe(401);
    expect(await count()).toBe(before);
  });

  it('rejects a signed body that is not an event with 400, and over 1 MiB with 413', async () => {
    expect((await post(await stripeWebhook('{"object":"event"}'))).status).toBe(400);
    expect((await post(await stripeWebhook('not json'))).status).toBe(400);
    expect(
      (await post(await stripeWebhook(`{"id":"evt_big","type":"x","pad":"${'x'.repeat(1024 * 1024)}"}`))).status,
    ).toBe(413);
  });
});

describe('lossless JSON', () => {
  it('keeps the sample order id exact inside workerd (reviver source access)', () => {
    expect(JSON.parse(shopify.ordersCreate).id).not.toBe(SAMPLE_ORDER_ID);
    const parsed = parseLosslessJson(shopify.ordersCreate) as {
      id: string;
      line_items: Array<{ id: string; price: string }>;
      customer: { id: string };
    };
    expect(parsed.id).toBe(SAMPLE_ORDER_ID);
    expect(parsed.customer.id).toBe('115310627314723954');
    expect(parsed.line_items.map((l) => l.id)).toContain('487817672276298554');
  });
});
