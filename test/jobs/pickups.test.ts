import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { LocalCarrier, ManualCarrier } from '../../src/integrations/carriers';
import { processJobBatch } from '../../src/jobs/consumer';
import { refundFailedPickupLabel } from '../../src/jobs/pickup-label-refund';
import { preparePickup } from '../../src/jobs/pickups';
import { approvedPickupReturn, deadLetter, drain, fakeBatch, jobServices, notifications } from './harness';

const T0 = Date.UTC(2026, 10, 23, 10);
const address = { name: 'Sam', address1: '1 Main St', city: 'Springfield', zip: '12345', countryCode: 'US' };

const approvedReturn = (settings: Record<string, unknown> = {}) => approvedPickupReturn({ integrations: 'local', pickupCarrier: 'easypost', ...settings }, T0);

const pickupRow = (id: string) => env.DB.prepare('SELECT * FROM pickups WHERE id = ?').bind(id).first<Record<string, unknown>>();
const caseRow = (id: string) => env.DB.prepare('SELECT priority, tier, version FROM cases WHERE id = ?').bind(id).first<Record<string, unknown>>();
const events = async (caseId: string) => (await env.DB.prepare('SELECT type, data FROM case_events WHERE case_id = ? ORDER BY at, id').bind(caseId).all<{ type: string; data: string }>()).results;

describe('carrier pickups', () => {
  it('books the pickup once, stores the confirmation and emails it to the shopper', async () => {
    const { shop, caseId } = await approvedReturn();
    const carrier = new LocalCarrier();
    const { s, q, email } = jobServices(T0, { carrier: () => carrier });
    const { statement, pickupId } = preparePickup(s, { shopId: shop.id, caseId, address, windowStart: T0 + 86_400_000, windowEnd: T0 + 86_400_000 + 4 * 3_600_000 });
    await env.DB.batch([statement]);
    const job = { kind: 'schedule-pickup', shopId: shop.id, pickupId };
    await processJobBatch(s, fakeBatch([job, job]).batch);
    await processJobBatch(s, fakeBatch([job], { attempts: 2 }).batch);
    await drain(s, q);

    expect(carrier.requests).toHaveLength(1);
    expect(carrier.requests[0]).toMatchObject({ pickupId, address, windowStart: T0 + 86_400_000 });
    expect(await pickupRow(pickupId)).toMatchObject({ status: 'scheduled', confirmation: expect.stringMatching(/^LOCAL-/), provider_ref: `local_pickup_${pickupId}`, attempts: 1 });
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
    const { statement, pickupId } = preparePickup(s, { shopId: shop.id, caseId, address, windowStart: T0, windowEnd: T0 + 3_600_000 });
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
    expect(await pickupRow(pickupId)).toMatchObject({ status: 'requested', attempts: 7, last_error: 'local carrier: simulated outage' });
    expect(await caseRow(caseId)).toMatchObject({ priority: 'normal', tier: 1 });

    // The first attempt stored the label it bought before failing (as EasyPost's adapter does).
    expect(await pickupRow(pickupId)).toMatchObject({ shipment_ref: `local_shp_${pickupId}`, label_refund_status: null });

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
    expect(JSON.parse(evs[1]!.data)).toEqual({ pickupId, shipmentRef: `local_shp_${pickupId}`, refundStatus: 'submitted' });
    // Scoped by shop: another shop naming this pickup id reaches nothing.
    expect(await refundFailedPickupLabel(jobServices(T0, { carrier: () => fresh }).s, 'shop_other', pickupId)).toBe('none');
    const dead = await env.DB.prepare('SELECT status, last_error FROM job_failures WHERE job_key = ?').bind(`schedule-pickup:${shop.id}:${pickupId}`).first();
    expect(dead).toEqual({ status: 'dead', last_error: 'Error: local carrier: simulated outage' });
  });

  it('the manual carrier emails drop-off instructions instead of booking', async () => {
    const { shop, caseId } = await approvedReturn({ pickupCarrier: 'manual', dropOffInstructions: 'Bring the parcel to any UPS Access Point.' });
    const { s } = jobServices(T0, { carrier: () => new ManualCarrier('UPS') });
    const { statement, pickupId } = preparePickup(s, { shopId: shop.id, caseId, address, windowStart: T0, windowEnd: T0 + 3_600_000, carrier: 'manual' });
    await env.DB.batch([statement]);
    await processJobBatch(s, fakeBatch([{ kind: 'schedule-pickup', shopId: shop.id, pickupId }]).batch);
    expect(await pickupRow(pickupId)).toMatchObject({ status: 'scheduled', carrier: 'manual' });
    expect(await new ManualCarrier().refundLabel()).toEqual({ status: 'not_purchased', requested: false });
    const [mail] = await notifications(shop.id);
    expect(mail).toMatchObject({ kind: 'drop_off_instructions', subject: 'How to send back your return R-1001' });
    expect(String(mail!.body_text)).toContain('Bring the parcel to any UPS Access Point.');
  });
});
