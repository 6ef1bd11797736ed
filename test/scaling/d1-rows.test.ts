/**
 * What one webhook costs in D1 rows (what D1 bills), ack and apply apart, measured through the real
 * Worker with a metering D1 (d1-meter.ts). `npm run bench` runs this file and puts the printed
 * numbers in bench/results.json; docs/SCALING.md multiplies them out. The bounds asserted here are
 * a regression guard: an ack that starts writing ten rows is a design change someone must notice.
 */
import { createExecutionContext, createMessageBatch, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { seedDemoShop } from '../../src/db/seed';
import { shopifyWebhook, stripeWebhook } from '../helpers/webhooks';
import { meteredD1, type Meter } from './d1-meter';
import ordersCreate from '../fixtures/shopify/orders__create.json?raw';
import returnsRequest from '../fixtures/shopify/returns__request.json?raw';
import refundsCreate from '../fixtures/shopify/refunds__create.json?raw';
import fulfillmentsCreate from '../fixtures/shopify/fulfillments__create.json?raw';
import chargeRefunded from '../fixtures/stripe/events/charge.refunded.json?raw';

const fresh = (): Meter => ({ queries: 0, rowsRead: 0, rowsWritten: 0, unmetered: 0, roundTrips: 0 });

async function measure(req: Request): Promise<{ ack: Meter; apply: Meter; status: string; bodyBytes: number }> {
  const ack = fresh();
  const ackEnv = { ...env, DB: meteredD1(env.DB, ack) };
  const ctx = createExecutionContext();
  const res = await worker.fetch(req.clone() as Request<unknown, IncomingRequestCfProperties>, ackEnv, ctx);
  await waitOnExecutionContext(ctx);
  expect(res.status).toBe(200);
  const raw = await req.text();
  const row = await env.DB.prepare('SELECT id FROM webhook_events ORDER BY received_at DESC, id DESC LIMIT 1').first<{
    id: string;
  }>();
  const apply = fresh();
  const batch = createMessageBatch('aftercare-events', [
    { id: `m-${row!.id}`, timestamp: new Date(), attempts: 1, body: { eventId: row!.id } },
  ]);
  await worker.queue(
    batch as MessageBatch<unknown>,
    { ...env, DB: meteredD1(env.DB, apply) },
    createExecutionContext(),
  );
  const after = await env.DB.prepare('SELECT status FROM webhook_events WHERE id = ?1')
    .bind(row!.id)
    .first<{ status: string }>();
  return { ack, apply, status: after?.status ?? 'missing', bodyBytes: new TextEncoder().encode(raw).length };
}

describe('D1 rows per webhook (for docs/SCALING.md)', () => {
  it('measures ack and apply rows for each kind of webhook the bench sends', async () => {
    await seedDemoShop(env.DB, Date.now());
    const cases = {
      'orders/create': await shopifyWebhook('orders/create', ordersCreate),
      // The same order changed later: the upsert path every orders/updated takes.
      'orders/updated': await shopifyWebhook(
        'orders/updated',
        ordersCreate.replace(/"updated_at": "2021-12-31T19:00:00-05:00"/g, '"updated_at": "2022-01-02T19:00:00-05:00"'),
      ),
      'fulfillments/create': await shopifyWebhook('fulfillments/create', fulfillmentsCreate),
      'returns/request': await shopifyWebhook(
        'returns/request',
        returnsRequest.replace(/4783296544821/g, '820982911946154508'),
      ),
      'refunds/create': await shopifyWebhook('refunds/create', refundsCreate),
      'charge.refunded': await stripeWebhook(chargeRefunded),
    };
    const out: Record<string, unknown> = {};
    for (const [topic, req] of Object.entries(cases)) {
      const m = await measure(req);
      out[topic] = { status: m.status, bodyBytes: m.bodyBytes, ack: m.ack, apply: m.apply };
      // The ack path is one deduplicating INSERT (plus its index entries): it must stay small.
      expect(m.ack.rowsWritten, topic).toBeGreaterThan(0);
      expect(m.ack.rowsWritten, topic).toBeLessThanOrEqual(10);
      expect(m.status, topic).toMatch(/processed|ignored/);
    }
    console.log(`D1_ROWS_PER_WEBHOOK ${JSON.stringify(out)}`);
  });

  it("measures a queue batch of 25 orders applied together, per event (the consumer commits a shop's share at once)", async () => {
    await seedDemoShop(env.DB, Date.now());
    const n = 25;
    const order = (i: number, updatedAt: string, financial: string) =>
      ordersCreate
        .replace(/\b(\d{5})\d{8,13}\b/g, (_m, head: string) => `${head}${String(500 + i).padStart(13, '0')}`)
        .replace(/"updated_at": "2021-12-31T19:00:00-05:00"/g, `"updated_at": "${updatedAt}"`)
        .replace('"financial_status": "voided"', `"financial_status": "${financial}"`);
    const perEvent = async (topic: string, updatedAt: string, financial: string) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const res = await worker.fetch(
          (await shopifyWebhook(topic, order(i, updatedAt, financial))) as Request<
            unknown,
            IncomingRequestCfProperties
          >,
          env,
          createExecutionContext(),
        );
        expect(res.status).toBe(200);
        const row = await env.DB.prepare(
          'SELECT id FROM webhook_events ORDER BY received_at DESC, id DESC LIMIT 1',
        ).first<{
          id: string;
        }>();
        ids.push(row!.id);
      }
      const apply = fresh();
      const batch = createMessageBatch(
        'aftercare-events',
        ids.map((eventId) => ({ id: `m-${eventId}`, timestamp: new Date(), attempts: 1, body: { eventId } })),
      );
      await worker.queue(
        batch as MessageBatch<unknown>,
        { ...env, DB: meteredD1(env.DB, apply) },
        createExecutionContext(),
      );
      const done = await env.DB.prepare(
        `SELECT count(*) AS n FROM webhook_events WHERE status = 'processed' AND id IN (${ids.map((id) => `'${id}'`).join(',')})`,
      ).first<{ n: number }>();
      expect(done!.n).toBe(n);
      return {
        statements: apply.queries / n,
        roundTrips: (apply.roundTrips ?? 0) / n,
        rowsWritten: apply.rowsWritten / n,
        rowsRead: apply.rowsRead / n,
      };
    };
    const out = {
      batchSize: n,
      'orders/create': await perEvent('orders/create', '2021-12-31T19:00:00-05:00', 'pending'),
      // The same orders, paid: only the financial status moved, so no line or customer row is written.
      'orders/updated (financial status only)': await perEvent('orders/updated', '2022-01-02T19:00:00-05:00', 'paid'),
    };
    expect(out['orders/updated (financial status only)'].rowsWritten).toBeLessThan(12);
    expect(out['orders/create'].roundTrips).toBeLessThan(1);
    console.log(`D1_ROWS_PER_BATCHED_EVENT ${JSON.stringify(out)}`);
  });
});
