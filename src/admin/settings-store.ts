import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Policy } from '../cases/policy-schema';
import { blocklistEntries, customers, orderLines, orders, shops } from '../db/schema';
import { type ChangedFields, changedFields } from '../db/changed-fields';
import { asStatement, shopEventStatement } from '../db/shop-event-rows';
import type { ShopEventType } from '../db/shop-event-types';
import type { Services } from '../services';

/** PolicyChanged, or SlaChanged when only the SLA settings changed. */
function policyEventType(changes: ChangedFields): ShopEventType {
  const paths = Object.keys(changes.changes);
  return paths.length > 0 && paths.every((p) => p.startsWith('sla.')) ? 'SlaChanged' : 'PolicyChanged';
}

/**
 * Writes the validated policy document (the caller parsed it with `policySchema`) with its audit
 * event: what changed against `before`, the policy the caller read. `reviewed`: the merchant saved it
 * in the policy editor, which ticks "review your policy" on the setup checklist.
 */
export async function savePolicy(
  s: Services,
  shopId: string,
  change: { before: Policy; policy: Policy; actor: string },
  opts: { reviewed?: boolean } = {},
): Promise<void> {
  const now = s.clock.now();
  const d1 = s.d1(shopId);
  const update = s
    .db(shopId)
    .update(shops)
    .set({
      policy: change.policy as unknown as Record<string, unknown>,
      ...(opts.reviewed ? { settings: sql`json_set(${shops.settings}, '$.policySavedAt', ${now})` } : {}),
      updatedAt: now,
    })
    .where(eq(shops.id, shopId));
  const changes = changedFields(change.before, change.policy);
  const event = { shopId, type: policyEventType(changes), actor: change.actor, data: { ...changes } };
  await d1.batch([asStatement(d1, update), shopEventStatement(s, d1, event, { afterChange: true })]);
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
  entry: { kind: 'email' | 'customer'; value: string; reason: string | null },
  actor: string,
): Promise<void> {
  const d1 = s.d1(shopId);
  const value = entry.kind === 'email' ? entry.value.toLowerCase() : entry.value;
  const insert = s
    .db(shopId)
    .insert(blocklistEntries)
    .values({ id: s.newId('blk'), shopId, kind: entry.kind, value, reason: entry.reason, createdAt: s.clock.now() })
    .onConflictDoNothing();
  const data = { kind: entry.kind, value, reason: entry.reason };
  const event = shopEventStatement(s, d1, { shopId, type: 'BlocklistEntryAdded', actor, data }, { afterChange: true });
  await d1.batch([asStatement(d1, insert), event]);
}

export async function removeBlocklistEntry(s: Services, shopId: string, id: string, actor: string): Promise<void> {
  const d1 = s.d1(shopId);
  const where = and(eq(blocklistEntries.shopId, shopId), eq(blocklistEntries.id, id));
  const entry = await s.db(shopId).select().from(blocklistEntries).where(where).get();
  if (!entry) return;
  const remove = s.db(shopId).delete(blocklistEntries).where(where);
  const data = { kind: entry.kind, value: entry.value };
  const event = shopEventStatement(
    s,
    d1,
    { shopId, type: 'BlocklistEntryRemoved', actor, data },
    { afterChange: true },
  );
  await d1.batch([asStatement(d1, remove), event]);
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
