/**
 * The one place a `shop_events` row is written: the statement goes into the same D1 batch as the
 * change it records, so a change is never without its event and a failed change leaves none.
 * `afterChange`: the row is written only when the statement just before it in the batch changed a
 * row (`changes() > 0`), so an update that matched nothing records nothing.
 */
import type { Services } from '../services';
import type { ShopEventType } from './shop-event-types';

export interface ShopEvent {
  shopId: string;
  type: ShopEventType;
  /** A member id, `operator`, `installer` or `system`. */
  actor: string;
  /** What names the thing changed and, for settings, `changes` from `changedFields`. */
  data?: Record<string, unknown>;
}

const columns = 'id, shop_id, type, actor, at, data';

/**
 * The insert for the caller's batch, on `d1`: the database the change itself is written to (the
 * shop's own, or the directory for support addresses, which live there).
 */
export function shopEventStatement(
  s: Services,
  d1: D1Database,
  e: ShopEvent,
  how: { afterChange?: boolean } = {},
): D1PreparedStatement {
  const where = how.afterChange ? ' WHERE changes() > 0' : '';
  return d1
    .prepare(`INSERT INTO shop_events (${columns}) SELECT ?, ?, ?, ?, ?, ?${where}`)
    .bind(s.newId('sev'), e.shopId, e.type, e.actor, s.clock.now(), JSON.stringify(e.data ?? {}));
}

/** A drizzle query as a D1 statement, so it can share a raw batch with its event. */
export function asStatement(
  d1: D1Database,
  query: { toSQL(): { sql: string; params: unknown[] } },
): D1PreparedStatement {
  const { sql, params } = query.toSQL();
  return d1.prepare(sql).bind(...params);
}

/**
 * Runs `change`, its event only when `change` changed a row, then `rest`, in one batch on `d1`;
 * answers how many rows `change` changed.
 */
export async function changeWithEvent(
  s: Services,
  d1: D1Database,
  change: D1PreparedStatement,
  e: ShopEvent,
  rest: D1PreparedStatement[] = [],
): Promise<number> {
  const [res] = await d1.batch([change, shopEventStatement(s, d1, e, { afterChange: true }), ...rest]);
  return res?.meta.changes ?? 0;
}
