/** The shop's procedures in D1, and the starter set a new shop gets. */
import { and, asc, eq } from 'drizzle-orm';
import { procedures } from '../db/schema/procedures';
import { insertOrIgnore, type Statement } from '../db/seed';
import { AppError } from '../http/errors';
import { changedFields } from '../db/changed-fields';
import { asStatement, changeWithEvent } from '../db/shop-event-rows';
import type { Services } from '../services';
import { type ProcedureInput, withStepIds } from './procedure-input';
import { starterProcedures } from './starter-procedures';

export type ProcedureRow = typeof procedures.$inferSelect;

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed/.test(`${err.message} ${String(err.cause ?? '')}`);
}

async function refusingDuplicates<T>(key: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('conflict', `The shop already has a procedure "${key}".`, {
        why: { code: 'procedure_key_taken', vars: { key } },
      });
    throw err;
  }
}

const fields = (input: ProcedureInput) => ({
  key: input.key,
  titles: input.titles,
  caseTypes: [...input.caseTypes],
  reasons: input.reasons,
  steps: withStepIds(input),
});

export async function listProcedures(s: Services, shopId: string): Promise<ProcedureRow[]> {
  return s.db(shopId).select().from(procedures).where(eq(procedures.shopId, shopId)).orderBy(asc(procedures.key)).all();
}

export async function findProcedure(s: Services, shopId: string, id: string): Promise<ProcedureRow | undefined> {
  return s
    .db(shopId)
    .select()
    .from(procedures)
    .where(and(eq(procedures.shopId, shopId), eq(procedures.id, id)))
    .get();
}

const named = (row: Pick<ProcedureRow, 'id' | 'key'>) => ({ procedureId: row.id, key: row.key });

export async function createProcedure(
  s: Services,
  shopId: string,
  input: ProcedureInput,
  actor: string,
): Promise<ProcedureRow> {
  const now = s.clock.now();
  const row: ProcedureRow = { id: s.newId('proc'), shopId, ...fields(input), createdAt: now, updatedAt: now };
  const d1 = s.d1(shopId);
  const insert = asStatement(d1, s.db(shopId).insert(procedures).values(row));
  const event = { shopId, type: 'ProcedureSaved' as const, actor, data: named(row) };
  await refusingDuplicates(input.key, () => changeWithEvent(s, d1, insert, event));
  return row;
}

export async function updateProcedure(
  s: Services,
  shopId: string,
  id: string,
  input: ProcedureInput,
  actor: string,
): Promise<ProcedureRow | undefined> {
  const before = await findProcedure(s, shopId, id);
  if (!before) return undefined;
  const where = and(eq(procedures.shopId, shopId), eq(procedures.id, id));
  const set = { ...fields(input), updatedAt: s.clock.now() };
  const d1 = s.d1(shopId);
  const { createdAt: _c, updatedAt: _u, id: _i, shopId: _s, ...was } = before;
  const data = { ...named({ id, key: input.key }), ...changedFields(was, fields(input)) };
  const update = asStatement(d1, s.db(shopId).update(procedures).set(set).where(where));
  await refusingDuplicates(input.key, () =>
    changeWithEvent(s, d1, update, { shopId, type: 'ProcedureSaved', actor, data }),
  );
  return findProcedure(s, shopId, id);
}

export async function deleteProcedure(s: Services, shopId: string, id: string, actor: string): Promise<boolean> {
  const before = await findProcedure(s, shopId, id);
  if (!before) return false;
  const d1 = s.d1(shopId);
  const remove = s
    .db(shopId)
    .delete(procedures)
    .where(and(eq(procedures.shopId, shopId), eq(procedures.id, id)));
  const event = { shopId, type: 'ProcedureDeleted' as const, actor, data: named(before) };
  return (await changeWithEvent(s, d1, asStatement(d1, remove), event)) > 0;
}

/** Starter ids are derived, so installing twice finds its own rows. */
export const starterProcedureId = (shopId: string, key: string) => `proc_${shopId}_${key}`;

/** `INSERT OR IGNORE` of each starter procedure: one the shop already has under that key is left alone. */
export function starterProcedureStatements(shopId: string, now: number): Statement[] {
  return starterProcedures.map((p) =>
    insertOrIgnore(procedures, {
      id: starterProcedureId(shopId, p.key),
      shopId,
      key: p.key,
      titles: p.titles,
      caseTypes: p.caseTypes,
      reasons: p.reasons,
      steps: p.steps,
      createdAt: now,
      updatedAt: now,
    }),
  );
}
