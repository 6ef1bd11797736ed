/**
 * A pickup job that dies after EasyPost answered and before our D1 write must not, on its retry,
 * buy a second label or book a second pickup, nor ask twice for the refund of a label left unused. EasyPost documents no Idempotency-Key, so the job
 * stores each provider id before anything is bought on it and the retry reads those objects first.
 * The real EasyPost adapter runs on its production path (INTEGRATIONS=live, EASYPOST_API_KEY,
 * global fetch), and EasyPost is MSW behaving like EasyPost: a bought object stays bought.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { processDeadJobBatch, processJobBatch } from '../../src/queue/consumer';
import { LABEL_REFUND_LEASE_MS } from '../../src/pickups/label-refund';
import { preparePickup } from '../../src/pickups/request';
import { LocalOutboxEmail } from '../../src/integrations/email';
import { fixedClock } from '../../src/lib/clock';
import { createServices } from '../../src/services';
import { http, HttpResponse, mockHttp } from '../helpers/msw';
import { approvedPickupReturn, fakeBatch, notifications, recordingQueue } from './harness';
import { EP, fakeEasyPost } from './fake-easypost';
import { envWith } from '../helpers/env';

const mock = mockHttp();
const T0 = Date.UTC(2026, 10, 23, 10);
const address = {
  name: 'Sam',
  address1: '1 Main St',
  city: 'Springfield',
  provinceCode: 'IL',
  zip: '62701',
  countryCode: 'US',
};
const warehouse = {
  name: 'Returns',
  address1: '1 Dock Rd',
  city: 'Oakland',
  provinceCode: 'CA',
  zip: '94607',
  countryCode: 'US',
};
/** A D1 whose `at`-th `batch` dies (once): the worker is gone before that write lands. */
function dyingOnBatch(d1: D1Database, at = 1) {
  const state = { armed: true, died: 0, batches: 0 };
  const db = new Proxy(d1, {
    get(t, p) {
      if (p === 'batch')
        return (stmts: D1PreparedStatement[]) => {
          if (state.armed && ++state.batches === at) {
            state.armed = false;
            state.died++;
            return Promise.reject(new Error('SIGKILL: the worker died here'));
          }
          return t.batch(stmts);
        };
      const v = Reflect.get(t, p) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
  return { db, state };
}

async function setup(opts: { maxCostMinor?: number; dieAtBatch?: number } = {}) {
  const settings = {
    pickupCarrier: 'easypost',
    pickupAllowedCarriers: ['UPS', 'FedEx'],
    pickupMaxCostMinor: opts.maxCostMinor ?? 1000,
    returnAddress: warehouse,
  };
  const { shop, caseId } = await approvedPickupReturn(settings, T0, '#4101');
  const q = recordingQueue();
  const dying = dyingOnBatch(env.DB, opts.dieAtBatch);
  // Live integrations with an EasyPost key: `createCarriers` picks the real adapter and its global fetch.
  const liveEnv = (db: D1Database) =>
    envWith({
      DB: db,
      JOBS: q.queue,
      INTEGRATIONS: 'live',
      EASYPOST_API_KEY: 'EZTK_crash_test',
    });
  const services = (db: D1Database, now = T0) =>
    createServices(liveEnv(db), { clock: fixedClock(now), email: new LocalOutboxEmail() });
  const { statement, pickupId } = preparePickup(services(env.DB), {
    shop,
    caseId,
    address,
    windowStart: T0 + 86_400_000,
    windowEnd: T0 + 90_000_000,
  });
  await env.DB.batch([statement]);
  return { shop, caseId, pickupId, dying, services, job: { kind: 'schedule-pickup', shopId: shop.id, pickupId } };
}

const pickupRow = (id: string) =>
  env.DB.prepare(
    'SELECT status, carrier, provider_ref, shipment_ref, label_url, confirmation, cost_minor, attempts FROM pickups WHERE id = ?',
  )
    .bind(id)
    .first();
const buys = () =>
  mock.requests
    .filter((r) => r.method === 'POST' && r.url.endsWith('/buy'))
    .map((r) => new URL(r.url).pathname.replace('/v2', ''));

describe('pickup job crash and retry (EasyPost through MSW)', () => {
  it('dies after EasyPost booked, before our batch: the retry reuses the label and the pickup and buys nothing more', async () => {
    fakeEasyPost(mock);
    const { shop, caseId, pickupId, dying, services, job } = await setup();

    const first = fakeBatch([job]);
    await processJobBatch(services(dying.db), first.batch);
    expect(dying.state.died).toBe(1);
    expect(first.state[0]!.outcome).toBe('retry');
    expect(buys()).toEqual(['/shipments/shp_1/buy', '/pickups/pickup_2/buy']);
    // What the first attempt stored before buying is all the retry needs.
    expect(await pickupRow(pickupId)).toMatchObject({
      status: 'requested',
      provider_ref: 'pickup_2',
      shipment_ref: 'shp_1',
    });

    const retry = fakeBatch([job], { attempts: 2 });
    await processJobBatch(services(env.DB), retry.batch);
    expect(retry.state[0]!.outcome).toBe('ack');
    expect(buys()).toEqual(['/shipments/shp_1/buy', '/pickups/pickup_2/buy']); // exactly one of each
    expect(mock.requests.filter((r) => r.method === 'POST' && !r.url.endsWith('/buy'))).toHaveLength(2); // one shipment, one pickup created
    expect(mock.requests.slice(-2).map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'GET /v2/shipments/shp_1',
      'GET /v2/pickups/pickup_2',
    ]);
    expect(await pickupRow(pickupId)).toEqual({
      status: 'scheduled',
      carrier: 'UPS',
      provider_ref: 'pickup_2',
      shipment_ref: 'shp_1',
      label_url: 'https://labels.example/shp_1.png',
      confirmation: 'WTC20001',
      cost_minor: 400,
      attempts: 2,
    });
    const events = await env.DB.prepare('SELECT type FROM case_events WHERE shop_id = ? AND case_id = ?')
      .bind(shop.id, caseId)
      .all();
    expect(events.results).toEqual([{ type: 'PickupScheduled' }]);
    // One email to the shopper, with the one label to print.
    const mails = await notifications(shop.id);
    expect(mails.map((m) => m.kind)).toEqual(['pickup_scheduled']);
    expect(String(mails[0]!.body_text)).toContain('Print your return label: https://labels.example/shp_1.png');

    // A stray redelivery after success calls EasyPost not at all.
    const before = mock.requests.length;
    await processJobBatch(services(env.DB), fakeBatch([job], { attempts: 3 }).batch);
    expect(mock.requests).toHaveLength(before);
  });

  it('dies between the label purchase and the pickup: the retry books the pickup on the same label', async () => {
    fakeEasyPost(mock);
    const { pickupId, services, job } = await setup();
    // The pickup create fails once (EasyPost outage) after the label was bought.
    let outage = true;
    mock.use(
      http.post(`${EP}/pickups`, () =>
        outage ? ((outage = false), HttpResponse.json({ error: { code: 'INTERNAL' } }, { status: 503 })) : undefined,
      ),
    );

    const first = fakeBatch([job]);
    await processJobBatch(services(env.DB), first.batch);
    expect(first.state[0]!.outcome).toBe('retry');
    expect(await pickupRow(pickupId)).toMatchObject({ status: 'requested', shipment_ref: 'shp_1', provider_ref: null });

    await processJobBatch(services(env.DB), fakeBatch([job], { attempts: 2 }).batch);
    expect(buys()).toEqual(['/shipments/shp_1/buy', '/pickups/pickup_2/buy']);
    expect(await pickupRow(pickupId)).toMatchObject({
      status: 'scheduled',
      shipment_ref: 'shp_1',
      provider_ref: 'pickup_2',
    });
  });
});

describe('unused return label refund (EasyPost through MSW)', () => {
  const refunds = () => mock.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/refund'));
  const refundRow = (id: string) =>
    env.DB.prepare('SELECT status, shipment_ref, label_refund_status FROM pickups WHERE id = ?').bind(id).first();
  const caseEvents = async (shopId: string, caseId: string) =>
    (
      await env.DB.prepare('SELECT type, data FROM case_events WHERE shop_id = ? AND case_id = ? ORDER BY at, id')
        .bind(shopId, caseId)
        .all<{ type: string; data: string }>()
    ).results;

  it('a pickup refused for good after its label was bought: the label is refunded once, though the job dies after EasyPost answered', async () => {
    fakeEasyPost(mock);
    // No pickup rate under a 1.00 cap: the carrier refuses for good, after the label was bought.
    const { shop, caseId, pickupId, dying, services, job } = await setup({ maxCostMinor: 100, dieAtBatch: 2 });

    // Attempt 1: escalation lands (batch 1), EasyPost answers the refund, then the worker dies (batch 2).
    const first = fakeBatch([job]);
    await processJobBatch(services(dying.db), first.batch);
    expect(dying.state.died).toBe(1);
    expect(first.state[0]!.outcome).toBe('retry');
    expect(buys()).toEqual(['/shipments/shp_1/buy']);
    expect(refunds()).toHaveLength(1);
    const [refund] = refunds();
    expect({
      url: refund!.url,
      method: refund!.method,
      auth: refund!.headers.authorization,
      type: refund!.headers['content-type'],
      body: refund!.text,
    }).toEqual({
      url: `${EP}/shipments/shp_1/refund`,
      method: 'POST',
      auth: `Basic ${btoa('EZTK_crash_test:')}`,
      type: undefined,
      body: '',
    });
    expect(await refundRow(pickupId)).toEqual({
      status: 'failed',
      shipment_ref: 'shp_1',
      label_refund_status: 'requesting',
    });

    // A retry while the claim is young backs off without calling EasyPost (the holder may be alive).
    const seen = mock.requests.length;
    const early = fakeBatch([job], { attempts: 2 });
    await processJobBatch(services(env.DB, T0 + 1000), early.batch);
    expect(early.state[0]!.outcome).toBe('retry');
    expect(mock.requests).toHaveLength(seen);

    // Once the claim has expired, the retry reads the shipment, finds the refund EasyPost already has, and records it.
    const retry = fakeBatch([job], { attempts: 3 });
    await processJobBatch(services(env.DB, T0 + LABEL_REFUND_LEASE_MS), retry.batch);
    expect(retry.state[0]!.outcome).toBe('ack');
    expect(mock.requests.slice(seen).map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'GET /v2/shipments/shp_1',
    ]);
    expect(refunds()).toHaveLength(1);
    expect(await refundRow(pickupId)).toEqual({
      status: 'failed',
      shipment_ref: 'shp_1',
      label_refund_status: 'submitted',
    });
    const events = await caseEvents(shop.id, caseId);
    expect(events.map((e) => e.type)).toEqual(['PickupFailed', 'PickupLabelRefundRequested']);
    expect(JSON.parse(events[1]!.data)).toEqual({ pickupId, shipmentRef: 'shp_1', refundStatus: 'submitted' });

    // The dead-letter consumer and stray redeliveries afterwards call EasyPost not at all.
    const before = mock.requests.length;
    await processDeadJobBatch(
      services(env.DB, T0 + 10 * LABEL_REFUND_LEASE_MS),
      fakeBatch([job], { queue: 'aftercare-jobs-dlq', attempts: 7 }).batch,
    );
    await processJobBatch(services(env.DB, T0 + 10 * LABEL_REFUND_LEASE_MS), fakeBatch([job], { attempts: 4 }).batch);
    expect(mock.requests).toHaveLength(before);
    expect((await caseEvents(shop.id, caseId)).map((e) => e.type)).toEqual([
      'PickupFailed',
      'PickupLabelRefundRequested',
    ]);
  });
});
