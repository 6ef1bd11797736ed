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
  /** The order's id, or its row when the caller just read it: one round trip fewer. */
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
  const values = { shopId: shop.id, orderId: order.id, email: normalizedEmail(order.email) };
  const rows = await readFacts(s, shop.id, factsQueries(db, 'id'), values, false);
  return factsOf(order, rows, shop, policy, s.clock.now());
}

/**
 * The shopper lookup's read: the orders with this number (at most 5: `#1001` or `1001`) and the
 * facts of all of them, in one D1 batch (it was two round trips: the order, then its facts). The
 * caller picks the order whose email matches and asks `factsFor` for its facts; `email` (normalized)
 * is the one the shopper typed, equal to the picked order's own.
 */
export async function loadOrdersByNumberWithFacts(
  s: Services,
  shop: { id: string; timezone: string },
  policy: Policy,
  number: string,
  email: string,
): Promise<{ candidates: OrderRow[]; factsFor: (order: OrderRow) => OrderFactsResult }> {
  const values = { shopId: shop.id, name: `#${number}`, number, email };
  const q = factsQueries(s.db(shop.id), 'number');
  const rows = await readFacts(s, shop.id, q, values);
  const now = s.clock.now();
  return { candidates: rows.orders, factsFor: (order) => factsOf(order, rows, shop, policy, now) };
}

const normalizedEmail = (email: string | null) => (email ?? '').trim().toLowerCase();

/**
 * The facts' rows for the selected orders (one, or a lookup's candidates), in one D1 batch; the
 * orders themselves too unless the caller has them (`withOrders: false`).
 */
async function readFacts(
  s: Services,
  shopId: string,
  q: FactsQueries,
  values: Record<string, unknown>,
  withOrders = true,
) {
  const d1 = s.d1(shopId);
  const items = [
    batchItem(d1, withOrders ? q.orders : q.none, values),
    batchItem(d1, q.lines, values),
    batchItem(d1, q.shipments, values),
    batchItem(d1, q.customers, values),
    batchItem(d1, q.blocked, values),
    batchItem(d1, q.pastCases, values),
    batchItem(d1, q.returned, values),
  ] as const;
  const answers = await d1.batch(items.map((i) => i.statement));
  return {
    orders: items[0].map(answers[0]!),
    lines: items[1].map(answers[1]!),
    shipments: items[2].map(answers[2]!),
    customers: items[3].map(answers[3]!),
    blocked: items[4].map(answers[4]!),
    pastCases: items[5].map(answers[5]!),
    returned: items[6].map(answers[6]!),
  };
}

/** One order's facts from rows that may hold other selected orders' too (each row is matched to it). */
function factsOf(
  order: OrderRow,
  rows: Awaited<ReturnType<typeof readFacts>>,
  shop: { timezone: string },
  policy: Policy,
  now: number,
): OrderFactsResult {
  const lines = rows.lines.filter((l) => l.orderId === order.id);
  const lineIds = new Set(lines.map((l) => l.id));
  const ships = rows.shipments.filter((x) => x.orderId === order.id);
  const mine = (customerId: string | null) => order.customerId !== null && customerId === order.customerId;
  const customer = rows.customers.find((c) => mine(c.id));
  const email = normalizedEmail(order.email);
  const blocked = rows.blocked.some(
    (b) => (b.kind === 'email' && b.value === email) || (b.kind === 'customer' && mine(b.value)),
  );
  const pastCases = rows.pastCases.filter((c) => mine(c.customerId));
  const returnedQuantityByLine: Record<string, number> = {};
  for (const r of rows.returned)
    if (r.lineId && lineIds.has(r.lineId))
      returnedQuantityByLine[r.lineId] = (returnedQuantityByLine[r.lineId] ?? 0) + r.quantity;
  const history: CustomerHistory = {
    blocklisted: blocked,
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

type FactsQueries = ReturnType<typeof buildFactsQueries>;

/** Prepared once per database, selection and isolate (src/db/client.ts#preparedOnce). */
function factsQueries(db: Db, by: 'id' | 'number'): FactsQueries {
  return preparedOnce(db, `orderFacts:${by}`, () => buildFactsQueries(db, by));
}

/**
 * The reads of an order's facts for the orders a selection names: by id (one order), or by number
 * (a lookup's candidates, `#1001` or `1001`: the shop scope inside each branch lets SQLite search
 * orders_shop_name_idx and orders_shop_number_idx, where `shop AND (a OR b)` scanned the shop).
 */
function buildFactsQueries(db: Db, by: 'id' | 'number') {
  const shopId = sql.placeholder('shopId');
  const selection =
    by === 'id'
      ? and(eq(orders.shopId, shopId), eq(orders.id, sql.placeholder('orderId')))
      : or(
          and(eq(orders.shopId, shopId), eq(orders.name, sql.placeholder('name'))),
          and(eq(orders.shopId, shopId), eq(orders.number, sql.placeholder('number'))),
        );
  const orderIds = db.select({ id: orders.id }).from(orders).where(selection).limit(5);
  const customerIds = db.select({ id: orders.customerId }).from(orders).where(selection).limit(5);
  return {
    orders: db.select().from(orders).where(selection).limit(5).prepare(),
    /** Stands in for `orders` when the caller has the order: no row read. */
    none: db.select().from(orders).where(sql`0`).prepare(),
    lines: db
      .select()
      .from(orderLines)
      .where(and(eq(orderLines.shopId, shopId), inArray(orderLines.orderId, orderIds)))
      .orderBy(orderLines.id)
      .prepare(),
    shipments: db
      .select()
      .from(shipments)
      .where(and(eq(shipments.shopId, shopId), inArray(shipments.orderId, orderIds)))
      .prepare(),
    customers: db
      .select()
      .from(customers)
      .where(and(eq(customers.shopId, shopId), inArray(customers.id, customerIds)))
      .prepare(),
    blocked: db
      .select({ kind: blocklistEntries.kind, value: blocklistEntries.value })
      .from(blocklistEntries)
      .where(
        and(
          eq(blocklistEntries.shopId, shopId),
          or(
            and(eq(blocklistEntries.kind, 'email'), eq(blocklistEntries.value, sql.placeholder('email'))),
            and(eq(blocklistEntries.kind, 'customer'), inArray(blocklistEntries.value, customerIds)),
          ),
        ),
      )
      .prepare(),
    pastCases: db
      .select({ createdAt: cases.createdAt, type: cases.type, customerId: cases.customerId })
      .from(cases)
      .where(and(eq(cases.shopId, shopId), inArray(cases.customerId, customerIds)))
      .prepare(),
    // Driven from the selected orders' cases (cases_shop_order_idx, then case_items_case_idx): as a
    // join SQLite walked every case item of the shop (20,000 rows read per lookup at 10k cases).
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
                and(
                  eq(cases.shopId, shopId),
                  inArray(cases.orderId, orderIds),
                  ne(cases.status, UNITS_RELEASED_STATUS),
                ),
              ),
          ),
        ),
      )
      .prepare(),
  };
}
