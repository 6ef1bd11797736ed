/**
 * A pickup follows its case: the booking job books nothing for a case that ended, and a case that
 * ends (an agent's reject or close) cancels its booked pickup at the carrier and refunds the label,
 * once across redeliveries, in its own shop only. Local carrier: it records every call.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import { CarrierError, LocalCarrier } from '../../src/integrations/carriers';
import { processJobBatch } from '../../src/queue/consumer';
import { requeueStalePickups } from '../../src/pickups/stale-sweep';
import type { JobMessage } from '../../src/queue/messages';
import { cancelPickup, pickupFit, transitionEndsPickup } from '../../src/pickups/cancel';
import { preparePickup } from '../../src/pickups/request';
import type { Services } from '../../src/services';
import { approvedPickupReturn, fakeBatch, jobServices } from './harness';

const T0 = Date.UTC(2037, 10, 23, 10);
const address = { name: 'Sam', address1: '1 Main St', city: 'Springfield', zip: '12345', countryCode: 'US' };

const pickupRow = (id: string) =>
  env.DB.prepare(
    'SELECT status, provider_ref, shipment_ref, label_refund_status, cancel_claimed_at FROM pickups WHERE id = ?',
  )
    .bind(id)
    .first<Record<string, unknown>>();
// One clock instant for all: by type, since ids of the same instant do not order them.
const eventTypes = async (caseId: string) =>
  (
    await env.DB.prepare('SELECT type FROM case_events WHERE case_id = ? ORDER BY type')
      .bind(caseId)
      .all<{ type: string }>()
  ).results.map((e) => e.type);
const setCase = (caseId: string, status: string) =>
  env.DB.prepare('UPDATE cases SET status = ? WHERE id = ?').bind(status, caseId).run();

async function pickupFor(orderName: string, carrier: LocalCarrier, caseStatus = 'approved') {
  const { shop, caseId } = await approvedPickupReturn(
    { integrations: 'local', pickupCarrier: 'easypost' },
    T0,
    orderName,
  );
  if (caseStatus !== 'approved') await setCase(caseId, caseStatus);
  const { s } = jobServices(T0, { carrier: () => carrier });
  const { statement, pickupId } = preparePickup(s, {
    shop,
    caseId,
    address,
    windowStart: T0 + 86_400_000,
    windowEnd: T0 + 90_000_000,
  });
  await env.DB.batch([statement]);
  const book = { kind: 'schedule-pickup', shopId: shop.id, pickupId };
  return { shop, caseId, pickupId, s, book };
}

describe('a pickup follows its case', () => {
  it('which statuses book, wait or cancel; which transitions cancel a pickup', () => {
    expect(
      ['approved', 'awaiting_shipment', 'requested', 'rejected', 'closed', 'resolved', 'in_transit'].map((st) =>
        pickupFit(st, null),
      ),
    ).toEqual(['book', 'book', 'wait', 'cancel', 'cancel', 'cancel', 'cancel']);
    expect(pickupFit('waiting_on_customer', 'approved')).toBe('book');
    expect(transitionEndsPickup({ status: 'approved', resumeStatus: null }, 'closed')).toBe(true);
    expect(transitionEndsPickup({ status: 'requested', resumeStatus: null }, 'rejected')).toBe(true);
    // Closed after the parcel arrived: the pickup happened, nothing to cancel.
    expect(transitionEndsPickup({ status: 'received', resumeStatus: null }, 'closed')).toBe(false);
    expect(transitionEndsPickup({ status: 'approved', resumeStatus: null }, 'in_transit')).toBe(false);
  });

  it('a case closed before the booking job: no label, no pickup; the pickup is cancelled with one event, also when redelivered', async () => {
    const carrier = new LocalCarrier();
    const { caseId, pickupId, s, book } = await pickupFor('#5101', carrier);
    await setCase(caseId, 'closed');
    const b = fakeBatch([book, book]);
    await processJobBatch(s, b.batch);
    await processJobBatch(s, fakeBatch([book], { attempts: 2 }).batch);
    expect(b.state.map((m) => m.outcome)).toEqual(['ack', 'ack']);
    expect(carrier.requests).toEqual([]);
    expect(carrier.refunds).toEqual([]);
    expect(await pickupRow(pickupId)).toMatchObject({
      status: 'cancelled',
      provider_ref: null,
      shipment_ref: null,
      label_refund_status: null,
    });
    expect(await eventTypes(caseId)).toEqual(['PickupCancelled']);
  });

  it('a case not approved yet books nothing and keeps its pickup requested', async () => {
    const carrier = new LocalCarrier();
    const { caseId, pickupId, s, book } = await pickupFor('#5102', carrier, 'requested');
    await processJobBatch(s, fakeBatch([book]).batch);
    expect(carrier.requests).toEqual([]);
    expect(await pickupRow(pickupId)).toMatchObject({ status: 'requested' });
    expect(await eventTypes(caseId)).toEqual([]);
    // The stale-pickup sweep leaves it to the approval, then picks it up once the case is approved.
    const later = jobServices(T0 + 2 * 3_600_000);
    await requeueStalePickups(later.s);
    expect(later.q.sent.map((m) => m.body)).not.toContainEqual(book);
    await setCase(caseId, 'approved');
    await requeueStalePickups(later.s);
    expect(later.q.sent.map((m) => m.body)).toContainEqual(book);
  });

  it('a label an earlier failed attempt bought is refunded once when the case ends before the retry', async () => {
    const carrier = new LocalCarrier();
    carrier.failNext = 1;
    const { caseId, pickupId, s, book } = await pickupFor('#5103', carrier);
    await processJobBatch(s, fakeBatch([book]).batch);
    expect(await pickupRow(pickupId)).toMatchObject({ status: 'requested', shipment_ref: `local_shp_${pickupId}` });
    await setCase(caseId, 'resolved');
    await processJobBatch(s, fakeBatch([book, book], { attempts: 2 }).batch);
    expect(carrier.requests).toHaveLength(1);
    expect(carrier.cancelled).toEqual([]);
    expect(carrier.refunds).toEqual([`local_shp_${pickupId}`]);
    expect(await pickupRow(pickupId)).toMatchObject({ status: 'cancelled', label_refund_status: 'submitted' });
    expect(await eventTypes(caseId)).toEqual(['PickupCancelled', 'PickupLabelRefundRequested']);
  });

  it('an agent closing a case with a booked pickup: one carrier cancel, one label refund; redelivery adds nothing; another shop’s pickup is untouched', async () => {
    const carrier = new LocalCarrier();
    const a = await pickupFor('#5104', carrier);
    const b = await pickupFor('#5105', carrier);
    await processJobBatch(a.s, fakeBatch([a.book, b.book]).batch);
    expect(await pickupRow(a.pickupId)).toMatchObject({
      status: 'scheduled',
      provider_ref: `local_pickup_${a.pickupId}`,
    });

    const closed = await applyCaseAction(a.s, {
      shopId: a.shop.id,
      caseId: a.caseId,
      actor: 'agent:ana',
      action: { action: 'close' },
    });
    const jobs = closed.effects.flatMap((e) =>
      e.kind === 'job' && e.message.kind === 'cancel-pickup' ? [e.message] : [],
    );
    const cancel: JobMessage = { kind: 'cancel-pickup', shopId: a.shop.id, pickupId: a.pickupId };
    expect(jobs).toEqual([cancel]);
    // In the case's own batch, so the cron sweep sends it if the effect is lost.
    expect(
      await env.DB.prepare(`SELECT COUNT(*) AS n FROM scheduled_jobs WHERE shop_id = ? AND kind = 'cancel-pickup'`)
        .bind(a.shop.id)
        .first('n'),
    ).toBe(1);

    await processJobBatch(a.s, fakeBatch([cancel, cancel]).batch);
    await processJobBatch(a.s, fakeBatch([cancel], { attempts: 2 }).batch);
    expect(carrier.cancelled).toEqual([`local_pickup_${a.pickupId}`]);
    expect(carrier.refunds).toEqual([`local_shp_${a.pickupId}`]);
    // A fresh adapter (no memory of the first cancel) is not asked: D1 holds the answer.
    const fresh = new LocalCarrier();
    expect(await cancelPickup(jobServices(T0, { carrier: () => fresh }).s, a.shop.id, a.pickupId)).toBe('already-done');
    expect([fresh.cancelled, fresh.refunds]).toEqual([[], []]);
    expect(await pickupRow(a.pickupId)).toMatchObject({
      status: 'cancelled',
      label_refund_status: 'submitted',
      cancel_claimed_at: T0,
    });
    expect(await eventTypes(a.caseId)).toEqual([
      'CaseClosed',
      'PickupCancelled',
      'PickupLabelRefundRequested',
      'PickupScheduled',
    ]);

    // Shop A naming B's pickup reaches nothing; B's own pickup stays booked (its case is approved).
    expect(await cancelPickup(a.s, a.shop.id, b.pickupId)).toBe('missing');
    expect(await cancelPickup(b.s, b.shop.id, b.pickupId)).toBe('kept');
    expect(await pickupRow(b.pickupId)).toMatchObject({
      status: 'scheduled',
      cancel_claimed_at: null,
      label_refund_status: null,
    });
    expect(carrier.cancelled).toEqual([`local_pickup_${a.pickupId}`]);
    expect(await eventTypes(b.caseId)).toEqual(['PickupScheduled']);
  });

  it('a case that ends while the carrier books: no booking event or email; the booking is cancelled at the carrier and its label refunded, once', async () => {
    let during: (() => Promise<unknown>) | null = null;
    class RacingCarrier extends LocalCarrier {
      override async schedule(...args: Parameters<LocalCarrier['schedule']>) {
        const booking = await super.schedule(...args);
        await during?.(); // the case ends and its cancel job runs while the carrier answers
        return booking;
      }
    }
    const carrier = new RacingCarrier();
    const { shop, caseId, pickupId, s, book } = await pickupFor('#5107', carrier);
    during = async () => (
      await setCase(caseId, 'closed'), expect(await cancelPickup(s, shop.id, pickupId)).toBe('cancelled')
    );
    await processJobBatch(s, fakeBatch([book]).batch);
    during = null;
    await processJobBatch(
      s,
      fakeBatch([book, { kind: 'cancel-pickup', shopId: shop.id, pickupId }], { attempts: 2 }).batch,
    );
    expect(carrier.requests).toHaveLength(1);
    expect(carrier.cancelled).toEqual([`local_pickup_${pickupId}`]);
    expect(carrier.refunds).toEqual([`local_shp_${pickupId}`]);
    expect(await pickupRow(pickupId)).toMatchObject({
      status: 'cancelled',
      provider_ref: `local_pickup_${pickupId}`,
      label_refund_status: 'submitted',
    });
    expect(await eventTypes(caseId)).toEqual(['PickupCancelled', 'PickupLabelRefundRequested']);
    expect(
      await env.DB.prepare('SELECT COUNT(*) AS n FROM notifications WHERE shop_id = ?').bind(shop.id).first('n'),
    ).toBe(0);
  });

  it('a rejected case cancels a pickup booked while it was still requested (before this fix) and a live claim makes a concurrent job back off', async () => {
    const carrier = new LocalCarrier();
    const { shop, caseId, pickupId, s } = await pickupFor('#5106', carrier, 'requested');
    // Booked by the old job (it did not look at the case): scheduled with a bought label.
    await env.DB.prepare(`UPDATE pickups SET status = 'scheduled', provider_ref = ?, shipment_ref = ? WHERE id = ?`)
      .bind(`local_pickup_${pickupId}`, `local_shp_${pickupId}`, pickupId)
      .run();
    const rejected = await applyCaseAction(s, {
      shopId: shop.id,
      caseId,
      actor: 'agent:ana',
      action: { action: 'reject', reason: 'Outside the return window.' },
    });
    const cancel: JobMessage = { kind: 'cancel-pickup', shopId: shop.id, pickupId };
    expect(rejected.effects).toContainEqual({ kind: 'job', message: cancel });

    // Another job holds a live claim: this one backs off (retried) and asks the carrier nothing.
    await env.DB.prepare('UPDATE pickups SET cancel_claimed_at = ? WHERE id = ?')
      .bind(T0 - 1000, pickupId)
      .run();
    const held = fakeBatch([cancel]);
    await processJobBatch(s, held.batch);
    expect(held.state[0]!.outcome).toBe('retry');
    expect(carrier.cancelled).toEqual([]);
    // The holder died after the carrier cancelled: the take-over reads `canceled` and does not cancel again.
    carrier.cancelled.push(`local_pickup_${pickupId}`);
    await processJobBatch(
      jobServices(T0 + 3 * 60_000, { carrier: () => carrier }).s,
      fakeBatch([cancel], { attempts: 2 }).batch,
    );
    expect(carrier.cancelled).toEqual([`local_pickup_${pickupId}`]);
    expect(carrier.refunds).toEqual([`local_shp_${pickupId}`]);
    expect(await pickupRow(pickupId)).toMatchObject({ status: 'cancelled', label_refund_status: 'submitted' });
    expect((await eventTypes(caseId)).filter((t) => t.startsWith('Pickup'))).toEqual([
      'PickupCancelled',
      'PickupLabelRefundRequested',
    ]);
  });

  it('a requested pickup holding the ref of a pickup bought before its job died: the case ending cancels it at the carrier once and refunds its label, by the cancel job or the booking job', async () => {
    const carrier = new LocalCarrier();
    const a = await pickupFor('#5108', carrier);
    const b = await pickupFor('#5109', carrier);
    // The booking job died after `/buy`, before its batch: the rows stay requested with the paid pickup's ref and label.
    for (const id of [a.pickupId, b.pickupId])
      await env.DB.prepare('UPDATE pickups SET provider_ref = ?, shipment_ref = ? WHERE id = ?')
        .bind(`local_pickup_${id}`, `local_shp_${id}`, id)
        .run();
    const closed = await applyCaseAction(a.s, {
      shopId: a.shop.id,
      caseId: a.caseId,
      actor: 'agent:ana',
      action: { action: 'close' },
    });
    const cancel: JobMessage = { kind: 'cancel-pickup', shopId: a.shop.id, pickupId: a.pickupId };
    expect(closed.effects).toContainEqual({ kind: 'job', message: cancel });
    await processJobBatch(a.s, fakeBatch([cancel, a.book, cancel]).batch);
    await processJobBatch(a.s, fakeBatch([cancel, a.book], { attempts: 2 }).batch);
    // B's case ends with no cancel job yet: its booking job (retried) takes the carrier path too.
    await setCase(b.caseId, 'rejected');
    await processJobBatch(b.s, fakeBatch([b.book, b.book], { attempts: 2 }).batch);
    expect(carrier.requests).toEqual([]);
    expect(carrier.cancelled).toEqual([`local_pickup_${a.pickupId}`, `local_pickup_${b.pickupId}`]);
    expect(carrier.refunds).toEqual([`local_shp_${a.pickupId}`, `local_shp_${b.pickupId}`]);
    for (const { pickupId, caseId } of [a, b]) {
      expect(await pickupRow(pickupId)).toMatchObject({
        status: 'cancelled',
        provider_ref: `local_pickup_${pickupId}`,
        label_refund_status: 'submitted',
      });
      expect((await eventTypes(caseId)).filter((t) => t.startsWith('Pickup'))).toEqual([
        'PickupCancelled',
        'PickupLabelRefundRequested',
      ]);
    }
    expect(
      await env.DB.prepare(`SELECT data FROM case_events WHERE case_id = ? AND type = 'PickupCancelled'`)
        .bind(a.caseId)
        .first('data'),
    ).toContain('"atCarrier":true');
  });

  it('a requested pickup whose ref was created but never bought: not cancelled at the carrier, only marked', async () => {
    class UnboughtCarrier extends LocalCarrier {
      override async status() {
        return 'unknown' as const;
      }
    }
    const carrier = new UnboughtCarrier();
    const { caseId, pickupId, s, book } = await pickupFor('#5110', carrier);
    await env.DB.prepare('UPDATE pickups SET provider_ref = ? WHERE id = ?')
      .bind(`local_pickup_${pickupId}`, pickupId)
      .run();
    await setCase(caseId, 'closed');
    await processJobBatch(s, fakeBatch([book]).batch);
    expect([carrier.requests, carrier.cancelled, carrier.refunds]).toEqual([[], [], []]);
    expect(await pickupRow(pickupId)).toMatchObject({ status: 'cancelled', label_refund_status: null });
    expect(await eventTypes(caseId)).toEqual(['PickupCancelled']);
  });

  /** Books, closes the case, then delivers its cancel job twice in one batch and once more as a retry: the batch's outcomes. */
  async function bookCloseAndCancelThrice(
    s: Services,
    book: Awaited<ReturnType<typeof pickupFor>>['book'],
    shopId: string,
    caseId: string,
    pickupId: string,
  ) {
    await processJobBatch(s, fakeBatch([book]).batch);
    await setCase(caseId, 'closed');
    const cancel: JobMessage = { kind: 'cancel-pickup', shopId, pickupId };
    const b = fakeBatch([cancel, cancel]);
    await processJobBatch(s, b.batch);
    await processJobBatch(s, fakeBatch([cancel], { attempts: 2 }).batch);
    return b.state.map((m) => m.outcome);
  }

  it('the carrier refusing the label refund for good (422): recorded failed with its event, not retried into the DLQ, not asked again', async () => {
    let asked = 0;
    class RefusingRefund extends LocalCarrier {
      override async refundLabel(): Promise<never> {
        asked++;
        throw new CarrierError(
          'easypost POST /shipments/shp_x/refund 422: {"error":{"code":"SHIPMENT.REFUND.UNAVAILABLE"}}',
          true,
        );
      }
    }
    const carrier = new RefusingRefund();
    const { shop, caseId, pickupId, s, book } = await pickupFor('#5111', carrier);
    expect(await bookCloseAndCancelThrice(s, book, shop.id, caseId, pickupId)).toEqual(['ack', 'ack']);
    expect(asked).toBe(1);
    expect(carrier.cancelled).toEqual([`local_pickup_${pickupId}`]);
    expect(await pickupRow(pickupId)).toMatchObject({ status: 'cancelled', label_refund_status: 'failed' });
    expect((await eventTypes(caseId)).filter((t) => t !== 'PickupScheduled')).toEqual([
      'PickupCancelled',
      'PickupLabelRefundFailed',
    ]);
    const ev = await env.DB.prepare(
      `SELECT reason, data FROM case_events WHERE case_id = ? AND type = 'PickupLabelRefundFailed'`,
    )
      .bind(caseId)
      .first<{ reason: string; data: string }>();
    expect(ev!.reason).toContain('refused to refund');
    expect(ev!.reason).toContain('422');
    expect(JSON.parse(ev!.data)).toMatchObject({
      pickupId,
      shipmentRef: `local_shp_${pickupId}`,
      refundStatus: 'failed',
    });
  });

  it('the carrier refusing the cancel for good (422): a PickupCancelFailed event, the pickup left as is, not retried, not asked again', async () => {
    let asked = 0;
    class RefusingCancel extends LocalCarrier {
      override async cancel(): Promise<never> {
        asked++;
        throw new CarrierError(
          'easypost POST /pickups/pickup_x/cancel 422: {"error":{"code":"PICKUP.CANCEL.UNAVAILABLE"}}',
          true,
        );
      }
    }
    const carrier = new RefusingCancel();
    const { shop, caseId, pickupId, s, book } = await pickupFor('#5112', carrier);
    expect(await bookCloseAndCancelThrice(s, book, shop.id, caseId, pickupId)).toEqual(['ack', 'ack']);
    expect(asked).toBe(1);
    expect(carrier.refunds).toEqual([]);
    expect(await pickupRow(pickupId)).toMatchObject({
      status: 'scheduled',
      provider_ref: `local_pickup_${pickupId}`,
      cancel_claimed_at: null,
      label_refund_status: null,
    });
    expect(await eventTypes(caseId)).toEqual(['PickupCancelFailed', 'PickupScheduled']);
    const ev = await env.DB.prepare(
      `SELECT reason, data FROM case_events WHERE case_id = ? AND type = 'PickupCancelFailed'`,
    )
      .bind(caseId)
      .first<{ reason: string; data: string }>();
    expect(ev!.reason).toContain('refused to cancel');
    expect(JSON.parse(ev!.data)).toMatchObject({
      pickupId,
      providerRef: `local_pickup_${pickupId}`,
      caseStatus: 'closed',
    });
  });
});
