/**
 * Opening a case: its number, its first rows (case, items, first events) in one batch, and the
 * idempotency key that makes a repeated opening land on the case already opened.
 */
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
}

/** Inserts a case (numbered by `allocateCaseNumber`) with its items and first events. */
export function newCaseStatements(s: Services, input: NewCase): D1PreparedStatement[] {
  const { shopId, id } = input.row;
  const db = s.db(shopId);
  const d1 = s.d1(shopId);
  return [
    toStatement(d1, db.insert(cases).values(input.row)),
    ...input.items.map((item) => toStatement(d1, db.insert(caseItems).values(item))),
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
