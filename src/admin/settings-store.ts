import { and, asc, eq } from 'drizzle-orm';
import type { Policy } from '../cases/policy-schema';
import { blocklistEntries, messageTemplates, orders, shops } from '../db/schema';
import type { Services } from '../services';

/** Writes the validated policy document (the caller parsed it with `policySchema`). */
export async function savePolicy(s: Services, shopId: string, policy: Policy): Promise<void> {
  await s
    .db(shopId)
    .update(shops)
    .set({ policy: policy as unknown as Record<string, unknown>, updatedAt: s.clock.now() })
    .where(eq(shops.id, shopId))
    .run();
}

/** An order by its name (`#1001` or `1001`) for the policy preview. */
export async function findOrderIdByName(s: Services, shopId: string, name: string): Promise<string | undefined> {
  const n = name.trim().replace(/^#?/, '#');
  const row = await s
    .db(shopId)
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.shopId, shopId), eq(orders.name, n)))
    .get();
  return row?.id;
}

export function listBlocklist(s: Services, shopId: string) {
  return s
    .db(shopId)
    .select()
    .from(blocklistEntries)
    .where(eq(blocklistEntries.shopId, shopId))
    .orderBy(asc(blocklistEntries.value))
    .all();
}

export async function addBlocklistEntry(
  s: Services,
  shopId: string,
  kind: 'email' | 'customer',
  value: string,
  reason: string | null,
): Promise<void> {
  await s
    .db(shopId)
    .insert(blocklistEntries)
    .values({
      id: s.newId('blk'),
      shopId,
      kind,
      value: kind === 'email' ? value.toLowerCase() : value,
      reason,
      createdAt: s.clock.now(),
    })
    .onConflictDoNothing()
    .run();
}

export async function removeBlocklistEntry(s: Services, shopId: string, id: string): Promise<void> {
  await s
    .db(shopId)
    .delete(blocklistEntries)
    .where(and(eq(blocklistEntries.shopId, shopId), eq(blocklistEntries.id, id)))
    .run();
}

export function templateOverride(s: Services, shopId: string, name: string, locale: string) {
  return s
    .db(shopId)
    .select()
    .from(messageTemplates)
    .where(
      and(eq(messageTemplates.shopId, shopId), eq(messageTemplates.name, name), eq(messageTemplates.locale, locale)),
    )
    .get();
}

export function templateOverrides(s: Services, shopId: string) {
  return s
    .db(shopId)
    .select({ name: messageTemplates.name, locale: messageTemplates.locale, updatedAt: messageTemplates.updatedAt })
    .from(messageTemplates)
    .where(eq(messageTemplates.shopId, shopId))
    .all();
}

export async function saveTemplateOverride(
  s: Services,
  shopId: string,
  name: string,
  locale: string,
  subject: string,
  body: string,
): Promise<void> {
  const now = s.clock.now();
  await s
    .db(shopId)
    .insert(messageTemplates)
    .values({ id: s.newId('tpl'), shopId, name, locale, subject, body, updatedAt: now })
    .onConflictDoUpdate({
      target: [messageTemplates.shopId, messageTemplates.name, messageTemplates.locale],
      set: { subject, body, updatedAt: now },
    })
    .run();
}

export async function deleteTemplateOverride(s: Services, shopId: string, name: string, locale: string): Promise<void> {
  await s
    .db(shopId)
    .delete(messageTemplates)
    .where(
      and(eq(messageTemplates.shopId, shopId), eq(messageTemplates.name, name), eq(messageTemplates.locale, locale)),
    )
    .run();
}
