import type { Services } from '../services';

/** A stored webhook event (the `webhook_events` row), as the consumer and the admin see it. */
export interface StoredEvent {
  id: string;
  source: 'shopify' | 'stripe';
  deliveryId: string;
  topic: string;
  shopDomain: string | null;
  shopId: string | null;
  headers: Record<string, string>;
  body: string;
  status: 'received' | 'processed' | 'failed' | 'ignored';
  attempts: number;
  lastError: string | null;
  receivedAt: number;
  processedAt: number | null;
  enqueuedAt: number | null;
}

interface Row {
  id: string;
  source: 'shopify' | 'stripe';
  delivery_id: string;
  topic: string;
  shop_domain: string | null;
  shop_id: string | null;
  headers: string;
  body: string;
  status: StoredEvent['status'];
  attempts: number;
  last_error: string | null;
  received_at: number;
  processed_at: number | null;
  enqueued_at: number | null;
}

export function toStoredEvent(r: Row): StoredEvent {
  let headers: Record<string, string> = {};
  try {
    headers = JSON.parse(r.headers) as Record<string, string>;
  } catch {
    // Stored by us, always JSON; a hand-edited row still loads.
  }
  return {
    id: r.id,
    source: r.source,
    deliveryId: r.delivery_id,
    topic: r.topic,
    shopDomain: r.shop_domain,
    shopId: r.shop_id,
    headers,
    body: r.body,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    receivedAt: r.received_at,
    processedAt: r.processed_at,
    enqueuedAt: r.enqueued_at,
  };
}

/** `webhook_events` lives in the directory database (`DB`): a Stripe event names no shop yet. */
export async function loadEvent(s: Services, id: string): Promise<StoredEvent | null> {
  const row = await s.d1().prepare('SELECT * FROM webhook_events WHERE id = ?').bind(id).first<Row>();
  return row ? toStoredEvent(row) : null;
}

/** Many events by id, in one query per 90 ids (D1 binds at most 100 parameters). */
export async function loadEvents(s: Services, ids: readonly string[]): Promise<Map<string, StoredEvent>> {
  const found = new Map<string, StoredEvent>();
  for (let i = 0; i < ids.length; i += 90) {
    const chunk = ids.slice(i, i + 90);
    const { results } = await s
      .d1()
      .prepare(`SELECT * FROM webhook_events WHERE id IN (${chunk.map((_, j) => `?${j + 1}`).join(',')})`)
      .bind(...chunk)
      .all<Row>();
    for (const row of results) found.set(row.id, toStoredEvent(row));
  }
  return found;
}

export function markAppliedStatement(
  s: Services,
  id: string,
  status: 'processed' | 'ignored',
  shopId: string | null,
  note: string | null,
): D1PreparedStatement {
  return s
    .d1()
    .prepare(
      `UPDATE webhook_events SET status = ?2, shop_id = COALESCE(?3, shop_id), attempts = attempts + 1, last_error = ?4, processed_at = ?5
       WHERE id = ?1`,
    )
    .bind(id, status, shopId, note, s.clock.now());
}

export async function markApplied(
  s: Services,
  id: string,
  status: 'processed' | 'ignored',
  shopId: string | null,
  note: string | null,
): Promise<void> {
  await markAppliedStatement(s, id, status, shopId, note).run();
}

/** A failed attempt: counted and its error kept; the status stays `received` while retries remain. */
export async function markAttemptFailed(
  s: Services,
  id: string,
  error: string,
  shopId: string | null = null,
): Promise<void> {
  await s
    .d1()
    .prepare(
      'UPDATE webhook_events SET attempts = attempts + 1, last_error = ?2, shop_id = COALESCE(?3, shop_id) WHERE id = ?1',
    )
    .bind(id, error.slice(0, 2000), shopId)
    .run();
}

/** Out of retries (the dead-letter consumer): visible as failed, with its last error, replayable. */
export async function markDead(s: Services, id: string): Promise<void> {
  await s
    .d1()
    .prepare(
      `UPDATE webhook_events SET status = 'failed', last_error = COALESCE(last_error, 'retries exhausted')
       WHERE id = ?1 AND status = 'received'`,
    )
    .bind(id)
    .run();
}
