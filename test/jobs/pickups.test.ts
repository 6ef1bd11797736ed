import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { LocalCarrier, ManualCarrier } from '../../src/integrations/carriers';
import { processJobBatch } from '../../src/queue/consumer';
import { refundFailedPickupLabel } from '../../src/pickups/label-refund';
import { checkLabelRefund, refundsDueSql } from '../../src/pickups/label-refund-check';
import { preparePickup } from '../../src/pickups/request';
import { json, mockHttp } from '../helpers/msw';
import { EP, fakeEasyPost } from './fake-easypost';
import { approvedPickupReturn, deadLetter, drain, fakeBatch, jobServices, notifications } from './harness';
import { LIVE_EASYPOST_KEY, livePickups } from './live-pickups';

const mock = mockHttp();

// In the future: the cron ticks below also run the SLA resync, which arms each open case's clock;
// deadlines years away keep those real alarms from firing (and writing) while the tests run.
const T0 = Date.UTC(2037, 10, 23, 10);
const address = { name: 'Sam', address1: '1 Main St', city: 'Springfield', zip: '12345', countryCode: 'US' };

const approvedReturn = (settings: Record<string, unknown> = {}) =>
  approvedPickupReturn({ integrations: 'local', pickupCarrier: 'easypost', ...settings }, T0);

const pickupRow = (id: string) =>
  env.DB.prepare('SELECT * FROM pickups WHERE id = ?').bind(id).first<Record<string, unknown>>();
const caseRow = (id: string) =>
  env.DB.prepare('SELECT priority, tier, version FROM cases WHERE id = ?').bind(id).first<Record<string, unknown>>();
const events = async (caseId: string) =>
  (
    await env.DB.prepare('SELECT type, data FROM case_events WHERE case_id = ? ORDER BY at, id')
      .bind(caseId)
      .all<{ type: string; data: string }>()
  ).results;

describe('carrier pickups', () => {
  it('books the pickup once, stores the confirmation and emails it to the shopper', async () => {
    const { shop, caseId } = await approvedReturn();
    const carrier = new LocalCarrier();
    const { s, q, email } = jobServices(T0, { carrier: () => carrier });
    const { statement, pickupId } = preparePickup(s, {
      shop,
      caseId,
      address,
      windowStart: T0 + 86_400_000,
      windowEnd: T0 + 86_400_000 + 4 * 3_600_000,
    });
    await env.DB.batch([statement]);
    const job = { kind: 'schedule-pickup', shopId: shop.id, pickupId };
    await processJobBatch(s, fakeBatch([job, job]).batch);
    await processJobBatch(s, fakeBatch([job], { attempts: 2 }).batch);
    await drain(s, q);

    expect(carrier.requests).toHaveLength(1);
    expect(carrier.requests[0]).toMatchObject({ pickupId, address, windowStart: T0 + 86_400_000 });
    expect(await pickupRow(pickupId)).toMatchObject({
      status: 'scheduled',
      confirmation: expect.stringMatching(/^LOCAL-/),
      provider_ref: `local_pickup_${pickupId}`,
      attempts: 1,
    });
    expect((await events(caseId)).map((e) => e.type)).toEqual(['PickupScheduled']);
    const mails = await notifications(shop.id);
    expect(mails).toEqual([expect.objectContaining({ kind: 'pickup_scheduled', status: 'sent', case_id: caseId })]);
    expect(String(mails[0]!.body_text)).toContain('1 Main St, Springfield, 12345');
    expect(email.sent).toHaveLength(1);
  });

  it('a failing pickup retries with backoff, then escalates the case once after the last retry and refunds its unused label once', async () => {
    const { shop, caseId } = await approvedReturn();
    const carrier = new LocalCarrier();
    carrier.failNext = 100;
    const { s } = jobServices(T0, { carrier: () => carrier });
    const { statement, pickupId } = preparePickup(s, {
      shop,
      caseId,
      address,
      windowStart: T0,
      windowEnd: T0 + 3_600_000,
    });
    await env.DB.batch([statement]);
    const job = { kind: 'schedule-pickup', shopId: shop.id, pickupId };
    const delays = [];
    for (let attempt = 1; attempt <= 7; attempt++) {
      const b = fakeBatch([job], { attempts: attempt });
      await processJobBatch(s, b.batch);
      expect(b.state[0]!.outcome).toBe('retry');
      delays.push(b.state[0]!.delaySeconds);
    }
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920]);
    expect(await pickupRow(pickupId)).toMatchObject({
      status: 'requested',
      attempts: 7,
      last_error: 'local carrier: simulated outage',
    });
    expect(await caseRow(caseId)).toMatchObject({ priority: 'normal', tier: 1 });

    // The first attempt stored the label it bought before failing (as EasyPost's adapter does).
    expect(await pickupRow(pickupId)).toMatchObject({
      shipment_ref: `local_shp_${pickupId}`,
      label_refund_status: null,
    });

    // The queue gives up: the dead-letter consumer escalates and refunds the label nobody will use.
    await deadLetter(s, [job]);
    expect(carrier.refunds).toEqual([`local_shp_${pickupId}`]);
    // A redelivered DLQ message changes nothing more, and asks no carrier again: a fresh adapter
    // (no memory of the first refund) is not called, because D1 holds the answer.
    const fresh = new LocalCarrier();
    await deadLetter(jobServices(T0, { carrier: () => fresh }).s, [job]);
    await processJobBatch(jobServices(T0, { carrier: () => fresh }).s, fakeBatch([job], { attempts: 8 }).batch);
    expect(fresh.refunds).toEqual([]);
    expect(fresh.requests).toEqual([]);
    expect(await pickupRow(pickupId)).toMatchObject({ status: 'failed', label_refund_status: 'submitted' });
    expect(await caseRow(caseId)).toMatchObject({ priority: 'high', tier: 2, version: 2 });
    const evs = await events(caseId);
    expect(evs.map((e) => e.type)).toEqual(['PickupFailed', 'PickupLabelRefundRequested']);
    expect(JSON.parse(evs[0]!.data)).toMatchObject({ pickupId, from: 'normal', to: 'high' });
    expect(JSON.parse(evs[1]!.data)).toEqual({
      pickupId,
      shipmentRef: `local_shp_${pickupId}`,
      refundStatus: 'submitted',
    });
    // Scoped by shop: another shop naming this pickup id reaches nothing.
    expect(await refundFailedPickupLabel(jobServices(T0, { carrier: () => fresh }).s, 'shop_other', pickupId)).toBe(
      'none',
    );
    // The follow-up reads the carrier's decision once; another shop naming the pickup reaches nothing.
    const later = jobServices(T0 + 13 * 3_600_000, { carrier: () => fresh }).s;
    expect(await checkLabelRefund(later, 'shop_other', pickupId)).toBe('none');
    expect(await checkLabelRefund(later, shop.id, pickupId)).toBe('refunded');
    expect(await checkLabelRefund(later, shop.id, pickupId)).toBe('none');
    expect((await events(caseId)).map((e) => e.type)).toEqual([
      'PickupFailed',
      'PickupLabelRefundRequested',
      'PickupLabelRefunded',
    ]);
    const dead = await env.DB.prepare('SELECT status, last_error FROM job_failures WHERE job_key = ?')
      .bind(`schedule-pickup:${shop.id}:${pickupId}`)
      .first();
    expect(dead).toEqual({ status: 'dead', last_error: 'Error: local carrier: simulated outage' });
  });

  it('the manual carrier emails drop-off instructions instead of booking', async () => {
    const { shop, caseId } = await approvedReturn({
      pickupCarrier: 'manual',
      dropOffInstructions: 'Bring the parcel to any UPS Access Point.',
    });
    const { s } = jobServices(T0, { carrier: () => new ManualCarrier('UPS') });
    const { statement, pickupId } = preparePickup(s, {
      shop,
      caseId,
      address,
      windowStart: T0,
      windowEnd: T0 + 3_600_000,
    });
    await env.DB.batch([statement]);
    await processJobBatch(s, fakeBatch([{ kind: 'schedule-pickup', shopId: shop.id, pickupId }]).batch);
    expect(await pickupRow(pickupId)).toMatchObject({ status: 'scheduled', carrier: 'manual' });
    expect(await new ManualCarrier().refundLabel()).toEqual({ status: 'not_purchased', requested: false });
    expect(await new ManualCarrier().labelRefundStatus()).toBeNull();
    const [mail] = await notifications(shop.id);
    expect(mail).toMatchObject({ kind: 'drop_off_instructions', subject: 'How to send back your return R-1001' });
    expect(String(mail!.body_text)).toContain('Bring the parcel to any UPS Access Point.');
  });
});

/**
 * A `submitted` label refund is followed up by the cron until the carrier decides: through the
 * Worker's `scheduled` handler (ticks at chosen times), the `check-label-refund` jobs it queues, and
 * the real EasyPost adapter answered by MSW (shipments/retrieve.sh: GET, Basic auth, no body).
 */
describe('label refund follow-up (cron → check job → EasyPost through MSW)', () => {
  const H = 3_600_000;
  const refundCols = (id: string) =>
    env.DB.prepare(
      'SELECT label_refund_status, label_refund_requested_at, label_refund_checked_at FROM pickups WHERE id = ?',
    )
      .bind(id)
      .first();
  const labelEvents = async (caseId: string) => (await events(caseId)).filter((e) => e.type.startsWith('PickupLabel'));
  const gets = () =>
    mock.requests
      .filter((r) => r.method === 'GET')
      .map((r) => `${r.url} ${r.headers.authorization} ${r.headers['content-type']} ${r.text || '-'}`);
  const CHECK = 'check-label-refund';

  it('asks every 12 hours while the carrier says submitted, and records `refunded` once across ticks and redeliveries', async () => {
    const ep = fakeEasyPost(mock);
    const { tick, run, failedPickup } = livePickups(T0);
    const a = await failedPickup('#4301');
    expect(await refundCols(a.pickupId)).toEqual({
      label_refund_status: 'submitted',
      label_refund_requested_at: T0,
      label_refund_checked_at: T0,
    });
    const before = mock.requests.length;

    expect(await tick(T0 + 11 * H, CHECK, [a.shopId])).toEqual([]);
    const first = await tick(T0 + 12 * H, CHECK, [a.shopId]);
    expect(first).toEqual([{ kind: CHECK, shopId: a.shopId, pickupId: a.pickupId }]);
    await run(first, T0 + 12 * H + 1000);
    expect(gets().slice(-1)).toEqual([
      `${EP}/shipments/${a.shipmentRef} Basic ${btoa(`${LIVE_EASYPOST_KEY}:`)} undefined -`,
    ]);
    expect(await refundCols(a.pickupId)).toEqual({
      label_refund_status: 'submitted',
      label_refund_requested_at: T0,
      label_refund_checked_at: T0 + 12 * H + 1000,
    });
    expect(await tick(T0 + 20 * H, CHECK, [a.shopId])).toEqual([]);

    ep.shipments.get(a.shipmentRef)!.refund_status = 'refunded';
    const second = await tick(T0 + 25 * H, CHECK, [a.shopId]);
    await run([...second, ...second], T0 + 25 * H); // delivered twice
    expect(await refundCols(a.pickupId)).toMatchObject({
      label_refund_status: 'refunded',
      label_refund_checked_at: T0 + 25 * H,
    });
    expect(await tick(T0 + 60 * H, CHECK, [a.shopId])).toEqual([]);
    await run(second, T0 + 60 * H); // a stray redelivery
    expect(mock.requests.slice(before).map((r) => r.method)).toEqual(['GET', 'GET']);
    const evs = await labelEvents(a.caseId);
    expect(evs.map((e) => e.type)).toEqual(['PickupLabelRefundRequested', 'PickupLabelRefunded']);
    expect(JSON.parse(evs[1]!.data)).toEqual({
      pickupId: a.pickupId,
      shipmentRef: a.shipmentRef,
      refundStatus: 'refunded',
      carrierStatus: 'refunded',
      requestedAt: T0,
    });
  });

  it('records a rejected refund on its case once, leaves another shop’s refund alone, and a job naming another shop reaches nothing', async () => {
    const ep = fakeEasyPost(mock);
    const { tick, run, failedPickup } = livePickups(T0);
    const a = await failedPickup('#4302');
    const b = await failedPickup('#4303');
    ep.shipments.get(a.shipmentRef)!.refund_status = 'rejected';
    const jobs = await tick(T0 + 12 * H, CHECK, [a.shopId, b.shopId]);
    expect(jobs).toHaveLength(2);
    await run(jobs, T0 + 12 * H);
    expect(await refundCols(a.pickupId)).toMatchObject({ label_refund_status: 'rejected' });
    expect(await refundCols(b.pickupId)).toEqual({
      label_refund_status: 'submitted',
      label_refund_requested_at: T0,
      label_refund_checked_at: T0 + 12 * H,
    });
    expect((await labelEvents(a.caseId)).map((e) => e.type)).toEqual([
      'PickupLabelRefundRequested',
      'PickupLabelRefundRejected',
    ]);
    expect((await labelEvents(b.caseId)).map((e) => e.type)).toEqual(['PickupLabelRefundRequested']);

    // Shop A's id with B's (still submitted) pickup reaches nothing; A's own job redelivered records nothing again.
    const seen = mock.requests.length;
    await run(
      [
        { kind: CHECK, shopId: a.shopId, pickupId: b.pickupId },
        { kind: CHECK, shopId: a.shopId, pickupId: a.pickupId },
      ],
      T0 + 13 * H,
    );
    expect(mock.requests).toHaveLength(seen);
    expect(await refundCols(b.pickupId)).toMatchObject({
      label_refund_status: 'submitted',
      label_refund_checked_at: T0 + 12 * H,
    });
    expect((await labelEvents(a.caseId)).map((e) => e.type)).toEqual([
      'PickupLabelRefundRequested',
      'PickupLabelRefundRejected',
    ]);
  });

  it('the first check past 30 days is the last: still undecided (or unreadable), the refund is recorded `unconfirmed` and never asked about again', async () => {
    fakeEasyPost(mock);
    const { tick, run, failedPickup } = livePickups(T0);
    const a = await failedPickup('#4304');
    const b = await failedPickup('#4305');
    mock.on('get', `${EP}/shipments/${b.shipmentRef}`, () => json({ error: { code: 'INTERNAL_SERVER_ERROR' } }, 500));
    const day30 = T0 + 30 * 24 * H + H;
    await run(await tick(day30, CHECK, [a.shopId, b.shopId]), day30);
    for (const p of [a, b]) {
      expect(await refundCols(p.pickupId)).toMatchObject({
        label_refund_status: 'unconfirmed',
        label_refund_checked_at: day30,
      });
      expect((await labelEvents(p.caseId)).map((e) => e.type)).toEqual([
        'PickupLabelRefundRequested',
        'PickupLabelRefundUnconfirmed',
      ]);
    }
    const seen = mock.requests.length;
    expect(await tick(day30 + 13 * H, CHECK, [a.shopId, b.shopId])).toEqual([]);
    expect(await tick(day30 + 40 * 24 * H, CHECK, [a.shopId, b.shopId])).toEqual([]);
    expect(mock.requests).toHaveLength(seen);
    // Each tick's search for due refunds walks its index, not every pickup of every shop.
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${refundsDueSql}`).bind(day30, 100).all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail).join(' ')).toMatch(/USING INDEX pickups_label_refund_check_idx/);
  });
});
