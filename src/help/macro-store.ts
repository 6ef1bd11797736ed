/** Macros in D1, scoped by shop. */
import { and, asc, eq } from 'drizzle-orm';
import { macros } from '../db/schema/help';
import { AppError } from '../http/errors';
import type { Services } from '../services';
import type { MacroInput } from './macros';

export type MacroRow = typeof macros.$inferSelect;

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed/.test(`${err.message} ${String(err.cause ?? '')}`);
}

async function refusingDuplicates<T>(input: MacroInput, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', `The shop already has a macro named "${input.name}".`);
    throw err;
  }
}

export async function listMacros(s: Services, shopId: string): Promise<MacroRow[]> {
  return s.db(shopId).select().from(macros).where(eq(macros.shopId, shopId)).orderBy(asc(macros.name)).all();
}

export async function findMacro(s: Services, shopId: string, id: string): Promise<MacroRow | undefined> {
  return s
    .db(shopId)
    .select()
    .from(macros)
    .where(and(eq(macros.shopId, shopId), eq(macros.id, id)))
    .get();
}

export async function createMacro(s: Services, shopId: string, input: MacroInput): Promise<MacroRow> {
  const now = s.clock.now();
  const row: MacroRow = {
    id: s.newId('mac'),
    shopId,
    name: input.name,
    bodies: input.bodies as Record<string, string>,
    actions: input.actions ?? {},
    createdAt: now,
    updatedAt: now,
  };
  await refusingDuplicates(input, () => s.db(shopId).insert(macros).values(row).run());
  return row;
}

export async function updateMacro(s: Services, shopId: string, id: string, input: MacroInput) {
  const changes = {
    name: input.name,
    bodies: input.bodies as Record<string, string>,
    actions: input.actions ?? {},
    updatedAt: s.clock.now(),
  };
  const where = and(eq(macros.shopId, shopId), eq(macros.id, id));
  const updated = await refusingDuplicates(input, () =>
    s.db(shopId).update(macros).set(changes).where(where).returning().all(),
  );
  return updated[0];
}

export async function deleteMacro(s: Services, shopId: string, id: string): Promise<boolean> {
  const deleted = await s
    .db(shopId)
    .delete(macros)
    .where(and(eq(macros.shopId, shopId), eq(macros.id, id)))
    .returning({ id: macros.id })
    .all();
  return deleted.length > 0;
}
