/**
 * The case store: rows ↔ the domain's `CaseState`, the ONE batch every case change is written in,
 * and `handleCase`, the one load → decide → commit-at-version → retry loop commands run on. A change
 * is guarded by the case's `version` (optimistic concurrency): the first audit row's NOT NULL
 * `actor` is only filled when the versioned UPDATE changed exactly one row, so a lost race aborts the
 * whole batch (D1 batches are transactions) and nothing is half-written. Event rows: `case-event-rows.ts`.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { CaseEvent, CaseState } from '../cases/state-machine';
import { AppError } from '../http/errors';
import type { Services } from '../services';
import { caseEventRows } from './case-event-rows';
import { caseItems, cases, refunds } from './schema';

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
    ...caseEventRows(s, change.shopId, change.caseId, change.events, true),
    ...(change.statements ?? []),
  ];
}

const conflictMarkers = [
  'NOT NULL constraint failed: case_events.actor',
  'UNIQUE constraint failed: cases.shop_id, cases.platform_ref',
];

/** What a failed D1 call says, its cause included (the constraint names live there). */
export const errorText = (err: unknown) =>
  err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : String(err);

export function isConflict(err: unknown): boolean {
  const text = errorText(err);
  return conflictMarkers.some((m) => text.includes(m));
}

/** Runs the batch; a lost optimistic race becomes a 409 the caller may retry. */
export async function commitBatch(s: Services, shopId: string, statements: D1PreparedStatement[]): Promise<void> {
  try {
    await s.d1(shopId).batch(statements);
  } catch (err) {
    if (isConflict(err))
      throw new AppError('conflict', 'The case changed while this action ran; reload and try again.', {
        cause: err,
        why: { code: 'case_changed' },
      });
    throw err;
  }
}

/** What a command decided on the loaded case: a change to commit (then answer `result`), or nothing. */
export type CaseDecision<T> =
  | { kind: 'commit'; change: Pick<CaseChange, 'set' | 'events' | 'statements'>; result: T }
  | { kind: 'refuse'; result: T };

/** Decides on a freshly loaded case (null: no such case). Runs again, on fresh state, after a lost race. */
export type CaseDecider<T> = (loaded: LoadedCase | null) => CaseDecision<T> | Promise<CaseDecision<T>>;

export const commit = <T>(change: Pick<CaseChange, 'set' | 'events' | 'statements'>, result: T): CaseDecision<T> => ({
  kind: 'commit',
  change,
  result,
});
export const refuse = <T>(result: T): CaseDecision<T> => ({ kind: 'refuse', result });

/** How many times a command decides before a lost race reaches its caller as the 409. */
export const CASE_ATTEMPTS = 4;

const lostRace = (err: unknown) => err instanceof AppError && err.code === 'conflict';

/**
 * Load → decide → commit at the version loaded. When another writer committed in between, the case
 * is loaded again and decided again, at most `CASE_ATTEMPTS` times; then the conflict is thrown. A
 * refusal answers without writing; anything `decide` throws passes through untouched (never retried).
 */
export async function handleCase<T>(s: Services, shopId: string, caseId: string, decide: CaseDecider<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const loaded = await loadCase(s, shopId, caseId);
    const decision = await decide(loaded);
    if (decision.kind === 'refuse') return decision.result;
    if (!loaded) throw new Error(`a change was decided for case ${caseId}, which does not exist`);
    const change = { shopId, caseId, expectedVersion: loaded.row.version, ...decision.change };
    try {
      await commitBatch(s, shopId, caseChangeStatements(s, change));
      return decision.result;
    } catch (err) {
      if (!lostRace(err) || attempt >= CASE_ATTEMPTS) throw err;
    }
  }
}
