import { AppError } from '../http/errors';
import { log } from '../lib/log';
import type { Services } from '../services';

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
 * only when it inserted, one queue send. `enqueued_at` is written with the row, so the path stays
 * one D1 write; if the send fails the row is still `received` and the sweep re-sends it.
 */
export async function storeAndEnqueue(s: Services, event: IncomingEvent): Promise<StoreResult> {
  const id = s.newId('evt');
  const now = s.clock.now();
  let inserted: boolean;
  try {
    const result = await s
      .d1()
      .prepare(
        `INSERT INTO webhook_events (id, source, delivery_id, topic, shop_domain, headers, body, status, attempts, received_at, enqueued_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'received', 0, ?8, ?8)
         ON CONFLICT(source, delivery_id) DO NOTHING`,
      )
      .bind(id, event.source, event.deliveryId, event.topic, event.shopDomain, JSON.stringify(event.headers), event.body, now)
      .run();
    inserted = result.meta.changes === 1;
  } catch (err) {
    // Our storage failing is not the caller's fault: 503 makes the platform retry later.
    throw new AppError('upstream_unavailable', 'The event could not be stored; retry later.', { cause: err });
  }
  if (!inserted) return { eventId: id, duplicate: true };
  try {
    await s.env.EVENTS.send({ eventId: id });
  } catch (err) {
    // Stored is what matters: the sweep re-enqueues `received` events, so answer 200 anyway.
    log({ kind: 'event', outcome: 'error', durationMs: 0, eventId: id, error: `enqueue failed: ${String(err)}` });
  }
  return { eventId: id, duplicate: false };
}
