/** A case that ends before its parcel moved queues its pickup's cancellation in its own batch. */
import { scheduleJob } from '../queue/enqueue';
import type { JobMessage } from '../queue/messages';
import type { Services } from '../services';

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
