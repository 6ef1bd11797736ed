/**
 * The case repository: rows ↔ the domain's `CaseState`, and the ONE batch every case change is
 * written in. A change is guarded by the case's `version` (optimistic concurrency): the first
 * audit row's NOT NULL `actor` is only filled when the versioned UPDATE changed exactly one row,
 * so a lost race aborts the whole batch (D1 batches are transactions) and nothing is half-written.
 */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { CaseEvent, CaseState } from '../cases/state-machine';
import { visibleToShopper } from '../cases/state-machine';
import { AppError } from '../http/errors';
import type { Services } from '../services';
import { caseEvents, caseItems, cases, refunds } from './schema';

export type CaseRow = typeof cases.$inferSelect;
export type CaseItemRow = typeof caseItems.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;

export interface LoadedCase {
  row: CaseRow;
  items: CaseItemRow[];
  refunds: RefundRow[];
  state: CaseState;
}

/** Something drizzle can print as SQL + params (a query builder). */
interface Printable {
  toSQL(): { sql: string; params: unknown[] };
}

/** A drizzle query as a raw D1 statement, so it can share a batch with other areas' statements. */
export function toStatement(d1: D1Database, query: Printable): D1PreparedStatement {
  const { sql: text, params } = query.toSQL();
  return d1.prepare(text).bind(...params);
}

/**
 * The case's money state from its refund rows, independent of their order (rows written in the
 * same millisecond have no reliable order): one in flight wins, then one that paid, then failures.
 */
export function refundStateOf(rows: RefundRow[]): CaseState['refund'] {
  if (rows.some((r) => r.status === 'pending')) return 'pending';
  if (rows.some((r) => r.status === 'succeeded')) return 'succeeded';
  return rows.length > 0 ? 'failed' : 'none';
}

export async function loadCase(s: Services, shopId: string, caseId: string): Promise<LoadedCase | null> {
  const db = s.db(shopId);
  const row = await db
    .select()
    .from(cases)
    .where(and(eq(cases.shopId, shopId), eq(cases.id, caseId)))
    .get();
  if (!row) return null;
  const [items, refundRows] = await Promise.all([
    db
      .select()
      .from(caseItems)
      .where(and(eq(caseItems.shopId, shopId), eq(caseItems.caseId, caseId)))
      .orderBy(asc(caseItems.id))
      .all(),
    db
      .select()
      .from(refunds)
      .where(and(eq(refunds.shopId, shopId), eq(refunds.caseId, caseId)))
      .orderBy(desc(refunds.createdAt))
      .all(),
  ]);
  return {
    row,
    items,
    refunds: refundRows,
    state: { status: row.status, resumeStatus: row.resumeStatus, refund: refundStateOf(refundRows) },
  };
}

export async function findCaseByPlatformRef(
  s: Services,
  shopId: string,
  platformRef: string,
): Promise<CaseRow | undefined> {
  return s
    .db(shopId)
    .select()
    .from(cases)
    .where(and(eq(cases.shopId, shopId), eq(cases.platformRef, platformRef)))
    .get();
}

/** The `case_events` rows for `events`; the first may carry the version guard. */
function eventStatements(
  s: Services,
  shopId: string,
  caseId: string,
  events: CaseEvent[],
  guardFirst: boolean,
): D1PreparedStatement[] {
  const db = s.db(shopId);
  const d1 = s.d1(shopId);
  return events.map((e, i) => {
    const actor: string | SQL =
      guardFirst && i === 0 ? sql`CASE WHEN changes() = 1 THEN ${e.actor} ELSE NULL END` : e.actor;
    return toStatement(
      d1,
      db.insert(caseEvents).values({
        id: s.newId('cev'),
        shopId,
        caseId,
        type: e.type,
        actor,
        fromStatus: e.from,
        toStatus: e.to,
        reason: e.reason,
        data: e.data,
        visibleToShopper: visibleToShopper(e.type),
        at: e.at,
      }),
    );
  });
}

export interface CaseChange {
  shopId: string;
  caseId: string;
  expectedVersion: number;
  set: Partial<Omit<CaseRow, 'id' | 'shopId' | 'version'>>;
  events: CaseEvent[];
  /** Refunds, items, outbox and job rows that must commit with the change. */
  statements?: D1PreparedStatement[];
}

/** The versioned UPDATE, its guarded audit rows, then the caller's statements: one batch. */
export function caseChangeStatements(s: Services, change: CaseChange): D1PreparedStatement[] {
  if (change.events.length === 0) throw new Error('a case change without an event would leave no audit trail');
  const db = s.db(change.shopId);
  const update = db
    .update(cases)
    .set({ ...change.set, version: sql`${cases.version} + 1` })
    .where(
      and(eq(cases.shopId, change.shopId), eq(cases.id, change.caseId), eq(cases.version, change.expectedVersion)),
    );
  return [
    toStatement(s.d1(change.shopId), update),
    ...eventStatements(s, change.shopId, change.caseId, change.events, true),
    ...(change.statements ?? []),
  ];
}

/**
 * Takes the shop's next case number atomically (UPDATE … RETURNING). A batch that then fails
 * leaves a gap in the numbers, never a duplicate; the unique index backs this up.
 */
export async function allocateCaseNumber(s: Services, shopId: string): Promise<number> {
  const row = await s
    .d1(shopId)
    .prepare(
      'UPDATE shops SET next_case_number = next_case_number + 1 WHERE id = ? RETURNING next_case_number - 1 AS number',
    )
    .bind(shopId)
    .first<{ number: number }>();
  if (!row) throw new AppError('not_found', 'No such shop.');
  return row.number;
}

export interface NewCase {
  row: typeof cases.$inferInsert;
  items: Array<typeof caseItems.$inferInsert>;
  events: CaseEvent[];
  statements?: D1PreparedStatement[];
  /**
   * Refuse the whole batch when an item would put more units of its order line in cases than the
   * line holds (`isOverReturned` tells the failure): the check a shopper's request passed at read
   * time, made again inside the write, so two requests racing past the read cannot both return them.
   */
  guardReturnableUnits?: boolean;
}

/** A case in this status gives its units back: they may be returned in another case. */
export const UNITS_RELEASED_STATUS = 'rejected';

/**
 * The item's quantity, or NULL (into the NOT NULL column, aborting the batch) when the units of its
 * line already in this order's cases that hold them, plus these, would exceed the line's quantity.
 * Driven from the order's cases (cases_shop_order_idx, then case_items_case_idx), like the read.
 */
function guardedQuantity(row: NewCase['row'], item: NewCase['items'][number]): SQL | number {
  if (!item.orderLineId || !row.orderId) return item.quantity;
  const held = sql`(SELECT COALESCE(SUM(ci.quantity), 0) FROM case_items ci
    WHERE ci.shop_id = ${row.shopId} AND ci.order_line_id = ${item.orderLineId} AND ci.case_id IN
      (SELECT c.id FROM cases c WHERE c.shop_id = ${row.shopId} AND c.order_id = ${row.orderId}
        AND c.status <> ${UNITS_RELEASED_STATUS}))`;
  const lineQuantity = sql`(SELECT l.quantity FROM order_lines l WHERE l.shop_id = ${row.shopId} AND l.id = ${item.orderLineId})`;
  return sql`CASE WHEN ${held} + ${item.quantity} <= ${lineQuantity} THEN ${item.quantity} ELSE NULL END`;
}

/** The batch was refused by `guardReturnableUnits`: another case took these units first. */
export function isOverReturned(err: unknown): boolean {
  return errorText(err).includes('NOT NULL constraint failed: case_items.quantity');
}

/** Inserts a case (numbered by `allocateCaseNumber`) with its items and first events. */
export function newCaseStatements(s: Services, input: NewCase): D1PreparedStatement[] {
  const { shopId, id } = input.row;
  const db = s.db(shopId);
  const d1 = s.d1(shopId);
  const guard = input.guardReturnableUnits && input.row.status !== UNITS_RELEASED_STATUS;
  return [
    toStatement(d1, db.insert(cases).values(input.row)),
    ...input.items.map((item) =>
      toStatement(
        d1,
        db.insert(caseItems).values(guard ? { ...item, quantity: guardedQuantity(input.row, item) } : item),
      ),
    ),
    ...eventStatements(s, shopId, id, input.events, false),
    ...(input.statements ?? []),
  ];
}

const conflictMarkers = [
  'NOT NULL constraint failed: case_events.actor',
  'UNIQUE constraint failed: cases.shop_id, cases.platform_ref',
];

/** What a failed D1 call says, its cause included (the constraint names live there). */
const errorText = (err: unknown) =>
  err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : String(err);

export function isConflict(err: unknown): boolean {
  const text = errorText(err);
  return conflictMarkers.some((m) => text.includes(m));
}

/** The batch lost to another opening the same request (`cases_shop_request_key_uq`). */
export function isRequestKeyTaken(err: unknown): boolean {
  return errorText(err).includes('UNIQUE constraint failed: cases.shop_id, cases.request_key');
}

/** The case opened under an idempotency key, scoped by shop. */
export async function findCaseByRequestKey(s: Services, shopId: string, requestKey: string) {
  return s
    .d1(shopId)
    .prepare('SELECT id, number, status FROM cases WHERE shop_id = ? AND request_key = ?')
    .bind(shopId, requestKey)
    .first<{ id: string; number: number; status: string }>();
}

/** Runs the batch; a lost optimistic race becomes a 409 the caller may retry. */
export async function commitBatch(s: Services, shopId: string, statements: D1PreparedStatement[]): Promise<void> {
  try {
    await s.d1(shopId).batch(statements);
  } catch (err) {
    if (isConflict(err))
      throw new AppError('conflict', 'The case changed while this action ran; reload and try again.', { cause: err });
    throw err;
  }
}
