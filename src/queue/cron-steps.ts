import type { Services } from '../services';
import { eachDatabase } from '../db/databases';
import { enqueueJobs } from './enqueue';
import { jobMessage, type JobMessage } from './messages';

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
