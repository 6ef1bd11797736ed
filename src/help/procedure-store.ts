/** The shop's procedures in D1, and the starter set a new shop gets. */
import { and, asc, eq } from 'drizzle-orm';
import { procedures } from '../db/schema/procedures';
import { insertOrIgnore, type Statement } from '../db/seed';
import { AppError } from '../http/errors';
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
    if (isUniqueViolation(err)) throw new AppError('conflict', `The shop already has a procedure "${key}".`);
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

export async function createProcedure(s: Services, shopId: string, input: ProcedureInput): Promise<ProcedureRow> {
  const now = s.clock.now();
  const row: ProcedureRow = { id: s.newId('proc'), shopId, ...fields(input), createdAt: now, updatedAt: now };
  await refusingDuplicates(input.key, () => s.db(shopId).insert(procedures).values(row).run());
  return row;
}

export async function updateProcedure(
  s: Services,
  shopId: string,
  id: string,
  input: ProcedureInput,
): Promise<ProcedureRow | undefined> {
  const where = and(eq(procedures.shopId, shopId), eq(procedures.id, id));
  const set = { ...fields(input), updatedAt: s.clock.now() };
  const updated = await refusingDuplicates(input.key, () =>
    s.db(shopId).update(procedures).set(set).where(where).returning().all(),
  );
  return updated[0];
}

export async function deleteProcedure(s: Services, shopId: string, id: string): Promise<boolean> {
  const deleted = await s
    .db(shopId)
    .delete(procedures)
    .where(and(eq(procedures.shopId, shopId), eq(procedures.id, id)))
    .returning({ id: procedures.id })
    .all();
  return deleted.length > 0;
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
