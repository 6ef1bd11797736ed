import { AppError } from '../http/errors';
import type { Services } from '../services';
import { webhookCommits } from './group-commit';

export interface IncomingEvent {
  source: 'shopify' | 'stripe';
  deliveryId: string;
  topic: string;
  shopDomain: string | null;
  headers: Record<string, string>;
  body: string;
}

export interface StoreResult {
  eventId: string;
  duplicate: boolean;
}

/**
 * The whole durable part of the ack path: one INSERT (deduplicated on source + delivery id) and,
 * only when it inserted, one queue send, both group-committed with the acks this isolate is handling
 * at the same moment (./group-commit.ts). `enqueued_at` is written with the row, so the path stays
 * one D1 write; if the send fails the row is still `received` and the sweep re-sends it.
 */
export async function storeAndEnqueue(
  s: Services,
  event: IncomingEvent,
  waitUntil?: (p: Promise<unknown>) => void,
): Promise<StoreResult> {
  const id = s.newId('evt');
  const now = s.clock.now();
  const sql = `INSERT INTO webhook_events (id, source, delivery_id, topic, shop_domain, headers, body, status, attempts, received_at, enqueued_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'received', 0, ?8, ?8)
     ON CONFLICT(source, delivery_id) DO NOTHING`;
  const params = [
    id,
    event.source,
    event.deliveryId,
    event.topic,
    event.shopDomain,
    JSON.stringify(event.headers),
    event.body,
    now,
  ];
  try {
    const item = { sql, params, message: { eventId: id } };
    const ports = { db: s.d1(), queue: s.env.EVENTS, waitUntil };
    const { inserted } =
      s.settings.WEBHOOK_GROUP_COMMIT === 'on'
        ? await webhookCommits.insert(item, ports)
        : await webhookCommits.alone(item, ports);
    return { eventId: id, duplicate: !inserted };
  } catch (err) {
    // Our storage failing is not the caller's fault: 503 makes the platform retry later.
    throw new AppError('upstream_unavailable', 'The event could not be stored; retry later.', { cause: err });
  }
}

/**
 * Keeps an event that must not be applied (a stale delivery): stored as `ignored` with the reason,
 * never enqueued, deduplicated like any other; `POST /api/admin/events/:id/replay` applies it.
 */
export async function storeIgnored(s: Services, event: IncomingEvent, reason: string): Promise<StoreResult> {
  const id = s.newId('evt');
  const now = s.clock.now();
  try {
    const res = await s
      .d1()
      .prepare(
        `INSERT INTO webhook_events (id, source, delivery_id, topic, shop_domain, headers, body, status, attempts, last_error, received_at, processed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'ignored', 0, ?8, ?9, ?9)
         ON CONFLICT(source, delivery_id) DO NOTHING`,
      )
      .bind(
        id,
        event.source,
        event.deliveryId,
        event.topic,
        event.shopDomain,
        JSON.stringify(event.headers),
        event.body,
        reason,
        now,
      )
      .run();
    return { eventId: id, duplicate: (res.meta.changes ?? 0) === 0 };
  } catch (err) {
    throw new AppError('upstream_unavailable', 'The event could not be stored; retry later.', { cause: err });
  }
}

/** The request's `waitUntil`, when it runs with an execution context (always, in a Worker). */
export function waitUntilOf(c: {
  readonly executionCtx: { waitUntil(p: Promise<unknown>): void };
}): ((p: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx;
    return (p) => ctx.waitUntil(p);
  } catch {
    return undefined; // Hono throws when there is no execution context (plain app.request in a unit test)
  }
}
