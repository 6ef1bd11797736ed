import type { Env } from '../env';
import { log } from '../lib/log';
import { createServices, type Services } from '../services';
import { errorText, recordJobFailure, resolveJobFailure } from './failures';
import { type JobKind, type JobMessage, type JobOf, jobKey, jobMessage } from './messages';

export type JobHandler<K extends JobKind> = (s: Services, job: JobOf<K>, ctx: { attempts: number }) => Promise<void>;

/** What the consumer runs: one handler per kind, and what to do after the last retry (`Services.jobs`). */
export interface JobHandlers {
  byKind: { [K in JobKind]: JobHandler<K> };
  onDead(s: Services, job: JobMessage): Promise<void>;
}

/** Exponential backoff per message: 30 s, 1 min, 2 min … capped at 1 h (Queues cap delays at 12 h). */
export function backoffSeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);
}

/**
 * The `jobs` consumer. Each message is handled on its own: success acks it, a passing failure
 * retries it alone with backoff (recording the error for the admin), a message that does not parse
 * is recorded dead and acked (no retry can fix it). Handlers are idempotent by their job key, so a
 * redelivered batch (the isolate died before acking) redoes nothing that was done.
 */
export async function processJobBatch(s: Services, batch: MessageBatch<unknown>): Promise<void> {
  for (const msg of batch.messages) {
    const started = Date.now();
    const parsed = jobMessage.safeParse(msg.body);
    if (!parsed.success) {
      await recordJobFailure(s, {
        shopId: null,
        jobKey: `invalid:${msg.id}`,
        kind: 'invalid',
        payload: msg.body,
        attempts: msg.attempts,
        error: parsed.error.message,
        dead: true,
      });
      log({
        kind: 'job',
        outcome: 'rejected',
        durationMs: 0,
        queue: batch.queue,
        messageId: msg.id,
        error: 'invalid job message',
      });
      msg.ack();
      continue;
    }
    const job = parsed.data;
    const key = jobKey(job);
    try {
      await runJob(s, job, msg.attempts);
      if (msg.attempts > 1) await resolveJobFailure(s, job.shopId, key);
    } catch (err) {
      const delaySeconds = backoffSeconds(msg.attempts);
      try {
        await recordJobFailure(s, {
          shopId: job.shopId,
          jobKey: key,
          kind: job.kind,
          payload: job,
          attempts: msg.attempts,
          error: errorText(err),
          dead: false,
        });
      } finally {
        msg.retry({ delaySeconds });
      }
      log({
        kind: 'job',
        outcome: 'retry',
        durationMs: Date.now() - started,
        job: job.kind,
        shopId: job.shopId,
        key,
        attempts: msg.attempts,
        delaySeconds,
        error: errorText(err),
      });
      continue;
    }
    // Outside the try: if the runtime dies here the message is simply redelivered, and the
    // handler finds its work done.
    msg.ack();
    log({
      kind: 'job',
      outcome: 'ok',
      durationMs: Date.now() - started,
      job: job.kind,
      shopId: job.shopId,
      key,
      attempts: msg.attempts,
    });
  }
}

export function runJob(s: Services, job: JobMessage, attempts: number): Promise<void> {
  const handler = s.jobs.byKind[job.kind] as (s: Services, job: JobMessage, ctx: { attempts: number }) => Promise<void>;
  return handler(s, job, { attempts });
}

/**
 * The `jobs-dlq` consumer: the queue gave up on these. Each is recorded `dead` with its kind's
 * consequence (notification failed, pickup failed + case escalated), then acked.
 */
export async function processDeadJobBatch(s: Services, batch: MessageBatch<unknown>): Promise<void> {
  for (const msg of batch.messages) {
    const parsed = jobMessage.safeParse(msg.body);
    try {
      if (!parsed.success) {
        await recordJobFailure(s, {
          shopId: null,
          jobKey: `invalid:${msg.id}`,
          kind: 'invalid',
          payload: msg.body,
          attempts: msg.attempts,
          error: parsed.error.message,
          dead: true,
        });
      } else {
        const job = parsed.data;
        await recordJobFailure(s, {
          shopId: job.shopId,
          jobKey: jobKey(job),
          kind: job.kind,
          payload: job,
          attempts: msg.attempts,
          error: null,
          dead: true,
        });
        await s.jobs.onDead(s, job);
      }
      msg.ack();
      log({
        kind: 'job',
        outcome: 'error',
        durationMs: 0,
        queue: batch.queue,
        job: parsed.success ? parsed.data.kind : 'invalid',
        dead: true,
      });
    } catch (err) {
      msg.retry({ delaySeconds: 60 });
      log({ kind: 'job', outcome: 'retry', durationMs: 0, queue: batch.queue, dead: true, error: errorText(err) });
    }
  }
}

export const consumeJobs = (batch: MessageBatch<unknown>, env: Env) => processJobBatch(createServices(env), batch);
export const consumeDeadJobs = (batch: MessageBatch<unknown>, env: Env) =>
  processDeadJobBatch(createServices(env), batch);
