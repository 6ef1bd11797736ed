/**
 * Opens a case that a platform fact created (a Shopify return, a Stripe dispute, a low survey
 * score), keyed by its platform reference: unique per shop, so however often the fact is
 * delivered — even concurrently — one case exists. Classified by the pure `classify`.
 */
import { classify } from '../cases/classify';
import { decide, isDecideError } from '../cases/state-machine';
import { allocateCaseNumber, newCaseStatements } from '../db/case-opening';
import { commitBatch, findCaseByPlatformRef, isConflict, type CaseRow } from '../db/case-store';
import { customers, orders, orderLines } from '../db/schema';
import { findShopById, shopPolicy } from '../db/shops';
import type { Services } from '../services';
import { and, eq, inArray } from 'drizzle-orm';
import type { Effect } from '../queue/effects';
import type { Priority } from '../cases/policy-schema';

export interface PlatformCaseInput {
  shopId: string;
  platformRef: string;
  source: 'shopify' | 'stripe' | 'survey' | 'admin';
  actor: string;
  complaint: boolean;
  /** Our order id, or the order's Shopify gid. */
  orderId?: string | null;
  orderGid?: string | null;
  reason: string | null;
  /** Floor for the classified priority (a dispute is at least high). */
  minPriority?: Priority;
  tags?: string[];
  items?: Array<{ platformLineId: string | null; quantity: number; reason: string; note: string | null }>;
  data?: Record<string, unknown>;
}

const ladder: Priority[] = ['low', 'normal', 'high', 'urgent'];

export async function openPlatformCase(
  s: Services,
  input: PlatformCaseInput,
): Promise<{ row: CaseRow; created: boolean; effects: Effect[] }> {
  const existing = await findCaseByPlatformRef(s, input.shopId, input.platformRef);
  if (existing) return { row: existing, created: false, effects: [] };
  const shop = await findShopById(s, input.shopId);
  if (!shop) throw new Error(`no shop ${input.shopId}`);
  const db = s.db(shop.id);
  const order = input.orderId
    ? await db
        .select()
        .from(orders)
        .where(and(eq(orders.shopId, shop.id), eq(orders.id, input.orderId)))
        .get()
    : input.orderGid
      ? await db
          .select()
          .from(orders)
          .where(and(eq(orders.shopId, shop.id), eq(orders.platformId, input.orderGid)))
          .get()
      : undefined;
  const customer = order?.customerId
    ? await db
        .select()
        .from(customers)
        .where(and(eq(customers.shopId, shop.id), eq(customers.id, order.customerId)))
        .get()
    : undefined;
  const platformLineIds = (input.items ?? []).map((i) => i.platformLineId).filter((x): x is string => !!x);
  const lines = platformLineIds.length
    ? await db
        .select()
        .from(orderLines)
        .where(and(eq(orderLines.shopId, shop.id), inArray(orderLines.platformId, platformLineIds)))
        .all()
    : [];
  const lineByPlatform = new Map(lines.map((l) => [l.platformId, l]));
  const policy = shopPolicy(shop);
  const known = new Set(policy.reasons.map((r) => r.code));
  const now = s.clock.now();
  const items = (input.items ?? []).map((i) => {
    const line = i.platformLineId ? lineByPlatform.get(i.platformLineId) : undefined;
    return {
      id: s.newId('item'),
      shopId: shop.id,
      caseId: '',
      orderLineId: line?.id ?? null,
      platformLineId: i.platformLineId,
      sku: line?.sku ?? null,
      title: line?.title ?? null,
      quantity: i.quantity,
      reason: known.has(i.reason) ? i.reason : i.reason.replace(/[^a-z0-9_]/g, '_') || 'other',
      note: i.note,
      unitPriceMinor: line ? line.priceMinor - Math.floor(line.discountMinor / Math.max(1, line.quantity)) : 0,
      createdAt: now,
    };
  });
  const c = classify({
    policy,
    reasons: items.map((i) => i.reason),
    resolution: null,
    complaint: input.complaint,
    orderValueMinor: order?.totalMinor ?? 0,
    itemValueMinor: items.reduce((sum, i) => sum + i.unitPriceMinor * i.quantity, 0),
    customerTags: customer?.tags ?? [],
    customerVip: customer?.vip ?? false,
    productTypes: lines.map((l) => l.productType).filter((t): t is string => !!t),
    recentContacts: 0,
    customerReturns: 0,
  });
  const priority =
    input.minPriority && ladder.indexOf(input.minPriority) > ladder.indexOf(c.priority)
      ? input.minPriority
      : c.priority;
  const id = s.newId('case');
  const opened = decide(
    null,
    { type: 'open', caseType: c.type },
    { actor: input.actor, at: now, reason: input.reason },
  );
  if (isDecideError(opened)) throw new Error(opened.message);
  const number = await allocateCaseNumber(s, shop.id);
  try {
    await commitBatch(
      s,
      shop.id,
      newCaseStatements(s, {
        row: {
          id,
          number,
          shopId: shop.id,
          orderId: order?.id ?? null,
          customerId: order?.customerId ?? null,
          type: c.type,
          status: 'requested',
          priority,
          tier: c.tier,
          assignee: c.assignee,
          source: input.source === 'admin' ? 'admin' : input.source,
          platformRef: input.platformRef,
          tags: input.tags ?? [],
          locale: order?.locale ?? shop.locale,
          currency: order?.currency ?? shop.currency,
          createdAt: now,
          updatedAt: now,
        },
        items: items.map((i) => ({ ...i, caseId: id })),
        events: opened.map((e) => ({
          ...e,
          data: {
            ...e.data,
            ...input.data,
            platformRef: input.platformRef,
            priority,
            tier: c.tier,
            signals: c.signals,
          },
        })),
      }),
    );
  } catch (err) {
    if (!isConflict(err)) throw err;
    const winner = await findCaseByPlatformRef(s, shop.id, input.platformRef);
    if (!winner) throw err;
    return { row: winner, created: false, effects: [] };
  }
  const row = (await findCaseByPlatformRef(s, shop.id, input.platformRef))!;
  return {
    row,
    created: true,
    effects: [{ kind: 'sla', shopId: shop.id, caseId: id, signal: 'start', priority, at: now }],
  };
}
