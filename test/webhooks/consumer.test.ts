import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import type { Env } from '../../src/env';
import type { ShopifyApplier } from '../../src/events/apply';
import { createAppliers } from '../../src/events/appliers';
import { backoff, createDeadEventsConsumer, createEventsConsumer } from '../../src/events/consumer';
import worker from '../../src/index';
import { createServices } from '../../src/services';
import { createShop } from '../helpers/factory';
import { shopifyWebhook } from '../helpers/webhooks';
import { SAMPLE_ORDER_GID, shopify } from './fixtures';
import { eventRow, post, shopIdOf, uniqueDomain } from './flow';

// The appliers reach the consumer and the admin API through Services: this file's own table is the
// seam that injects a failing applier into both, as a deploy with a bug would.
const defaults = createAppliers();
const shopifyAppliers = new Map<string, ShopifyApplier>(defaults.shopify);
const services = (e: Env) => createServices(e, { appliers: { shopify: shopifyAppliers, stripe: defaults.stripe } });
const app = createApp({ services });
const consumers = { events: createEventsConsumer({ services }), dead: createDeadEventsConsumer({ services }) };
const original = shopifyAppliers.get('orders/create')!;
afterEach(() => {
  shopifyAppliers.set('orders/create', original);
});

async function consume(eventIds: string[], attempts = 1, queue = 'aftercare-events') {
  const batch = createMessageBatch(
    queue,
    eventIds.map((eventId, i) => ({ id: `msg-${eventId}-${i}`, timestamp: new Date(), attempts, body: { eventId } })),
  );
  const ctx = createExecutionContext();
  const consumer = queue.endsWith('-dlq') ? consumers.dead : consumers.events;
  await consumer(batch as MessageBatch<unknown>, env);
  return getQueueResult(batch, ctx);
}

const admin = (shop: string, path: string, init: RequestInit = {}) =>
  app.request(
    `https://aftercare.test/api/admin${path}`,
    {
      ...init,
      headers: {
        authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm',
        'x-shop-domain': shop,
        ...(init.headers as Record<string, string> | undefined),
      },
    },
    env,
  );
const orderCount = async (shopId: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM orders WHERE shop_id = ?1 AND platform_id = ?2')
    .bind(shopId, SAMPLE_ORDER_GID)
    .first<{ n: number }>())!.n;

describe('events consumer', () => {
  it('retries a failed apply with backoff, counting the attempt and keeping the error, then applies it', async () => {
    const shop = uniqueDomain('retry');
    let calls = 0;
    shopifyAppliers.set('orders/create', async (ctx) => {
      calls++;
      if (calls === 1) throw new Error('D1 hiccup');
      return original(ctx);
    });
    const { eventId } = await post(await shopifyWebhook('orders/create', shopify.ordersCreate, { shop }));
    const first = await consume([eventId!]);
    expect(first.retryMessages).toHaveLength(1);
    expect(first.explicitAcks).toHaveLength(0);
    expect(await eventRow(eventId!)).toMatchObject({ status: 'received', attempts: 1, last_error: 'Error: D1 hiccup' });
    expect(await orderCount(await shopIdOf(shop))).toBe(0);

    const second = await consume([eventId!], 2);
    expect(second.explicitAcks).toHaveLength(1);
    expect(await eventRow(eventId!)).toMatchObject({ status: 'processed', attempts: 2, last_error: null });
    expect(await orderCount(await shopIdOf(shop))).toBe(1);
  });

  it('backs off exponentially from 10 s, capped at 10 minutes', () => {
    expect([1, 2, 3, 4, 5].map(backoff)).toEqual([10, 20, 40, 80, 160]);
    expect(backoff(30)).toBe(600);
  });

  it('acks a redelivered, already processed event without applying it again', async () => {
    const shop = uniqueDomain('redeliver');
    const { eventId } = await post(await shopifyWebhook('orders/create', shopify.ordersCreate, { shop }));
    await consume([eventId!]);
    let calls = 0;
    shopifyAppliers.set('orders/create', async () => {
      calls++;
    });
    const again = await consume([eventId!]);
    expect(again.explicitAcks).toHaveLength(1);
    expect(calls).toBe(0);
  });

  it('ends a poison event failed in the DLQ, lists it, and replays it after the fix', async () => {
    const shop = uniqueDomain('poison');
    await createShop(env.DB, { domain: shop });
    shopifyAppliers.set('orders/create', async () => {
      throw new TypeError('bug in applier');
    });
    const { eventId } = await post(await shopifyWebhook('orders/create', shopify.ordersCreate, { shop }));
    for (let attempt = 1; attempt <= 6; attempt++) await consume([eventId!], attempt);
    expect(await eventRow(eventId!)).toMatchObject({ status: 'received', attempts: 6 });
    const dead = await consume([eventId!], 1, 'aftercare-events-dlq');
    expect(dead.explicitAcks).toHaveLength(1);
    expect(await eventRow(eventId!)).toMatchObject({ status: 'failed', last_error: 'TypeError: bug in applier' });

    const list = await admin(shop, '/events?status=failed');
    expect(list.status).toBe(200);
    const { events } = await list.json<{ events: Array<{ id: string; lastError: string; topic: string }> }>();
    expect(events).toEqual([
      expect.objectContaining({ id: eventId, topic: 'orders/create', lastError: 'TypeError: bug in applier' }),
    ]);

    const detail = await admin(shop, `/events/${eventId}`);
    expect((await detail.json<{ event: { body: string } }>()).event.body).toBe(shopify.ordersCreate);

    shopifyAppliers.set('orders/create', original); // the fix is deployed
    const replay = await admin(shop, `/events/${eventId}/replay`, { method: 'POST' });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({
      result: { ok: true, status: 'processed' },
      event: { status: 'processed' },
    });
    expect(await orderCount(await shopIdOf(shop))).toBe(1);
    expect((await (await admin(shop, '/events?status=failed')).json<{ events: unknown[] }>()).events).toEqual([]);
  });

  it('scopes the admin events to the caller shop and refuses bad ids and filters with 4xx', async () => {
    const mine = uniqueDomain('mine');
    const theirs = uniqueDomain('theirs');
    await createShop(env.DB, { domain: mine });
    const { eventId } = await post(await shopifyWebhook('orders/create', shopify.ordersCreate, { shop: theirs }));
    await consume([eventId!]);
    expect((await admin(mine, `/events/${eventId}`)).status).toBe(404);
    expect((await admin(mine, `/events/${eventId}/replay`, { method: 'POST' })).status).toBe(404);
    expect((await (await admin(mine, '/events')).json<{ events: unknown[] }>()).events).toEqual([]);
    expect((await admin(theirs, '/events?topic=orders/create')).status).toBe(200);
    expect((await admin(mine, '/events?status=bogus')).status).toBe(400);
    expect((await admin(mine, '/events/not-an-id')).status).toBe(400);
  });

  it('pages the event list newest first', async () => {
    const shop = uniqueDomain('paging');
    await createShop(env.DB, { domain: shop });
    for (let i = 0; i < 5; i++) await post(await shopifyWebhook('orders/create', shopify.ordersCreate, { shop }));
    const page1 = await (await admin(shop, '/events?limit=2')).json<{ events: Array<{ id: string }>; next: string }>();
    expect(page1.events).toHaveLength(2);
    const page2 = await (await admin(shop, `/events?limit=2&before=${page1.next}`)).json<{
      events: Array<{ id: string }>;
      next: string;
    }>();
    expect(page2.events).toHaveLength(2);
    expect(page2.events[0]!.id < page1.events[1]!.id).toBe(true);
  });
});

describe('stranded events sweep', () => {
  it('re-enqueues events still received 90 s after their last enqueue, and only those', async () => {
    const now = Date.now();
    const insert = (id: string, receivedAt: number, status = 'received') =>
      env.DB.prepare(
        `INSERT INTO webhook_events (id, source, delivery_id, topic, shop_domain, headers, body, status, received_at, enqueued_at)
         VALUES (?1, 'shopify', ?1, 'orders/create', 'x.myshopify.com', '{}', '{}', ?3, ?2, ?2)`,
      )
        .bind(id, receivedAt, status)
        .run();
    await insert('evt_STRANDED00000000000000000A', now - 120_000);
    await insert('evt_FRESH000000000000000000000', now - 10_000);
    await insert('evt_DONE0000000000000000000000', now - 120_000, 'processed');
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: '* * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const rows = await env.DB.prepare(
      "SELECT id, enqueued_at FROM webhook_events WHERE id LIKE 'evt_%0' OR id LIKE 'evt_%A' ORDER BY id",
    ).all<{ id: string; enqueued_at: number }>();
    const byId = Object.fromEntries(rows.results.map((r) => [r.id, r.enqueued_at]));
    expect(byId['evt_STRANDED00000000000000000A']).toBe(now);
    expect(byId['evt_FRESH000000000000000000000']).toBe(now - 10_000);
    expect(byId['evt_DONE0000000000000000000000']).toBe(now - 120_000);
  });
});
