/** A queue you can read and a batch you can break: the jobs area's test harness. */
import { env } from 'cloudflare:workers';
import { LocalOutboxEmail } from '../../src/integrations/email';
import { processDeadJobBatch, processJobBatch } from '../../src/queue/consumer';
import type { JobMessage } from '../../src/queue/messages';
import { fixedClock } from '../../src/lib/clock';
import { createServices, type Services } from '../../src/services';
import { createOrder, createShop } from '../helpers/factory';
import { envWith } from '../helpers/env';

export interface Sent {
  body: unknown;
  delaySeconds?: number;
}

/** A `Queue` that records what was sent instead of delivering it in the background. */
export function recordingQueue() {
  const sent: Sent[] = [];
  const queue = {
    async send(body: unknown, opts?: { delaySeconds?: number }) {
      sent.push({ body, ...(opts?.delaySeconds ? { delaySeconds: opts.delaySeconds } : {}) });
    },
    async sendBatch(messages: Iterable<{ body: unknown; delaySeconds?: number }>) {
      for (const m of messages)
        sent.push({ body: m.body, ...(m.delaySeconds ? { delaySeconds: m.delaySeconds } : {}) });
    },
  };
  return { sent, queue: queue as unknown as Queue<unknown> };
}

export function jobServices(start: number, overrides: Partial<Services> = {}) {
  const clock = fixedClock(start);
  const q = recordingQueue();
  const local = new LocalOutboxEmail();
  /** The local sender's record (the override's own, when a test passes a LocalOutboxEmail subclass). */
  const email = overrides.email instanceof LocalOutboxEmail ? overrides.email : local;
  const jobsEnv = envWith({ JOBS: q.queue });
  const s = createServices(jobsEnv, { clock, ...overrides, email: overrides.email ?? local });
  return { s, clock, q, email };
}

export interface FakeMessage {
  id: string;
  body: unknown;
  attempts: number;
  outcome: 'pending' | 'ack' | 'retry';
  delaySeconds?: number;
}

/** A MessageBatch whose outcome per message is readable; `onAck` may throw to "kill" the consumer. */
export function fakeBatch(
  bodies: unknown[],
  opts: { attempts?: number; queue?: string; onAck?: (index: number) => void } = {},
) {
  const state: FakeMessage[] = bodies.map((body, i) => ({
    id: `msg-${i}`,
    body,
    attempts: opts.attempts ?? 1,
    outcome: 'pending',
  }));
  const batch = {
    queue: opts.queue ?? 'aftercare-jobs',
    messages: state.map((m, i) => ({
      id: m.id,
      timestamp: new Date(),
      body: m.body,
      attempts: m.attempts,
      ack() {
        opts.onAck?.(i);
        m.outcome = 'ack';
      },
      retry(o?: { delaySeconds?: number }) {
        m.outcome = 'retry';
        if (o?.delaySeconds !== undefined) m.delaySeconds = o.delaySeconds;
      },
    })),
    ackAll() {},
    retryAll() {},
  };
  return { batch: batch as unknown as MessageBatch<unknown>, state };
}

/** Runs everything the queue holds through the consumer until it is empty (jobs may enqueue jobs). */
export async function drain(s: Services, q: { sent: Sent[] }, rounds = 5): Promise<JobMessage[]> {
  const ran: JobMessage[] = [];
  for (let i = 0; i < rounds && q.sent.length; i++) {
    const bodies = q.sent.splice(0).map((m) => m.body);
    ran.push(...(bodies as JobMessage[]));
    await processJobBatch(s, fakeBatch(bodies).batch);
  }
  return ran;
}

export async function deadLetter(s: Services, bodies: unknown[]) {
  const fb = fakeBatch(bodies, { queue: 'aftercare-jobs-dlq', attempts: 7 });
  await processDeadJobBatch(s, fb.batch);
  return fb.state;
}

export async function notifications(shopId: string) {
  const r = await env.DB.prepare('SELECT * FROM notifications WHERE shop_id = ? ORDER BY created_at, id')
    .bind(shopId)
    .all<Record<string, unknown>>();
  return r.results;
}

/** A shop with `settings`, a delivered order and an approved return case collected by pickup: the pickup job's starting point. */
export async function approvedPickupReturn(settings: Record<string, unknown>, now: number, orderName = '#4001') {
  const shop = await createShop(env.DB, { settings }, now);
  const { order } = await createOrder(env.DB, shop.id, { name: orderName, deliveredDaysAgo: 3 }, now);
  const caseId = `case_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
  await env.DB.prepare(
    `INSERT INTO cases (id, shop_id, number, order_id, type, status, priority, tier, source, method, locale, currency, created_at, updated_at)
     VALUES (?, ?, 1001, ?, 'return', 'approved', 'normal', 1, 'portal', 'pickup', 'en', 'USD', ?, ?)`,
  )
    .bind(caseId, shop.id, order.id, now, now)
    .run();
  return { shop, caseId };
}
