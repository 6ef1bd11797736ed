import type { Priority } from '../cases/policy-schema';
import { runEffects } from '../commands/effects';
import type { Services } from '../services';
import { loadPickupContext } from './context';
import { refundFailedPickupLabel } from './label-refund';

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
    d1
      .prepare(
        `UPDATE cases SET priority = ?, tier = MIN(tier + 1, 3), version = version + 1, updated_at = ?
         WHERE shop_id = ? AND id = ? AND NOT EXISTS (SELECT 1 FROM case_events WHERE id = ?)`,
      )
      .bind(next, now, shopId, p.case_id, eventId),
    d1
      .prepare(
        `INSERT OR IGNORE INTO case_events (id, shop_id, case_id, type, actor, reason, data, at) VALUES (?, ?, ?, 'PickupFailed', 'system', ?, ?, ?)`,
      )
      .bind(
        eventId,
        shopId,
        p.case_id,
        'The carrier pickup could not be booked; escalated for a person to arrange the return.',
        JSON.stringify({ pickupId, from: p.priority, to: next, lastError: null }),
        now,
      ),
  ]);
  const escalated = (inserted?.meta.changes ?? 0) > 0;
  if (escalated)
    await runEffects(s, [{ kind: 'sla', shopId, caseId: p.case_id, signal: 'priority', priority: next, at: now }]);
  await refundFailedPickupLabel(s, shopId, pickupId);
  return escalated;
}
