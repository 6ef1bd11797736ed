import type { Services } from '../services';
import { jobKey, jobMessage, type JobMessage } from './messages';

/**
 * Cloudflare Queues cap a message delay at 12 hours; we stay well under it so a clock skew or a
 * retry on top can never exceed the cap. Anything due later goes to `scheduled_jobs` (`scheduleJob`).
 */
export const MAX_QUEUE_DELAY_SECONDS = 6 * 3600;

export interface EnqueueOptions {
  delaySeconds?: number;
}

/** Validates and sends one job. Safe to repeat: every handler is idempotent by its job key. */
export async function enqueueJob(s: Services, message: JobMessage, options: EnqueueOptions = {}): Promise<void> {
  const parsed = jobMessage.parse(message);
  const delaySeconds = Math.max(0, Math.ceil(options.delaySeconds ?? 0));
  if (delaySeconds > MAX_QUEUE_DELAY_SECONDS) {
    throw new Error(`enqueueJob: ${delaySeconds}s is past the queue delay limit; use scheduleJob for ${parsed.kind}`);
  }
  await s.env.JOBS.send(parsed, { contentType: 'json', ...(delaySeconds ? { delaySeconds } : {}) });
}

export async function enqueueJobs(s: Services, messages: JobMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 100) {
    const chunk = messages.slice(i, i + 100).map((m) => ({ body: jobMessage.parse(m), contentType: 'json' as const }));
    if (chunk.length) await s.env.JOBS.sendBatch(chunk);
  }
}

/**
 * The `INSERT OR IGNORE` of a job due at `dueAt`, for the caller's batch; the cron sweep
 * (`enqueueDueJobs`) sends it when due. Same job key → one row, however often it is scheduled.
 */
export function scheduleJob(
  s: Services,
  message: JobMessage,
  dueAt: number,
  dedupeKey: string = jobKey(message),
): D1PreparedStatement {
  const parsed = jobMessage.parse(message);
  const now = s.clock.now();
  return s
    .d1(parsed.shopId)
    .prepare(
      `INSERT OR IGNORE INTO scheduled_jobs (id, shop_id, kind, payload, due_at, status, dedupe_key, attempts, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, 0, ?, ?)`,
    )
    .bind(s.newId('job'), parsed.shopId, parsed.kind, JSON.stringify(parsed), dueAt, dedupeKey, now, now);
}
