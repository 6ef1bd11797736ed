/**
 * A label refund is usually answered `submitted`; the carrier decides later, `refunded` or
 * `rejected`, "no greater than 30 days" (EasyPost). Until then the merchant would only ever see
 * "submitted", and a rejected refund (money not coming back) would go unnoticed. So the cron asks
 * again, bounded: each `submitted` refund at most every 12 hours, a page per database per tick,
 * and the first check after 30 days is the last (the refund is then recorded `unconfirmed`).
 * The final answer is recorded ONCE: the row moves off `submitted` with its case event (fixed id,
 * INSERT OR IGNORE) in one batch, so a re-run, a redelivered job or two racing checks add nothing.
 * @see https://docs.easypost.com/docs/shipments/shipping-refund (refund_status: submitted,
 *   refunded, rejected, not_applicable; "no greater than 30 days")
 * @see https://docs.easypost.com/docs/shipments#retrieve-a-shipment
 */
import { DAY_MS, HOUR_MS } from '../lib/durations';
import type { Services } from '../services';
import type { CaseEventType } from '../cases/case-events';
import { onceEventStatements } from '../db/case-event-rows';
import { eachDatabase } from '../db/databases';
import { enqueueJobs } from '../queue/enqueue';
import { pickupCarrierName } from './label-refund';

/** How often one refund is asked about. */
export const LABEL_REFUND_CHECK_EVERY_MS = 12 * HOUR_MS;
/** The carrier's own bound on deciding; the first check past it is the last. */
export const LABEL_REFUND_FOLLOW_UP_MS = 30 * DAY_MS;
/** Checks queued per database per cron tick (one carrier read each). */
const PAGE = 100;

/** The final answers and what the merchant reads on the case timeline. */
const finals: Record<string, { type: CaseEventType; reason: string }> = {
  refunded: { type: 'PickupLabelRefunded', reason: 'The carrier refunded the unused return label.' },
  rejected: {
    type: 'PickupLabelRefundRejected',
    reason:
      'The carrier rejected the refund of the unused return label, so its cost is not coming back. Check it with the carrier (EasyPost), where the refund can be asked again.',
  },
  not_applicable: {
    type: 'PickupLabelRefundNotApplicable',
    reason: 'The carrier charges labels only when scanned: there was nothing to refund.',
  },
  unconfirmed: {
    type: 'PickupLabelRefundUnconfirmed',
    reason:
      'The carrier had not decided the label refund after 30 days; it is no longer followed up. Check it with the carrier (EasyPost).',
  },
};

/** The refunds due a check (`?1` = now − 12 h), oldest check first, on `pickups_label_refund_check_idx`. */
export const refundsDueSql = `SELECT id, shop_id FROM pickups
  WHERE label_refund_status = 'submitted' AND (label_refund_checked_at IS NULL OR label_refund_checked_at <= ?1)
  ORDER BY label_refund_checked_at LIMIT ?2`;

/**
 * Cron step: `submitted` refunds not asked about for 12 hours get a `check-label-refund` job, oldest
 * check first, then the row is stamped (a lost job is asked again 12 hours on; a job sent twice is harmless).
 */
export async function enqueueLabelRefundChecks(s: Services): Promise<{ enqueued: number; errors: number }> {
  const now = s.clock.now();
  let enqueued = 0;
  const errors = await eachDatabase(s.env, 'label-refund-checks', async (d1) => {
    const rows = await d1
      .prepare(refundsDueSql)
      .bind(now - LABEL_REFUND_CHECK_EVERY_MS, PAGE)
      .all<{ id: string; shop_id: string }>();
    if (!rows.results.length) return;
    await enqueueJobs(
      s,
      rows.results.map((r) => ({ kind: 'check-label-refund' as const, shopId: r.shop_id, pickupId: r.id })),
    );
    await d1.batch(
      rows.results.map((r) =>
        d1
          .prepare(
            `UPDATE pickups SET label_refund_checked_at = ? WHERE shop_id = ? AND id = ? AND label_refund_status = 'submitted'`,
          )
          .bind(now, r.shop_id, r.id),
      ),
    );
    enqueued += rows.results.length;
  });
  return { enqueued, errors };
}

interface CheckRow {
  case_id: string;
  carrier: string;
  shipment_ref: string | null;
  label_refund_status: string | null;
  label_refund_requested_at: number | null;
  updated_at: number;
  shop_settings: string | null;
}

/**
 * The `check-label-refund` job: reads where the shop's `submitted` refund stands and records a
 * final answer once. Still undecided: only the check time moves. A carrier error is retried by
 * the queue, except past the 30 days, when the refund is recorded `unconfirmed` instead.
 */
export async function checkLabelRefund(
  s: Services,
  shopId: string,
  pickupId: string,
): Promise<'none' | 'pending' | string> {
  const d1 = s.d1(shopId);
  const p = await d1
    .prepare(
      `SELECT p.case_id, p.carrier, p.shipment_ref, p.label_refund_status, p.label_refund_requested_at, p.updated_at, s.settings AS shop_settings
       FROM pickups p JOIN shops s ON s.id = p.shop_id WHERE p.shop_id = ? AND p.id = ?`,
    )
    .bind(shopId, pickupId)
    .first<CheckRow>();
  if (!p || p.label_refund_status !== 'submitted' || !p.shipment_ref) return 'none';
  const now = s.clock.now();
  const requestedAt = p.label_refund_requested_at ?? p.updated_at;
  const expired = now - requestedAt >= LABEL_REFUND_FOLLOW_UP_MS;
  let status: string | null = null;
  try {
    status = await s.carrier(pickupCarrierName(p.carrier, p.shop_settings)).labelRefundStatus(p.shipment_ref);
  } catch (err) {
    if (!expired) throw err;
  }
  const final = status && finals[status] ? status : expired ? 'unconfirmed' : null;
  if (!final) {
    await d1
      .prepare(
        `UPDATE pickups SET label_refund_checked_at = ? WHERE shop_id = ? AND id = ? AND label_refund_status = 'submitted'`,
      )
      .bind(now, shopId, pickupId)
      .run();
    return 'pending';
  }
  const { type, reason } = finals[final]!;
  await d1.batch([
    d1
      .prepare(
        `UPDATE pickups SET label_refund_status = ?, label_refund_checked_at = ?, updated_at = ? WHERE shop_id = ? AND id = ? AND label_refund_status = 'submitted'`,
      )
      .bind(final, now, now, shopId, pickupId),
    ...onceEventStatements(s, {
      shopId,
      caseId: p.case_id,
      id: `cev_pickup_label_refund_final_${pickupId}`,
      type,
      reason,
      data: { pickupId, shipmentRef: p.shipment_ref, refundStatus: final, carrierStatus: status, requestedAt },
      at: now,
      versioned: false,
    }),
  ]);
  return final;
}
