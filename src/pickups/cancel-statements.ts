/** What a cancelled, or refused, pickup cancellation writes: each for ONE batch. */
import type { Services } from '../services';

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
    d1
      .prepare(
        `INSERT OR IGNORE INTO case_events (id, shop_id, case_id, type, actor, reason, data, visible_to_shopper, at)
         SELECT ?, ?, ?, 'PickupCancelled', 'system', ?, ?, 1, ? WHERE EXISTS (SELECT 1 FROM pickups WHERE shop_id = ? AND id = ? AND status = 'cancelled')`,
      )
      .bind(
        `cev_pickup_cancelled_${p.pickupId}`,
        p.shopId,
        p.caseId,
        `The case is ${p.caseStatus.replaceAll('_', ' ')}, so the carrier pickup was cancelled.`,
        JSON.stringify({ pickupId: p.pickupId, from: p.from, caseStatus: p.caseStatus, atCarrier: p.atCarrier }),
        now,
        p.shopId,
        p.pickupId,
      ),
  ];
}

/**
 * The carrier refused the cancel for good: the claim released and a `PickupCancelFailed` event (one
 * per pickup) telling the merchant the pickup may still come, in ONE batch. The pickup is not marked.
 */
export function cancelRefusedStatements(
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
    d1
      .prepare(
        `INSERT OR IGNORE INTO case_events (id, shop_id, case_id, type, actor, reason, data, visible_to_shopper, at) VALUES (?, ?, ?, 'PickupCancelFailed', 'system', ?, ?, 0, ?)`,
      )
      .bind(
        `cev_pickup_cancel_failed_${r.pickupId}`,
        r.shopId,
        r.caseId,
        `The case is ${r.caseStatus.replaceAll('_', ' ')}, but the carrier refused to cancel its pickup (${why}); the carrier may still come. Cancel it with the carrier (EasyPost).`,
        JSON.stringify({ pickupId: r.pickupId, providerRef: r.providerRef, caseStatus: r.caseStatus, error: why }),
        s.clock.now(),
      ),
  ];
}
