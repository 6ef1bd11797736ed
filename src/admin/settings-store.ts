import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Policy } from '../cases/policy-schema';
import { blocklistEntries, customers, messageTemplates, orderLines, orders, shops } from '../db/schema';
import type { Services } from '../services';

/**
 * Writes the validated policy document (the caller parsed it with `policySchema`). `reviewed`: the
 * merchant saved it in the policy editor, which ticks "review your policy" on the setup checklist.
 */
export async function savePolicy(
  s: Services,
  shopId: string,
  policy: Policy,
  opts: { reviewed?: boolean } = {},
): Promise<void> {
  const now = s.clock.now();
  await s
    .db(shopId)
    .update(shops)
    .set({
      policy: policy as unknown as Record<string, unknown>,
      ...(opts.reviewed ? { settings: sql`json_set(${shops.settings}, '$.policySavedAt', ${now})` } : {}),
      updatedAt: now,
    })
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

/** The policy editor's menus read values from the shop's latest orders (bounded, so a big shop stays fast). */
const RECENT_ORDERS = 500;
const MAX_SUGGESTIONS = 50;

function recentOrderIds(s: Services, shopId: string) {
  return s
    .db(shopId)
    .select({ id: orders.id })
    .from(orders)
    .where(eq(orders.shopId, shopId))
    .orderBy(desc(orders.processedAt))
    .limit(RECENT_ORDERS);
}

export interface PolicySuggestions {
  orderNames: string[];
  customerTags: string[];
  productTypes: string[];
}

/** Order names for "try it", and the customer tags and product types seen in the shop's latest orders. */
export async function policySuggestions(s: Services, shopId: string): Promise<PolicySuggestions> {
  const db = s.db(shopId);
  const [names, types, tagRows] = await db.batch([
    db
      .select({ name: orders.name })
      .from(orders)
      .where(eq(orders.shopId, shopId))
      .orderBy(desc(orders.processedAt))
      .limit(30),
    db
      .selectDistinct({ type: orderLines.productType })
      .from(orderLines)
      .where(
        and(
          eq(orderLines.shopId, shopId),
          isNotNull(orderLines.productType),
          inArray(orderLines.orderId, recentOrderIds(s, shopId)),
        ),
      )
      .limit(MAX_SUGGESTIONS),
    db
      .select({ tags: customers.tags })
      .from(customers)
      .where(
        and(
          eq(customers.shopId, shopId),
          inArray(
            customers.id,
            db
              .select({ id: orders.customerId })
              .from(orders)
              .where(and(eq(orders.shopId, shopId), isNotNull(orders.customerId)))
              .orderBy(desc(orders.processedAt))
              .limit(RECENT_ORDERS),
          ),
        ),
      ),
  ]);
  const sorted = (xs: Iterable<string>) =>
    [...new Set(xs)].sort((a, b) => a.localeCompare(b)).slice(0, MAX_SUGGESTIONS);
  return {
    orderNames: names.map((n) => n.name),
    productTypes: sorted(types.flatMap((t) => (t.type ? [t.type] : []))),
    customerTags: sorted(tagRows.flatMap((r) => r.tags)),
  };
}
