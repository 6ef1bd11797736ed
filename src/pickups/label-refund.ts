/**
 * A pickup that failed for good, or was cancelled because its case ended (`pickup-cancel.ts`), leaves
 * its return label unused, and the merchant paid for it: the label is refunded, asked once. EasyPost has no idempotency key, so "once" is kept two ways:
 * - D1: the pickup row is claimed (`label_refund_status = 'requesting'`, a lease on `updated_at`)
 *   before the carrier is asked, and the answer is recorded with its case event in one batch; a
 *   recorded answer ends it (no carrier call again), a live lease makes a concurrent job back off.
 * - The carrier: a job that takes over an expired claim (its holder died, maybe after the carrier
 *   answered) goes through `refundLabel`, which reads the shipment and does not ask again when a
 *   refund is already on it.
 * A `submitted` refund is followed up by the cron until the carrier decides (`pickup-label-refund-check.ts`).
 */
import { CarrierError, type CarrierName, type LabelRefund } from '../integrations/carriers';
import type { Services } from '../services';
import { onceEventStatements } from '../db/case-event-rows';
import { jobSettings } from '../db/shop-settings';
import { callOnce } from '../lib/call-once';
import { pickupStateOf } from './context';
import { decidePickup, isPickupRefusal, type PickupStatus } from './decide';

/** How long a claim holds before another job may take it over (the holder is presumed dead). */
export const LABEL_REFUND_LEASE_MS = 2 * 60_000;

/** The carrier a pickup row was (or would have been) booked with. */
export function pickupCarrierName(rowCarrier: string, shopSettings: string | null): CarrierName {
  if (rowCarrier === 'easypost' || rowCarrier === 'manual') return rowCarrier;
  return jobSettings(JSON.parse(shopSettings || '{}')).pickupCarrier;
}

interface RefundRow {
  case_id: string;
  carrier: string;
  status: PickupStatus;
  provider_ref: string | null;
  shipment_ref: string | null;
  label_refund_status: string | null;
  shop_settings: string | null;
}

export type LabelRefundOutcome = 'none' | 'done' | { status: string; requested: boolean };

/**
 * Refunds the return label of a FAILED or CANCELLED pickup (no-op for any other status, or without a shipment).
 * Throws while another job holds the claim, or when the carrier fails: the job is retried. A carrier
 * refusing for good (a permanent `CarrierError`, e.g. HTTP 422) is recorded instead: `failed`, with
 * its case event, so the claim does not stay `requesting` and the merchant reads why.
 */
export async function refundFailedPickupLabel(
  s: Services,
  shopId: string,
  pickupId: string,
): Promise<LabelRefundOutcome> {
  const d1 = s.d1(shopId);
  const p = await d1
    .prepare(
      `SELECT p.case_id, p.carrier, p.status, p.provider_ref, p.shipment_ref, p.label_refund_status, s.settings AS shop_settings
       FROM pickups p JOIN shops s ON s.id = p.shop_id WHERE p.shop_id = ? AND p.id = ?`,
    )
    .bind(shopId, pickupId)
    .first<RefundRow>();
  if (!p) return 'none';
  const next = decidePickup(pickupStateOf(p), { type: 'refund-label' });
  if (isPickupRefusal(next)) return next.refused === 'label-refund-done' ? 'done' : 'none';
  const shipmentRef = p.shipment_ref!;
  const now = s.clock.now();
  const outcome = await callOnce<LabelRefund, LabelRefundOutcome>({
    claim: async () => {
      const claim = await d1
        .prepare(
          `UPDATE pickups SET label_refund_status = 'requesting', updated_at = ?
           WHERE shop_id = ? AND id = ? AND status IN ('failed', 'cancelled')
             AND (label_refund_status IS NULL OR (label_refund_status = 'requesting' AND updated_at <= ?))`,
        )
        .bind(now, shopId, pickupId, now - LABEL_REFUND_LEASE_MS)
        .run();
      if ((claim.meta.changes ?? 0) === 0) return 'lost';
      return p.label_refund_status === 'requesting' ? 'taken-over' : 'won';
    },
    // No separate provider read after a takeover: `refundLabel` reads the shipment first on every
    // call and does not ask again when a refund is already on it.
    call: () => s.carrier(pickupCarrierName(p.carrier, p.shop_settings)).refundLabel(shipmentRef),
    record: async (refund) => {
      await d1.batch(refundAnsweredStatements(s, { shopId, pickupId, row: p, refund, at: now }));
      return refund;
    },
    failed: async (err) => {
      if (!(err instanceof CarrierError && err.permanent)) throw err;
      const refused = { shopId, pickupId, caseId: p.case_id, shipmentRef, error: err.message };
      await d1.batch(refundRefusedStatements(s, refused));
      return { status: 'failed', requested: false };
    },
  });
  if (!outcome.claimed) throw new Error(`label refund for pickup ${pickupId} is held by another job`);
  return outcome.result;
}

/** The carrier's answer on the row and, when a refund was asked, its case event, for ONE batch. */
function refundAnsweredStatements(
  s: Services,
  r: { shopId: string; pickupId: string; row: RefundRow; refund: LabelRefund; at: number },
): D1PreparedStatement[] {
  const { shopId, pickupId, row: p, refund, at: now } = r;
  const d1 = s.d1(shopId);
  const statements = [
    d1
      .prepare(
        `UPDATE pickups SET label_refund_status = ?, label_refund_requested_at = ?, label_refund_checked_at = ?, updated_at = ?
         WHERE shop_id = ? AND id = ? AND label_refund_status = 'requesting'`,
      )
      .bind(refund.status, now, now, now, shopId, pickupId),
  ];
  if (refund.status !== 'not_purchased') {
    statements.push(
      ...onceEventStatements(s, {
        shopId,
        caseId: p.case_id,
        id: `cev_pickup_label_refund_${pickupId}`,
        type: 'PickupLabelRefundRequested',
        reason:
          p.status === 'cancelled'
            ? 'The pickup was cancelled with its case, so its unused return label was sent back to the carrier for a refund.'
            : 'The pickup failed, so its unused return label was sent back to the carrier for a refund.',
        data: { pickupId, shipmentRef: p.shipment_ref, refundStatus: refund.status },
        at: now,
        versioned: false,
      }),
    );
  }
  return statements;
}

/**
 * The carrier refused the refund for good: the claim turns `failed` and the merchant's case event says
 * why, in ONE batch. The event is guarded on the row being `failed` (a job that took over the claim
 * and recorded an answer first wins) and shares the requested event's id: one refund event per label.
 */
function refundRefusedStatements(
  s: Services,
  r: { shopId: string; pickupId: string; caseId: string; shipmentRef: string; error: string },
): D1PreparedStatement[] {
  const d1 = s.d1(r.shopId);
  const now = s.clock.now();
  const why = r.error.slice(0, 300);
  return [
    d1
      .prepare(
        `UPDATE pickups SET label_refund_status = 'failed', label_refund_requested_at = ?, label_refund_checked_at = ?, updated_at = ? WHERE shop_id = ? AND id = ? AND label_refund_status = 'requesting'`,
      )
      .bind(now, now, now, r.shopId, r.pickupId),
    ...onceEventStatements(s, {
      shopId: r.shopId,
      caseId: r.caseId,
      id: `cev_pickup_label_refund_${r.pickupId}`,
      type: 'PickupLabelRefundFailed',
      reason: `The carrier refused to refund the unused return label (${why}), so its cost is not coming back. Check it with the carrier (EasyPost).`,
      data: { pickupId: r.pickupId, shipmentRef: r.shipmentRef, refundStatus: 'failed', error: why },
      at: now,
      onlyIf: {
        sql: `SELECT 1 FROM pickups WHERE shop_id = ? AND id = ? AND label_refund_status = 'failed'`,
        params: [r.shopId, r.pickupId],
      },
      versioned: false,
    }),
  ];
}
