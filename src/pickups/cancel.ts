/**
 * A pickup follows its case. The booking job books only while the case still wants the parcel back
 * (`pickupFit`), and a case that ends (rejected, closed, resolved) before its parcel moved cancels
 * its pickup: the `cancel-pickup` job (queued in the case's own batch by `pickupCancelFor`) cancels
 * it at the carrier and refunds the unused label through the once-only path (`pickup-label-refund.ts`).
 * "Once" at the carrier: the job claims the row in D1 (`cancel_claimed_at`, a lease) BEFORE asking,
 * and a job taking over an expired claim reads the carrier's pickup first and does not cancel again
 * when it already reads `canceled`.
 */
import { effectiveStatus, isTerminalStatus, pickupBookStatuses, pickupWaitStatuses } from '../cases/vocabulary';
import { pickupCarrierName, refundFailedPickupLabel } from './label-refund';
import { onceEventStatements } from '../db/case-event-rows';
import { CarrierError } from '../integrations/carriers';
import { scheduleJob } from '../queue/enqueue';
import { jobKey, type JobMessage } from '../queue/messages';
import type { Services } from '../services';

/** How long a cancel claim holds before another job may take it over (the holder is presumed dead). */
export const PICKUP_CANCEL_LEASE_MS = 2 * 60_000;

/**
 * What a pickup should do for a case in `status`: `book` it (approved, the parcel still to come),
 * `wait` (not approved yet: booking would buy a label a merchant may never want), or `cancel`
 * (rejected, closed, resolved; or the parcel is already on its way or here without this pickup).
 * A case waiting on the customer counts as the status it resumes to.
 */
export function pickupFit(status: string, resumeStatus: string | null): 'book' | 'wait' | 'cancel' {
  const at = effectiveStatus(status, resumeStatus);
  if ((pickupBookStatuses as readonly string[]).includes(at)) return 'book';
  if ((pickupWaitStatuses as readonly string[]).includes(at)) return 'wait';
  return 'cancel';
}

/** A transition that ends the case before its parcel moved: its pickup must be cancelled. */
export function transitionEndsPickup(from: { status: string; resumeStatus: string | null }, to: string): boolean {
  return isTerminalStatus(to) && pickupFit(from.status, from.resumeStatus) !== 'cancel';
}

/**
 * For a command's batch: the `cancel-pickup` job (a `scheduled_jobs` row, so the cron sweep sends it
 * if the effect is lost) when the case has a pickup still requested or booked. Nothing otherwise.
 */
export async function pickupCancelFor(
  s: Services,
  shopId: string,
  caseId: string,
): Promise<{ statements: D1PreparedStatement[]; effects: Array<{ kind: 'job'; message: JobMessage }> }> {
  const rows = await s
    .d1(shopId)
    .prepare(`SELECT id FROM pickups WHERE shop_id = ? AND case_id = ? AND status IN ('requested', 'scheduled')`)
    .bind(shopId, caseId)
    .all<{ id: string }>();
  const messages = rows.results.map((r) => ({ kind: 'cancel-pickup' as const, shopId, pickupId: r.id }));
  return {
    statements: messages.map((m) => scheduleJob(s, m, s.clock.now())),
    effects: messages.map((message) => ({ kind: 'job' as const, message })),
  };
}

/**
 * The pickup marked `cancelled` (only from `from`) and its `PickupCancelled` case event, for ONE batch.
 * The event id is per pickup: a redelivery, or the booking job and the cancel job both seeing the
 * ended case, records one event.
 */
export function pickupCancelledStatements(
  s: Services,
  p: {
    shopId: string;
    pickupId: string;
    caseId: string;
    from: 'requested' | 'scheduled';
    caseStatus: string;
    atCarrier: boolean;
  },
): D1PreparedStatement[] {
  const d1 = s.d1(p.shopId);
  const now = s.clock.now();
  return [
    d1
      .prepare(`UPDATE pickups SET status = 'cancelled', updated_at = ? WHERE shop_id = ? AND id = ? AND status = ?`)
      .bind(now, p.shopId, p.pickupId, p.from),
    ...onceEventStatements(s, {
      shopId: p.shopId,
      caseId: p.caseId,
      id: `cev_pickup_cancelled_${p.pickupId}`,
      type: 'PickupCancelled',
      reason: `The case is ${p.caseStatus.replaceAll('_', ' ')}, so the carrier pickup was cancelled.`,
      data: { pickupId: p.pickupId, from: p.from, caseStatus: p.caseStatus, atCarrier: p.atCarrier },
      at: now,
      onlyIf: {
        sql: `SELECT 1 FROM pickups WHERE shop_id = ? AND id = ? AND status = 'cancelled'`,
        params: [p.shopId, p.pickupId],
      },
    }),
  ];
}

interface CancelRow {
  case_id: string;
  carrier: string;
  status: string;
  provider_ref: string | null;
  shop_settings: string | null;
  case_status: string;
  resume_status: string | null;
}

export type CancelOutcome = 'missing' | 'kept' | 'cancelled' | 'already-done' | 'none' | 'refused';

/**
 * The `cancel-pickup` job. Re-reads the pickup and its case (scoped by shop): a case that wants the
 * pickup again (reopened and approved before the job ran) keeps it. A requested pickup without a
 * carrier ref was never booked: it is only marked. A booked one, or a requested one holding a ref
 * (maybe bought by a job that died before its batch), is claimed, cancelled at the carrier when the
 * carrier reads it booked, then marked with its event in one batch. Either way the label an
 * attempt bought is refunded once. Throws while another job holds the claim (the queue retries).
 * The carrier refusing for good (a permanent `CarrierError`, e.g. HTTP 422) is not retried: a
 * `PickupCancelFailed` event tells the merchant, the pickup is left as it is and its claim released.
 */
export async function cancelPickup(s: Services, shopId: string, pickupId: string): Promise<CancelOutcome> {
  const d1 = s.d1(shopId);
  const p = await d1
    .prepare(
      `SELECT p.case_id, p.carrier, p.status, p.provider_ref, s.settings AS shop_settings, c.status AS case_status, c.resume_status
       FROM pickups p JOIN cases c ON c.shop_id = p.shop_id AND c.id = p.case_id JOIN shops s ON s.id = p.shop_id
       WHERE p.shop_id = ? AND p.id = ?`,
    )
    .bind(shopId, pickupId)
    .first<CancelRow>();
  if (!p) return 'missing';
  if (p.status === 'cancelled') {
    await refundFailedPickupLabel(s, shopId, pickupId);
    return 'already-done';
  }
  if (p.status !== 'requested' && p.status !== 'scheduled') return 'none';
  if (pickupFit(p.case_status, p.resume_status) !== 'cancel') return 'kept';
  // The carrier refused this cancel for good earlier (recorded): it is not asked again.
  if (
    await d1
      .prepare('SELECT 1 FROM case_events WHERE shop_id = ? AND id = ?')
      .bind(shopId, `cev_pickup_cancel_failed_${pickupId}`)
      .first()
  )
    return 'refused';
  const now = s.clock.now();
  let atCarrier = false;
  // A `requested` row holding a `provider_ref` may have been bought (the booking job died between
  // `/buy` and its batch): it goes to the carrier too, and is cancelled there only if it reads booked.
  if (p.status === 'scheduled' || p.provider_ref) {
    const claim = await d1
      .prepare(
        `UPDATE pickups SET cancel_claimed_at = ? WHERE shop_id = ? AND id = ? AND status = ? AND (cancel_claimed_at IS NULL OR cancel_claimed_at <= ?)`,
      )
      .bind(now, shopId, pickupId, p.status, now - PICKUP_CANCEL_LEASE_MS)
      .run();
    if ((claim.meta.changes ?? 0) === 0) throw new Error(`cancelling pickup ${pickupId} is held by another job`);
    if (p.provider_ref) {
      const carrier = s.carrier(pickupCarrierName(p.carrier, p.shop_settings));
      try {
        const at = await carrier.status(p.provider_ref);
        // Scheduled: anything but `canceled` is cancelled. Requested: only a pickup that reads booked
        // (one created but never bought reads `unknown` and costs nothing).
        if (p.status === 'scheduled' ? at !== 'canceled' : at === 'scheduled') await carrier.cancel(p.provider_ref);
        atCarrier = p.status === 'scheduled' || at !== 'unknown';
      } catch (err) {
        if (!(err instanceof CarrierError && err.permanent)) throw err;
        await d1.batch(
          cancelRefusedStatements(s, {
            shopId,
            pickupId,
            caseId: p.case_id,
            providerRef: p.provider_ref,
            caseStatus: p.case_status,
            claimedAt: now,
            error: err.message,
          }),
        );
        return 'refused';
      }
    }
  }
  await d1.batch(
    pickupCancelledStatements(s, {
      shopId,
      pickupId,
      caseId: p.case_id,
      from: p.status,
      caseStatus: p.case_status,
      atCarrier,
    }),
  );
  await refundFailedPickupLabel(s, shopId, pickupId);
  return 'cancelled';
}

/**
 * The carrier refused the cancel for good: the claim released and a `PickupCancelFailed` event (one
 * per pickup) telling the merchant the pickup may still come, in ONE batch. The pickup is not marked.
 */
function cancelRefusedStatements(
  s: Services,
  r: {
    shopId: string;
    pickupId: string;
    caseId: string;
    providerRef: string;
    caseStatus: string;
    claimedAt: number;
    error: string;
  },
): D1PreparedStatement[] {
  const d1 = s.d1(r.shopId);
  const why = r.error.slice(0, 300);
  return [
    d1
      .prepare(`UPDATE pickups SET cancel_claimed_at = NULL WHERE shop_id = ? AND id = ? AND cancel_claimed_at = ?`)
      .bind(r.shopId, r.pickupId, r.claimedAt),
    ...onceEventStatements(s, {
      shopId: r.shopId,
      caseId: r.caseId,
      id: `cev_pickup_cancel_failed_${r.pickupId}`,
      type: 'PickupCancelFailed',
      reason: `The case is ${r.caseStatus.replaceAll('_', ' ')}, but the carrier refused to cancel its pickup (${why}); the carrier may still come. Cancel it with the carrier (EasyPost).`,
      data: { pickupId: r.pickupId, providerRef: r.providerRef, caseStatus: r.caseStatus, error: why },
      at: s.clock.now(),
    }),
  ];
}

/**
 * The booking job's carrier call raced the case's end: the pickup turned `cancelled` while the
 * carrier booked it, so the batch recording the booking changed nothing and sent nothing (its event
 * and email are guarded on it). The booking is put back on the row as `scheduled`, with a durable
 * `cancel-pickup` job in the same batch, and cancelled now. A label refund recorded `not_purchased`
 * (asked before this booking bought the label) is asked again. False: the row was not cancelled.
 */
export async function cancelLateBooking(
  s: Services,
  shopId: string,
  pickupId: string,
  booking: { providerRef: string; shipmentRef?: string | null },
): Promise<boolean> {
  const d1 = s.d1(shopId);
  const message = { kind: 'cancel-pickup' as const, shopId, pickupId };
  const [flip] = await d1.batch([
    d1
      .prepare(
        `UPDATE pickups SET status = 'scheduled', provider_ref = ?, shipment_ref = COALESCE(?, shipment_ref), updated_at = ?,
           label_refund_status = CASE WHEN label_refund_status = 'not_purchased' THEN NULL ELSE label_refund_status END
         WHERE shop_id = ? AND id = ? AND status = 'cancelled'`,
      )
      .bind(booking.providerRef, booking.shipmentRef ?? null, s.clock.now(), shopId, pickupId),
    scheduleJob(s, message, s.clock.now(), `${jobKey(message)}:late-booking`),
  ]);
  if ((flip?.meta.changes ?? 0) === 0) return false;
  await cancelPickup(s, shopId, pickupId);
  return true;
}
