import type { Env } from '../env';
import { createServices } from '../services';

/** An event this long in `received` after its last enqueue was stranded (crash, lost message). */
export const STRANDED_AFTER_MS = 90_000;
const BATCH = 100;
const MAX_BATCHES = 20;

/**
 * Sweep step: re-enqueue stored events still `received` whose last enqueue is older than 90 s:
 * a crash between the store and the send, or the local queue simulator losing its in-memory
 * messages. Stamping `enqueued_at` first keeps the next tick from sending it again at once; the
 * consumer is idempotent, so an event sent twice is applied once.
 */
export async function requeueStrandedEvents(env: Env, now: number): Promise<Record<string, number>> {
  const s = createServices(env);
  const cutoff = now - STRANDED_AFTER_MS;
  let requeued = 0;
  // Up to MAX_BATCHES × 100 per tick (a queue sendBatch takes at most 100 messages): a crash can
  // strand thousands, and 100 a minute would leave them unapplied for hours.
  for (let i = 0; i < MAX_BATCHES; i++) {
    const rows = await s
      .d1()
      .prepare(
        `UPDATE webhook_events SET enqueued_at = ?2
         WHERE id IN (SELECT id FROM webhook_events WHERE status = 'received' AND received_at < ?1 AND COALESCE(enqueued_at, 0) < ?1
                      ORDER BY received_at LIMIT ${BATCH})
         RETURNING id`,
      )
      .bind(cutoff, now)
      .all<{ id: string }>();
    const ids = rows.results.map((r) => r.id);
    if (ids.length) await env.EVENTS.sendBatch(ids.map((eventId) => ({ body: { eventId } })));
    requeued += ids.length;
    if (ids.length < BATCH) break;
  }
  return { requeued };
}
