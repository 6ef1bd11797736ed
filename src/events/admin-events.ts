import type { Services } from '../services';
import { applyEvent, type ApplyResult } from './apply';
import { markApplied, markAttemptFailed, toStoredEvent, type StoredEvent } from './event-store';

export interface EventListQuery {
  status?: StoredEvent['status'] | undefined;
  topic?: string | undefined;
  /** Keyset paging: the `id` of the last event of the previous page (ids are time-ordered). */
  before?: string | undefined;
  limit: number;
}

/** The admin's shop; a Shopify event is its shop's by domain even before it was first applied. */
export interface ShopRef {
  id: string;
  domain: string;
}

export type EventSummary = Omit<StoredEvent, 'body' | 'headers'>;

/** The shop's stored events, newest first, without bodies (the detail has them). */
export async function listShopEvents(
  s: Services,
  shop: ShopRef,
  q: EventListQuery,
): Promise<{ events: EventSummary[]; next: string | null }> {
  const rows = await s
    .d1()
    .prepare(
      `SELECT id, source, delivery_id, topic, shop_domain, shop_id, '{}' AS headers, '' AS body, status, attempts, last_error, received_at, processed_at, enqueued_at
       FROM webhook_events WHERE (shop_id = ?1 OR shop_domain = ?6) AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR topic = ?3) AND (?4 IS NULL OR id < ?4)
       ORDER BY id DESC LIMIT ?5`,
    )
    .bind(shop.id, q.status ?? null, q.topic ?? null, q.before ?? null, q.limit + 1, shop.domain)
    .all<Parameters<typeof toStoredEvent>[0]>();
  const events = rows.results.slice(0, q.limit).map((r) => {
    const { body: _b, headers: _h, ...summary } = toStoredEvent(r);
    return summary;
  });
  return { events, next: rows.results.length > q.limit ? (events.at(-1)?.id ?? null) : null };
}

export async function getShopEvent(s: Services, shop: ShopRef, id: string): Promise<StoredEvent | null> {
  const row = await s
    .d1()
    .prepare('SELECT * FROM webhook_events WHERE id = ?1 AND (shop_id = ?2 OR shop_domain = ?3)')
    .bind(id, shop.id, shop.domain)
    .first<Parameters<typeof toStoredEvent>[0]>();
  return row ? toStoredEvent(row) : null;
}

export type ReplayResult = ({ ok: true } & ApplyResult) | { ok: false; error: string };

/**
 * Re-applies a stored event now, whatever its status (the appliers are idempotent), and records
 * the outcome on the row exactly as the consumer would.
 */
export async function replayEvent(s: Services, event: StoredEvent): Promise<ReplayResult> {
  try {
    const result = await applyEvent(s, event);
    await markApplied(s, event.id, result.status, result.shopId, result.note ?? null);
    return { ok: true, ...result };
  } catch (err) {
    const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    await markAttemptFailed(s, event.id, error);
    return { ok: false, error };
  }
}
