/**
 * Everything the pure policy needs about one order, read in one place for the commands: the order,
 * its lines and shipments, and the customer's history (blocklist, past returns, units already in
 * return cases that were not rejected).
 */
import { DAY_MS } from '../lib/durations';
import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { CustomerHistory, EvaluateInput } from '../cases/policy';
import type { Policy } from '../cases/policy-schema';
import type { Services } from '../services';
import { batchItem, preparedOnce, type Db } from './client';
import { blocklistEntries, caseItems, cases, customers, orderLines, orders, shipments } from './schema';
import { UNITS_RELEASED_STATUS } from './case-opening';

export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;
export type CustomerRow = typeof customers.$inferSelect;

export interface OrderFactsResult {
  order: OrderRow;
  lines: OrderLineRow[];
  customer: CustomerRow | undefined;
  facts: EvaluateInput;
  /** Cases this customer opened in the last 30 days (repeat contact). */
  recentContacts: number;
}

export async function loadOrderFacts(
  s: Services,
  shop: { id: string; timezone: string },
  policy: Policy,
  /** The order's id, or its row when the caller just read it (the shopper lookup): one round trip fewer. */
  orderOrId: string | OrderRow,
): Promise<OrderFactsResult | null> {
  const db = s.db(shop.id);
  const order =
    typeof orderOrId === 'string'
      ? await db
          .select()
          .from(orders)
          .where(and(eq(orders.shopId, shop.id), eq(orders.id, orderOrId)))
          .get()
      : orderOrId.shopId === shop.id
        ? orderOrId
        : undefined;
  if (!order) return null;
  const email = (order.email ?? '').trim().toLowerCase();
  // One D1 round trip for the six reads (a batch, so also one consistent snapshot), each a query
  // prepared once per isolate (drizzle's query building was the largest part of a lookup's JavaScript).
  const values = { shopId: shop.id, orderId: order.id, customerId: order.customerId, email };
  const q = factsQueries(db);
  const d1 = s.d1(shop.id);
  const items = [
    batchItem(d1, q.lines, values),
    batchItem(d1, q.shipments, values),
    batchItem(d1, q.customer, values),
    batchItem(d1, q.blocked, values),
    batchItem(d1, q.pastCases, values),
    batchItem(d1, q.returned, values),
  ] as const;
  const answers = await d1.batch(items.map((i) => i.statement));
  const [lines, ships, customerRows, blocked, pastCases, returned] = [
    items[0].map(answers[0]!),
    items[1].map(answers[1]!),
    items[2].map(answers[2]!),
    items[3].map(answers[3]!),
    items[4].map(answers[4]!),
    items[5].map(answers[5]!),
  ];
  const customer = customerRows[0];
  const returnedQuantityByLine: Record<string, number> = {};
  for (const r of returned)
    if (r.lineId) returnedQuantityByLine[r.lineId] = (returnedQuantityByLine[r.lineId] ?? 0) + r.quantity;
  const now = s.clock.now();
  const history: CustomerHistory = {
    blocklisted: blocked.length > 0,
    tags: customer?.tags ?? [],
    returnCaseTimes: pastCases.filter((c) => c.type !== 'complaint').map((c) => c.createdAt),
    returnedQuantityByLine,
  };
  const facts: EvaluateInput = {
    order: {
      id: order.id,
      currency: order.currency,
      totalMinor: order.totalMinor,
      tags: order.tags,
      processedAt: order.processedAt,
      cancelledAt: order.cancelledAt,
    },
    lines: lines.map((l) => ({
      id: l.id,
      quantity: l.quantity,
      priceMinor: l.priceMinor,
      discountMinor: l.discountMinor,
      productType: l.productType,
      productTags: l.productTags,
    })),
    shipments: ships.map((x) => ({
      lineItemIds: x.lineItemIds,
      shippedAt: x.shippedAt,
      deliveredAt: x.deliveredAt,
      createdAt: x.createdAt,
    })),
    history,
    policy,
    now,
    timeZone: shop.timezone,
  };
  const recentContacts = pastCases.filter((c) => c.createdAt > now - 30 * DAY_MS).length;
  return { order, lines, customer, facts, recentContacts };
}

/** Orders by id, our order id, Shopify id/gid or `#name` (the admin's order lookup). */
export async function findOrderByRef(s: Services, shopId: string, ref: string): Promise<OrderRow | undefined> {
  const db = s.db(shopId);
  const r = ref.trim();
  const candidates = [r, `gid://shopify/Order/${r}`, r.startsWith('#') ? r : `#${r}`];
  return db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.shopId, shopId),
        or(inArray(orders.id, [r]), inArray(orders.platformId, candidates), inArray(orders.name, candidates)),
      ),
    )
    .get();
}

/**
 * The six reads of `loadOrderFacts`, prepared once per database. A null customer id matches no row
 * (`= NULL` is never true), which is what the order without a customer needs.
 */
function factsQueries(db: Db) {
  return preparedOnce(db, 'orderFacts', () => {
    const shopId = sql.placeholder('shopId');
    const orderId = sql.placeholder('orderId');
    const customerId = sql.placeholder('customerId');
    return {
      lines: db
        .select()
        .from(orderLines)
        .where(and(eq(orderLines.shopId, shopId), eq(orderLines.orderId, orderId)))
        .orderBy(orderLines.id)
        .prepare(),
      shipments: db
        .select()
        .from(shipments)
        .where(and(eq(shipments.shopId, shopId), eq(shipments.orderId, orderId)))
        .prepare(),
      customer: db
        .select()
        .from(customers)
        .where(and(eq(customers.shopId, shopId), eq(customers.id, customerId)))
        .limit(1)
        .prepare(),
      blocked: db
        .select({ id: blocklistEntries.id })
        .from(blocklistEntries)
        .where(
          and(
            eq(blocklistEntries.shopId, shopId),
            or(
              and(eq(blocklistEntries.kind, 'email'), eq(blocklistEntries.value, sql.placeholder('email'))),
              and(eq(blocklistEntries.kind, 'customer'), eq(blocklistEntries.value, customerId)),
            ),
          ),
        )
        .limit(1)
        .prepare(),
      pastCases: db
        .select({ createdAt: cases.createdAt, type: cases.type })
        .from(cases)
        .where(and(eq(cases.shopId, shopId), eq(cases.customerId, customerId)))
        .prepare(),
      // Driven from this order's cases (cases_shop_order_idx, then case_items_case_idx): as a join
      // SQLite walked every case item of the shop (20,000 rows read per lookup at 10k cases).
      returned: db
        .select({ lineId: caseItems.orderLineId, quantity: caseItems.quantity })
        .from(caseItems)
        .where(
          and(
            eq(caseItems.shopId, shopId),
            inArray(
              caseItems.caseId,
              db
                .select({ id: cases.id })
                .from(cases)
                .where(
                  and(eq(cases.shopId, shopId), eq(cases.orderId, orderId), ne(cases.status, UNITS_RELEASED_STATUS)),
                ),
            ),
          ),
        )
        .prepare(),
    };
  });
}
