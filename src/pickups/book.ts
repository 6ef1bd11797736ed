/**
 * The `schedule-pickup` job: books a requested pickup with the shop's carrier once, through
 * `callOnce`. What an earlier attempt created at the carrier is stored on the row before it is
 * bought (the checkpoint) and reused, so a retry after a crash between the carrier's answer and our
 * batch books nothing twice.
 */
import type { Priority } from '../cases/policy-schema';
import { runEffects } from '../queue/effects';
import type { Address } from '../db/schema';
import { jobSettings } from '../db/shop-settings';
import { CarrierError, type PickupBooking, type PickupCheckpoint } from '../integrations/carriers';
import { callOnce } from '../lib/call-once';
import { DAY_MS, HOUR_MS } from '../lib/durations';
import { onceEventStatements } from '../db/case-event-rows';
import { log } from '../lib/log';
import { enqueueJob } from '../queue/enqueue';
import type { Services } from '../services';
import { type BookingAnswer, bookedEmail } from './booked-email';
import { cancelPickup, recordPickupCancelled } from './cancel';
import { cancelLateBooking } from './late-booking';
import { caseAtOf, caseLabel, loadPickupContext, type PickupContext, pickupStateOf } from './context';
import { decidePickup, isPickupRefusal } from './decide';
import { pickupCarrierName, refundFailedPickupLabel } from './label-refund';

export { caseLabel } from './context';

const bookedSql = `SELECT 1 FROM pickups WHERE shop_id = ? AND id = ? AND status = 'scheduled' AND provider_ref = ?`;

export type ScheduleOutcome = 'scheduled' | 'already-done' | 'missing' | 'escalated' | 'cancelled' | 'waiting';

/**
 * Books a requested pickup (`decidePickup`'s `book`): already scheduled, nothing to do; already
 * failed, only the unused label's refund is finished if an earlier attempt left it undone. A case
 * that ended books nothing: the pickup turns `cancelled` with its event (and a label an earlier
 * attempt bought is refunded); one not approved yet books nothing and waits. A failure is recorded
 * on the row and rethrown (the queue retries with backoff); a permanent one escalates now.
 */
export async function schedulePickup(
  s: Services,
  shopId: string,
  pickupId: string,
  attempts = 1,
): Promise<ScheduleOutcome> {
  const p = await loadPickupContext(s, shopId, pickupId);
  if (!p) return 'missing';
  if (p.status === 'failed' || p.status === 'cancelled') await refundFailedPickupLabel(s, shopId, pickupId);
  const next = decidePickup(pickupStateOf(p), { type: 'book', case: caseAtOf(p) });
  if (isPickupRefusal(next)) return next.refused === 'waiting-for-approval' ? 'waiting' : 'already-done';
  const [event] = next;
  if (event?.type === 'PickupBookingAsked') return bookWithCarrier(s, p, attempts);
  // A ref on the row may be a pickup bought by an attempt that died before its batch: the cancel
  // job's carrier path (claim, status read, cancel if booked) rather than only marking the row.
  if (event?.type === 'PickupCancelAsked') return cancelOutcome(await cancelPickup(s, shopId, pickupId));
  const cancelled = { shopId, pickupId, from: 'requested', atCarrier: false };
  await recordPickupCancelled(s, { ...cancelled, caseId: p.case_id, caseStatus: p.case_status });
  return 'cancelled';
}

function cancelOutcome(out: Awaited<ReturnType<typeof cancelPickup>>): ScheduleOutcome {
  if (out === 'cancelled' || out === 'already-done') return 'cancelled';
  if (out === 'kept') return 'waiting';
  return out === 'missing' ? 'missing' : 'already-done';
}

async function bookWithCarrier(s: Services, p: PickupContext, attempts: number): Promise<ScheduleOutcome> {
  const cfg = jobSettings(JSON.parse(p.shop_settings || '{}'));
  const carrier = s.carrier(pickupCarrierName(p.carrier, p.shop_settings));
  const address = (p.address ? JSON.parse(p.address) : {}) as Address;
  const now = s.clock.now();
  const windowStart = p.window_start ?? now + DAY_MS;
  const windowEnd = p.window_end ?? windowStart + 8 * HOUR_MS;
  const outcome = await callOnce<PickupBooking, ScheduleOutcome>({
    // The row being `requested` is the claim; refs on it mean an earlier attempt got as far as the
    // carrier. No separate provider read: the adapter is handed those refs and reads them first.
    claim: async () => (p.provider_ref || p.shipment_ref ? 'taken-over' : 'won'),
    call: () =>
      carrier.schedule(
        {
          pickupId: p.id,
          shipmentRef: p.shipment_ref,
          pickupRef: p.provider_ref,
          address,
          returnTo: cfg.returnAddress,
          windowStart,
          windowEnd,
          instructions: cfg.dropOffInstructions || `Return ${caseLabel(p.case_number)}`,
          allowedCarriers: cfg.pickupAllowedCarriers,
          maxCostMinor: cfg.pickupMaxCostMinor,
        },
        checkpointRefs(s, p, now),
      ),
    record: (booking) => recordBooking(s, p, { booking, address, windowStart, windowEnd, attempts }),
    failed: (err) => recordBookingFailure(s, p, attempts, now, err),
  });
  return outcome.claimed ? outcome.result : 'already-done';
}

/** Stores what the carrier created before it is bought, so a retry reuses it. */
const checkpointRefs =
  (s: Services, p: PickupContext, now: number): PickupCheckpoint =>
  async ({ shipmentRef, pickupRef }) => {
    await s
      .d1(p.shop_id)
      .prepare(
        `UPDATE pickups SET shipment_ref = COALESCE(?, shipment_ref), provider_ref = COALESCE(?, provider_ref), updated_at = ? WHERE shop_id = ? AND id = ? AND status = 'requested'`,
      )
      .bind(shipmentRef ?? null, pickupRef ?? null, now, p.shop_id, p.id)
      .run();
  };

/** The booking in ONE batch; a pickup cancelled meanwhile gets the booking taken back instead. */
async function recordBooking(s: Services, p: PickupContext, answer: BookingAnswer): Promise<ScheduleOutcome> {
  const { statements, dedupeKey } = await bookingRecordedStatements(s, p, answer);
  const [recorded] = await s.d1(p.shop_id).batch(statements);
  if ((recorded?.meta.changes ?? 0) === 0 && (await cancelLateBooking(s, p.shop_id, p.id, answer.booking)))
    return 'cancelled';
  if (dedupeKey)
    await enqueueJob(s, { kind: 'deliver-notification', shopId: p.shop_id, dedupeKey }).catch((err) =>
      log({ kind: 'job', outcome: 'error', durationMs: 0, step: 'pickup-email-enqueue', error: String(err) }),
    );
  // The label is out: the parcel is now the shopper's and the carrier's, and the resolution clock waits for it.
  const parcel = { kind: 'sla', shopId: p.shop_id, caseId: p.case_id, signal: 'parcel', priority: p.priority } as const;
  await runEffects(s, [{ ...parcel, at: s.clock.now() }]);
  return 'scheduled';
}

/** The failure on the row; a permanent refusal escalates now, any other is rethrown for the queue. */
async function recordBookingFailure(
  s: Services,
  p: PickupContext,
  attempts: number,
  now: number,
  err: unknown,
): Promise<ScheduleOutcome> {
  const message = err instanceof Error ? err.message : String(err);
  await s
    .d1(p.shop_id)
    .prepare(
      'UPDATE pickups SET attempts = ?, last_error = ?, updated_at = ? WHERE shop_id = ? AND id = ? AND status = ?',
    )
    .bind(attempts, message.slice(0, 1000), now, p.shop_id, p.id, 'requested')
    .run();
  if (!(err instanceof CarrierError && err.permanent)) throw err;
  await escalateFailedPickup(s, p.shop_id, p.id);
  return 'escalated';
}

/** The batch; its first statement is the pickup's UPDATE (no change: the pickup was cancelled meanwhile). */
async function bookingRecordedStatements(
  s: Services,
  p: PickupContext,
  { booking, address, windowStart, windowEnd, attempts }: BookingAnswer,
): Promise<{ statements: D1PreparedStatement[]; dedupeKey: string | null }> {
  const d1 = s.d1(p.shop_id);
  const now = s.clock.now();
  const shopId = p.shop_id;
  const pickupId = p.id;
  const booked = { sql: bookedSql, params: [shopId, pickupId, booking.providerRef] };
  const statements: D1PreparedStatement[] = [
    d1
      .prepare(
        `UPDATE pickups SET status = 'scheduled', carrier = ?, provider_ref = ?, shipment_ref = COALESCE(?, shipment_ref), label_url = ?, confirmation = ?, cost_minor = ?, currency = ?, attempts = ?, last_error = NULL, updated_at = ? WHERE shop_id = ? AND id = ? AND status = 'requested'`,
      )
      .bind(
        booking.manual ? 'manual' : booking.carrier,
        booking.providerRef,
        booking.shipmentRef ?? null,
        booking.labelUrl ?? null,
        booking.confirmation,
        booking.costMinor,
        booking.currency,
        attempts,
        now,
        shopId,
        pickupId,
      ),
    ...onceEventStatements(s, {
      shopId,
      caseId: p.case_id,
      id: `cev_pickup_${pickupId}`,
      type: 'PickupScheduled',
      data: { pickupId, carrier: booking.carrier, confirmation: booking.confirmation, manual: booking.manual },
      at: now,
      onlyIf: booked,
    }),
  ];
  const dedupeKey = `pickup:${pickupId}:booked`;
  if (p.order_email) {
    const answer = { booking, address, windowStart, windowEnd, attempts };
    statements.push(await bookedEmail(s, p, p.order_email, answer, dedupeKey, booked));
  }
  return { statements, dedupeKey: p.order_email ? dedupeKey : null };
}

const bump: Record<Priority, Priority> = { low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' };

/**
 * The pickup could not be booked (retries exhausted, or a permanent refusal): the pickup is marked
 * failed and the case escalated ONCE (deterministic event id; the priority bump runs only while that
 * event does not exist yet), then the SLA clock hears about the new priority, and a return label
 * bought for it is refunded (`refundFailedPickupLabel`: asked once across retries and crashes).
 */
export async function escalateFailedPickup(s: Services, shopId: string, pickupId: string): Promise<boolean> {
  const d1 = s.d1(shopId);
  const p = await loadPickupContext(s, shopId, pickupId);
  if (!p) return false;
  const now = s.clock.now();
  const eventId = `cev_pickup_failed_${pickupId}`;
  const next = bump[p.priority];
  const [, , inserted] = await d1.batch([
    d1
      .prepare(
        `UPDATE pickups SET status = 'failed', updated_at = ? WHERE shop_id = ? AND id = ? AND status = 'requested'`,
      )
      .bind(now, shopId, pickupId),
    ...onceEventStatements(s, {
      shopId,
      caseId: p.case_id,
      id: eventId,
      type: 'PickupFailed',
      reason: 'The carrier pickup could not be booked; escalated for a person to arrange the return.',
      data: { pickupId, from: p.priority, to: next, lastError: null },
      at: now,
      alsoSet: { sql: 'priority = ?, tier = MIN(tier + 1, 3), updated_at = ?', params: [next, now] },
    }),
  ]);
  const escalated = (inserted?.meta.changes ?? 0) > 0;
  if (escalated)
    await runEffects(s, [{ kind: 'sla', shopId, caseId: p.case_id, signal: 'priority', priority: next, at: now }]);
  await refundFailedPickupLabel(s, shopId, pickupId);
  return escalated;
}
