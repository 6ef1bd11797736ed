import type { Env } from '../env';
import { fixedClock } from '../lib/clock';
import { removeOrphanedPhotos } from '../portal/photo-sweep';
import { createServices, type Services } from '../services';
import { detectLateShipments } from './delays';
import { enqueueStrandedNotifications } from './deliver';
import { eachDatabase } from './databases';
import { enqueueJobs } from './enqueue';
import { jobMessage, type JobMessage } from './messages';
import { enqueueLabelRefundChecks } from './pickup-label-refund-check';
import { scheduleAndSendSurveys } from './surveys';

/**
 * `scheduled_jobs` rows that are due go to the queue, which owns them from then on (its retries and
 * DLQ). The row is marked `enqueued` only after the send: a crash in between re-sends next tick,
 * which the idempotent handlers absorb. A payload that no longer parses is marked `failed`.
 */
export async function enqueueDueJobs(s: Services): Promise<{ enqueued: number; invalid: number; errors: number }> {
  const now = s.clock.now();
  let enqueued = 0;
  let invalid = 0;
  const errors = await eachDatabase(s.env, 'due-jobs', async (d1) => {
    const rows = await d1
      .prepare(
        `SELECT id, payload FROM scheduled_jobs WHERE status = 'pending' AND due_at <= ? ORDER BY due_at LIMIT 300`,
      )
      .bind(now)
      .all<{ id: string; payload: string }>();
    const good: Array<{ id: string; message: JobMessage }> = [];
    const bad: string[] = [];
    for (const r of rows.results) {
      const parsed = jobMessage.safeParse(JSON.parse(r.payload));
      if (parsed.success) good.push({ id: r.id, message: parsed.data });
      else bad.push(r.id);
    }
    await enqueueJobs(
      s,
      good.map((g) => g.message),
    );
    const updates = [
      ...good.map((g) =>
        d1
          .prepare(
            `UPDATE scheduled_jobs SET status = 'enqueued', attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'pending'`,
          )
          .bind(now, g.id),
      ),
      ...bad.map((id) =>
        d1
          .prepare(
            `UPDATE scheduled_jobs SET status = 'failed', last_error = 'payload does not parse', updated_at = ? WHERE id = ?`,
          )
          .bind(now, id),
      ),
    ];
    if (updates.length) await d1.batch(updates);
    enqueued += good.length;
    invalid += bad.length;
  });
  return { enqueued, invalid, errors };
}

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
             AND (c.status = 'requested' OR (c.status = 'waiting_on_customer' AND COALESCE(c.resume_status, 'requested') = 'requested')))
         LIMIT 100`,
      )
      .bind(now - 3_600_000)
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

const step =
  <T extends Record<string, number>>(fn: (s: Services) => Promise<T>) =>
  (env: Env) =>
    fn(createServices(env));

/** A step whose clock is the tick's scheduled time (its intervals then follow the cron, and tests can move it). */
const stepAt =
  <T extends Record<string, number>>(fn: (s: Services) => Promise<T>) =>
  (env: Env, now: number) =>
    fn(createServices(env, { clock: fixedClock(now) }));

/** The jobs area's cron steps, in order (registered in `sweep.ts`). */
export const jobSweepSteps = {
  dueJobs: step(enqueueDueJobs),
  lateShipments: step(detectLateShipments),
  surveys: step(scheduleAndSendSurveys),
  strandedNotifications: step(enqueueStrandedNotifications),
  stalePickups: step(requeueStalePickups),
  labelRefundChecks: stepAt(enqueueLabelRefundChecks),
  orphanedPhotos: stepAt(removeOrphanedPhotos),
};
