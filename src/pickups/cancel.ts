/**
 * A pickup follows its case. The booking job books only while the case still wants the parcel back
 * (`pickupFit` in `decide.ts`), and a case that ends (rejected, closed, resolved) before its parcel moved cancels
 * its pickup: the `cancel-pickup` job (queued in the case's own batch by `pickupCancelFor`) cancels
 * it at the carrier and refunds the unused label through the once-only path (`pickup-label-refund.ts`).
 * "Once" at the carrier: the job claims the row in D1 (`cancel_claimed_at`, a lease) BEFORE asking,
 * and a job taking over an expired claim reads the carrier's pickup first and does not cancel again
 * when it already reads `canceled`.
 */
import { onceEventStatements } from '../db/case-event-rows';
import { CarrierError } from '../integrations/carriers';
import { callOnce } from '../lib/call-once';
import type { Services } from '../services';
import { caseAtOf, pickupStateOf } from './context';
import { cancelledAtCarrier, carrierMustCancel, decidePickup, isPickupRefusal } from './decide';
import { pickupCarrierName, refundFailedPickupLabel } from './label-refund';

export { pickupCancelFor } from './cancel-for-case';
export { pickupFit, transitionEndsPickup } from './decide';

/** How long a cancel claim holds before another job may take it over (the holder is presumed dead). */
export const PICKUP_CANCEL_LEASE_MS = 2 * 60_000;

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
  status: 'requested' | 'scheduled' | 'failed' | 'cancelled' | 'completed';
  provider_ref: string | null;
  cancel_claimed_at: number | null;
  shop_settings: string | null;
  case_status: string;
  resume_status: string | null;
}

export type CancelOutcome = 'missing' | 'kept' | 'cancelled' | 'already-done' | 'none' | 'refused';

const cancelRowSql = `SELECT p.case_id, p.carrier, p.status, p.provider_ref, p.cancel_claimed_at, s.settings AS shop_settings, c.status AS case_status, c.resume_status
  FROM pickups p JOIN cases c ON c.shop_id = p.shop_id AND c.id = p.case_id JOIN shops s ON s.id = p.shop_id
  WHERE p.shop_id = ? AND p.id = ?`;

/**
 * The `cancel-pickup` job. Re-reads the pickup and its case (scoped by shop) and asks `decidePickup`:
 * a case that wants the pickup again (reopened and approved before the job ran) keeps it. A
 * requested pickup without a carrier ref was never booked: it is only marked. A booked one, or a
 * requested one holding a ref (maybe bought by a job that died before its batch), is cancelled at
 * the carrier once (`cancelAtCarrier`). Either way the label an attempt bought is refunded once.
 * The carrier refusing for good earlier (recorded) is not asked again.
 */
export async function cancelPickup(s: Services, shopId: string, pickupId: string): Promise<CancelOutcome> {
  const d1 = s.d1(shopId);
  const p = await d1.prepare(cancelRowSql).bind(shopId, pickupId).first<CancelRow>();
  if (!p) return 'missing';
  const cancelRefused = !!(await d1
    .prepare('SELECT 1 FROM case_events WHERE shop_id = ? AND id = ?')
    .bind(shopId, `cev_pickup_cancel_failed_${pickupId}`)
    .first());
  const next = decidePickup({ ...pickupStateOf(p), cancelRefused }, { type: 'cancel', case: caseAtOf(p) });
  if (isPickupRefusal(next)) {
    if (next.refused !== 'already-cancelled') return refusedOutcome[next.refused] ?? 'none';
    await refundFailedPickupLabel(s, shopId, pickupId);
    return 'already-done';
  }
  const [event] = next;
  if (event?.type === 'PickupCancelAsked') return cancelAtCarrier(s, shopId, pickupId, p, event.onlyIfBooked);
  await recordPickupCancelled(s, cancelledOf(shopId, pickupId, p, false));
  return 'cancelled';
}

const cancelledOf = (shopId: string, pickupId: string, p: CancelRow, atCarrier: boolean) => ({
  shopId,
  pickupId,
  caseId: p.case_id,
  from: p.status,
  caseStatus: p.case_status,
  atCarrier,
});

const refusedOutcome: Partial<Record<string, CancelOutcome>> = { kept: 'kept', 'cancel-refused': 'refused' };

/**
 * Once at the carrier: the row is claimed (`cancel_claimed_at`, a lease) BEFORE asking; a live claim
 * held by another job throws (the queue retries). Every call reads the carrier's pickup first and
 * cancels only what still stands, which also covers a job taking over an expired claim. A
 * permanent refusal (`CarrierError`, e.g. HTTP 422) is recorded, not retried: a `PickupCancelFailed`
 * event tells the merchant, the pickup is left as it is and its claim released.
 */
async function cancelAtCarrier(
  s: Services,
  shopId: string,
  pickupId: string,
  p: CancelRow,
  onlyIfBooked: boolean,
): Promise<CancelOutcome> {
  const now = s.clock.now();
  const ref = p.provider_ref;
  const outcome = await callOnce<boolean, CancelOutcome>({
    claim: async () => {
      const claim = await s
        .d1(shopId)
        .prepare(
          `UPDATE pickups SET cancel_claimed_at = ? WHERE shop_id = ? AND id = ? AND status = ? AND (cancel_claimed_at IS NULL OR cancel_claimed_at <= ?)`,
        )
        .bind(now, shopId, pickupId, p.status, now - PICKUP_CANCEL_LEASE_MS)
        .run();
      if ((claim.meta.changes ?? 0) === 0) return 'lost';
      return p.cancel_claimed_at === null ? 'won' : 'taken-over';
    },
    call: async () => {
      if (!ref) return false;
      const carrier = s.carrier(pickupCarrierName(p.carrier, p.shop_settings));
      const at = await carrier.status(ref);
      if (carrierMustCancel(onlyIfBooked, at)) await carrier.cancel(ref);
      return cancelledAtCarrier(onlyIfBooked, at);
    },
    record: async (atCarrier) => {
      await recordPickupCancelled(s, cancelledOf(shopId, pickupId, p, atCarrier));
      return 'cancelled';
    },
    failed: async (err) => {
      if (!(err instanceof CarrierError && err.permanent) || !ref) throw err;
      const refused = { shopId, pickupId, caseId: p.case_id, providerRef: ref, caseStatus: p.case_status };
      await s.d1(shopId).batch(cancelRefusedStatements(s, { ...refused, claimedAt: now, error: err.message }));
      return 'refused';
    },
  });
  if (!outcome.claimed) throw new Error(`cancelling pickup ${pickupId} is held by another job`);
  return outcome.result;
}

/** The pickup marked `cancelled` with its event in one batch, then its unused label refunded. */
export async function recordPickupCancelled(
  s: Services,
  p: { shopId: string; pickupId: string; caseId: string; from: string; caseStatus: string; atCarrier: boolean },
) {
  const from = p.from as 'requested' | 'scheduled';
  await s.d1(p.shopId).batch(pickupCancelledStatements(s, { ...p, from }));
  await refundFailedPickupLabel(s, p.shopId, p.pickupId);
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
