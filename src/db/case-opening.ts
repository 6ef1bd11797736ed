/**
 * Opening a case: its number, its first rows (case, items, first events) in one batch, and the
 * idempotency key that makes a repeated opening land on the case already opened.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { CaseEvent } from '../cases/state-machine';
import { AppError } from '../http/errors';
import type { Services } from '../services';
import { caseEventRows } from './case-event-rows';
import { errorText, toStatement } from './case-store';
import { caseItems, cases } from './schema';

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
  const itemRow = (item: NewCase['items'][number]) =>
    guard ? { ...item, quantity: guardedQuantity(input.row, item) } : item;
  return [
    toStatement(d1, db.insert(cases).values(input.row)),
    ...input.items.map((item) => toStatement(d1, db.insert(caseItems).values(itemRow(item)))),
    ...caseEventRows(s, shopId, id, input.events, false),
    ...(input.statements ?? []),
  ];
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
