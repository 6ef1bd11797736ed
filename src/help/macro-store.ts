/** Macros in D1, scoped by shop. */
import { and, asc, eq } from 'drizzle-orm';
import { macros } from '../db/schema/help';
import { AppError } from '../http/errors';
import { changedFields } from '../db/changed-fields';
import { asStatement, changeWithEvent } from '../db/shop-event-rows';
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
    if (isUniqueViolation(err))
      throw new AppError('conflict', `The shop already has a macro named "${input.name}".`, {
        why: { code: 'macro_name_taken', vars: { name: input.name } },
      });
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

const macroFields = (m: Pick<MacroRow, 'name' | 'bodies' | 'actions'>) => ({
  name: m.name,
  bodies: m.bodies,
  actions: m.actions,
});

export async function createMacro(s: Services, shopId: string, input: MacroInput, actor: string): Promise<MacroRow> {
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
  const d1 = s.d1(shopId);
  const event = { shopId, type: 'MacroSaved' as const, actor, data: { macroId: row.id, name: row.name } };
  const insert = asStatement(d1, s.db(shopId).insert(macros).values(row));
  await refusingDuplicates(input, () => changeWithEvent(s, d1, insert, event));
  return row;
}

/** Replaces the macro's fields with its MacroSaved event; undefined when the shop has no such macro. */
export async function updateMacro(s: Services, shopId: string, id: string, input: MacroInput, actor: string) {
  const before = await findMacro(s, shopId, id);
  if (!before) return undefined;
  const changes = {
    name: input.name,
    bodies: input.bodies as Record<string, string>,
    actions: input.actions ?? {},
    updatedAt: s.clock.now(),
  };
  const d1 = s.d1(shopId);
  const update = s
    .db(shopId)
    .update(macros)
    .set(changes)
    .where(and(eq(macros.shopId, shopId), eq(macros.id, id)));
  const data = { macroId: id, name: input.name, ...changedFields(macroFields(before), macroFields(changes)) };
  const event = { shopId, type: 'MacroSaved' as const, actor, data };
  await refusingDuplicates(input, () => changeWithEvent(s, d1, asStatement(d1, update), event));
  return findMacro(s, shopId, id);
}

export async function deleteMacro(s: Services, shopId: string, id: string, actor: string): Promise<boolean> {
  const before = await findMacro(s, shopId, id);
  if (!before) return false;
  const d1 = s.d1(shopId);
  const remove = s
    .db(shopId)
    .delete(macros)
    .where(and(eq(macros.shopId, shopId), eq(macros.id, id)));
  const event = { shopId, type: 'MacroDeleted' as const, actor, data: { macroId: id, name: before.name } };
  return (await changeWithEvent(s, d1, asStatement(d1, remove), event)) > 0;
}
