/**
 * The `events` consumer applies a queue batch together (src/events/batch-apply.ts): one D1 batch
 * per shop for the orders. These tests hold what that must not cost: a poison event still retries
 * alone while the others apply exactly once, a redelivered batch applies nothing twice, and an
 * `orders/updated` that changes only the financial status writes no line rows.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import type { Env } from '../../src/env';
import type { ShopifyApplier } from '../../src/events/apply';
import { createAppliers } from '../../src/events/appliers';
import { createEventsConsumer } from '../../src/events/consumer';
import { upsertOrderStatements } from '../../src/events/order-upsert';
import { parseLosslessJson } from '../../src/events/lossless-json';
import { shopifyOrder } from '../../src/events/shopify-payloads';
import { createServices } from '../../src/services';
import { createShop } from '../helpers/factory';
import { shopifyWebhook } from '../helpers/webhooks';
import { meteredD1, type Meter } from '../scaling/d1-meter';
import { patchRaw, shopify } from './fixtures';
import { eventRow, post, shopIdOf, uniqueDomain } from './flow';

const defaults = createAppliers();
const shopifyAppliers = new Map<string, ShopifyApplier>(defaults.shopify);
const services = (e: Env) => createServices(e, { appliers: { shopify: shopifyAppliers, stripe: defaults.stripe } });
const consumer = createEventsConsumer({ services });
const original = shopifyAppliers.get('orders/create')!;
afterEach(() => {
  shopifyAppliers.set('orders/create', original);
});

/** The sample order as order `n`: its own order, line and customer ids (like bench/payloads.ts). */
function orderBody(n: number, fields: Record<string, string> = {}): string {
  const renumbered = shopify.ordersCreate.replace(
    /\b(\d{5})\d{8,13}\b/g,
    (_m, head: string) => `${head}${String(n).padStart(13, '0')}`,
  );
  return patchRaw(renumbered, { name: `"#B${n}"`, ...fields });
}

async function stored(shop: string, topic: string, body: string): Promise<string> {
  const { status, eventId } = await post(await shopifyWebhook(topic, body, { shop }));
  expect(status).toBe(200);
  return eventId!;
}

async function consume(eventIds: string[], attempts = 1, d1: D1Database = env.DB) {
  const batch = createMessageBatch(
    'aftercare-events',
    eventIds.map((eventId, i) => ({ id: `msg-${eventId}-${i}`, timestamp: new Date(), attempts, body: { eventId } })),
  );
  const ctx = createExecutionContext();
  await consumer(batch as MessageBatch<unknown>, { ...env, DB: d1 });
  return getQueueResult(batch, ctx);
}

const count = async (sql: string, ...binds: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...binds)
    .first<{ n: number }>())!.n;

const fresh = (): Meter => ({ queries: 0, rowsRead: 0, rowsWritten: 0, unmetered: 0, roundTrips: 0 });

describe('events consumer, batched apply', () => {
  it('applies a batch of orders in one D1 batch per shop, each once, and leaves other topics to the one-by-one path', async () => {
    const shop = uniqueDomain('batch');
    await createShop(env.DB, { domain: shop });
    const ids = [];
    for (let n = 1; n <= 6; n++) ids.push(await stored(shop, 'orders/create', orderBody(n)));
    const meter = fresh();
    const result = await consume(ids, 1, meteredD1(env.DB, meter));
    expect(meter.roundTrips).toBeLessThanOrEqual(6);
    expect(result.explicitAcks.sort()).toEqual(ids.map((id, i) => `msg-${id}-${i}`).sort());
    expect(result.retryMessages).toHaveLength(0);
    const shopId = await shopIdOf(shop);
    expect(await count('SELECT count(*) AS n FROM orders WHERE shop_id = ?1', shopId)).toBe(6);
    expect(await count('SELECT count(*) AS n FROM order_lines WHERE shop_id = ?1', shopId)).toBe(30);
    for (const id of ids) expect(await eventRow(id)).toMatchObject({ status: 'processed', attempts: 1 });
    // One read of the six events, the shop (insert-or-nothing + read), one apply batch, one mark batch
    // (the one-by-one path made 4 round trips and 11 statements per order).
    expect(meter.queries / ids.length).toBeLessThanOrEqual(9);
  });

  it('retries only the poison events of a batch (a body that does not parse, a statement D1 refuses); the rest apply exactly once', async () => {
    const shop = uniqueDomain('poison-batch');
    const good = [
      await stored(shop, 'orders/create', orderBody(11)),
      await stored(shop, 'orders/create', orderBody(12)),
    ];
    const unparsable = await stored(shop, 'orders/create', orderBody(13, { total_price: '"not money"' }));
    const refused = await stored(shop, 'orders/create', orderBody(14));
    // A deploy with a bug: order 14's statements fail in D1, which rolls back the shop's whole batch.
    shopifyAppliers.set('orders/create', withPoison(refused));
    const all = [good[0]!, unparsable, good[1]!, refused];
    const first = await consume(all);
    expect(first.retryMessages.map((m: { msgId: string }) => m.msgId).sort()).toEqual(
      [`msg-${unparsable}-1`, `msg-${refused}-3`].sort(),
    );
    expect(first.explicitAcks.sort()).toEqual([`msg-${good[0]}-0`, `msg-${good[1]}-2`].sort());
    for (const id of good) expect(await eventRow(id)).toMatchObject({ status: 'processed', attempts: 1 });
    expect(await eventRow(unparsable)).toMatchObject({ status: 'received', attempts: 1 });
    expect((await eventRow(refused))!.last_error).toMatch(/no_such_table/);
    const shopId = await shopIdOf(shop);
    expect(await count('SELECT count(*) AS n FROM orders WHERE shop_id = ?1', shopId)).toBe(2);
    expect(await count('SELECT count(*) AS n FROM order_lines WHERE shop_id = ?1', shopId)).toBe(10);

    // The queue redelivers the poison ones; the fix is deployed; they apply, and nothing twice.
    shopifyAppliers.set('orders/create', original);
    const second = await consume([unparsable, refused], 2);
    expect(second.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual([`msg-${unparsable}-0`]);
    expect(await eventRow(refused)).toMatchObject({ status: 'processed', attempts: 2 });
    expect(await count('SELECT count(*) AS n FROM orders WHERE shop_id = ?1', shopId)).toBe(3);
    expect(await count('SELECT count(*) AS n FROM order_lines WHERE shop_id = ?1', shopId)).toBe(15);
  });

  it('applies nothing twice when the whole batch is redelivered', async () => {
    const shop = uniqueDomain('redeliver-batch');
    const ids = [
      await stored(shop, 'orders/create', orderBody(21)),
      await stored(shop, 'orders/create', orderBody(22)),
    ];
    await consume(ids);
    const before = await Promise.all(ids.map((id) => eventRow(id)));
    let planned = 0;
    shopifyAppliers.set(
      'orders/create',
      Object.assign(async () => undefined, {
        statements: () => {
          planned++;
          return [];
        },
      }),
    );
    const meter = fresh();
    const again = await consume([...ids, ids[0]!], 2, meteredD1(env.DB, meter));
    expect(again.explicitAcks).toHaveLength(3);
    expect(planned).toBe(0);
    expect(meter.rowsWritten).toBe(0);
    expect(await Promise.all(ids.map((id) => eventRow(id)))).toEqual(before);
  });

  it('writes the order row but no line or customer row for an orders/updated that changes only the financial status', async () => {
    const shop = uniqueDomain('unchanged-lines');
    const created = orderBody(31, { updated_at: '"2022-01-01T00:00:00Z"', financial_status: '"pending"' });
    await consume([await stored(shop, 'orders/create', created)]);
    const shopId = await shopIdOf(shop);
    const linesBefore = await env.DB.prepare('SELECT * FROM order_lines WHERE shop_id = ?1 ORDER BY id')
      .bind(shopId)
      .all();

    const paid = patchRaw(created, { updated_at: '"2022-01-02T00:00:00Z"', financial_status: '"paid"' });
    const s = createServices(env);
    const statements = upsertOrderStatements(s, shopId, shopifyOrder.parse(parseLosslessJson(paid)));
    const results = await env.DB.batch(statements);
    // customer, order, five lines: only the order changed.
    expect(results.map((r) => r.meta.changes)).toEqual([0, 1, 0, 0, 0, 0, 0]);
    expect(results.filter((_, i) => i !== 1).every((r) => r.meta.rows_written === 0)).toBe(true);
    expect(
      await env.DB.prepare('SELECT financial_status AS f FROM orders WHERE shop_id = ?1').bind(shopId).first('f'),
    ).toBe('paid');
    expect(
      (await env.DB.prepare('SELECT * FROM order_lines WHERE shop_id = ?1 ORDER BY id').bind(shopId).all()).results,
    ).toEqual(linesBefore.results);

    // A line that did change is written.
    const moreOfOne = patchRaw(paid, { updated_at: '"2022-01-03T00:00:00Z"' }).replace(
      '"sku": "SKU2006-001"',
      '"sku": "SKU2006-001-B"',
    );
    const changed = await env.DB.batch(
      upsertOrderStatements(s, shopId, shopifyOrder.parse(parseLosslessJson(moreOfOne))),
    );
    expect(changed.map((r) => r.meta.changes)).toEqual([0, 1, 1, 0, 0, 0, 0]);
  });
});

/** The orders applier, except that `eventId`'s statements include one D1 refuses (alone or batched). */
function withPoison(eventId: string): ShopifyApplier {
  const statements = (ctx: Parameters<ShopifyApplier>[0]) => {
    const own = original.statements!(ctx);
    if (ctx.event.id !== eventId) return own;
    return [...own, ctx.s.d1(ctx.shop.id).prepare('INSERT INTO no_such_table VALUES (1)')];
  };
  return Object.assign(
    async (ctx: Parameters<ShopifyApplier>[0]) => {
      await ctx.s.d1(ctx.shop.id).batch(statements(ctx));
    },
    { statements },
  );
}
