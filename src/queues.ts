import type { Env } from './env';
import { consumeDeadEvents, consumeEvents } from './events/consumer';
import { consumeDeadJobs, consumeJobs } from './queue/consumer';
import { withFaultInjection } from './lib/fault-inject';
import { log } from './lib/log';

export type QueueHandler = (batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext) => Promise<void>;

/**
 * Queue name → consumer. Names come from wrangler.toml; a `-dlq` suffix is the dead-letter
 * consumer of the queue before it. Unknown queues are logged and retried, never silently acked.
 */
const handlers: Record<string, QueueHandler> = {
  events: consumeEvents,
  'events-dlq': consumeDeadEvents,
  jobs: consumeJobs,
  'jobs-dlq': consumeDeadJobs,
};

export async function handleQueue(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext): Promise<void> {
  const base = batch.queue.replace(/^aftercare-/, '').replace(/-(preview|staging)$/, '');
  const handler = handlers[base];
  if (!handler) {
    log({ kind: 'job', outcome: 'retry', durationMs: 0, queue: batch.queue, error: 'no consumer for queue' });
    batch.retryAll();
    return;
  }
  // Test-only: FAULT_INJECT_RATE with INTEGRATIONS=local fails some attempts (src/lib/fault-inject.ts).
  if (base.endsWith('-dlq')) await handler(batch, env, ctx);
  else await withFaultInjection(batch, env, (b, e) => handler(b, e, ctx));
}
