/** The pickups' cron step: pickups whose booking job was lost are booked again. */
import { eachDatabase } from '../db/databases';
import { HOUR_MS } from '../lib/durations';
import { enqueueJobs } from '../queue/enqueue';
import type { Services } from '../services';
import { pickupWaitsSql } from './decide';

/**
 * Pickups still `requested` an hour on (their job was lost): book them again. Not those of a case
 * still awaiting its decision: the booking job would only wait (`pickupFit`); approval queues it.
 */
export async function requeueStalePickups(s: Services): Promise<{ enqueued: number; errors: number }> {
  const now = s.clock.now();
  let enqueued = 0;
  const errors = await eachDatabase(s.env, 'stale-pickups', async (d1) => {
    const rows = await d1
      .prepare(
        `SELECT id, shop_id FROM pickups p WHERE status = 'requested' AND updated_at < ? AND attempts < 7
           AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.shop_id = p.shop_id AND c.id = p.case_id
             AND ${pickupWaitsSql('c')})
         LIMIT 100`,
      )
      .bind(now - HOUR_MS)
      .all<{ id: string; shop_id: string }>();
    await enqueueJobs(
      s,
      rows.results.map((r) => ({ kind: 'schedule-pickup' as const, shopId: r.shop_id, pickupId: r.id })),
    );
    if (rows.results.length)
      await d1.batch(
        rows.results.map((r) => d1.prepare('UPDATE pickups SET updated_at = ? WHERE id = ?').bind(now, r.id)),
      );
    enqueued += rows.results.length;
  });
  return { enqueued, errors };
}
