/**
 * Read side of cases for the admin: the queue (filters, SLA order, paging), one case with
 * everything an agent needs on the page, and the customer's history. Every query is shop-scoped.
 */
import { and, asc, desc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { Services } from '../services';
import { caseEvents, caseItems, cases, customers, notifications, orderLines, orders, pickups, refunds, shipments, surveys } from './schema';

export interface CaseListFilters {
  status?: string[] | undefined;
  type?: string[] | undefined;
  priority?: string[] | undefined;
  tier?: number | undefined;
  tag?: string | undefined;
  breached?: boolean | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

export async function listCases(s: Services, shopId: string, f: CaseListFilters) {
  const where: SQL[] = [eq(cases.shopId, shopId)];
  if (f.status?.length) where.push(inArray(cases.status, f.status as never[]));
  if (f.type?.length) where.push(inArray(cases.type, f.type as never[]));
  if (f.priority?.length) where.push(inArray(cases.priority, f.priority as never[]));
  if (f.tier) where.push(eq(cases.tier, f.tier));
  if (f.breached !== undefined) where.push(eq(cases.breached, f.breached));
  if (f.tag) where.push(sql`EXISTS (SELECT 1 FROM json_each(${cases.tags}) WHERE json_each.value = ${f.tag})`);
  if (f.q) {
    const q = f.q.trim();
    const n = /^R?-?(\d+)$/i.exec(q)?.[1];
    const pattern = `%${q.replaceAll('%', '').replaceAll('_', '')}%`;
    where.push(
      or(
        ...(n ? [eq(cases.number, Number(n))] : []),
        eq(cases.id, q),
        like(orders.name, pattern),
        like(orders.email, pattern),
        sql`EXISTS (SELECT 1 FROM case_items ci WHERE ci.shop_id = ${cases.shopId} AND ci.case_id = ${cases.id} AND (ci.sku LIKE ${pattern} OR ci.title LIKE ${pattern}))`,
      )!,
    );
  }
  const db = s.db(shopId);
  const rows = await db
    .select({ c: cases, orderName: orders.name, email: orders.email })
    .from(cases)
    .leftJoin(orders, and(eq(orders.id, cases.orderId), eq(orders.shopId, cases.shopId)))
    .where(and(...where))
    // SLA order: soonest due first, cases with nothing due last, then oldest first.
    .orderBy(sql`${cases.nextDueAt} IS NULL`, asc(cases.nextDueAt), asc(cases.createdAt))
    .limit(f.limit + 1)
    .offset(f.offset)
    .all();
  const page = rows.slice(0, f.limit).map((r) => ({ ...r.c, number: `R-${r.c.number}`, orderName: r.orderName, email: r.email }));
  return { cases: page, nextOffset: rows.length > f.limit ? f.offset + f.limit : null };
}

export async function customerProfile(s: Services, shopId: string, customerId: string | null, email: string | null) {
  if (!customerId && !email) return null;
  const db = s.db(shopId);
  const customer = customerId ? await db.select().from(customers).where(and(eq(customers.shopId, shopId), eq(customers.id, customerId))).get() : undefined;
  const who = customerId ? eq(orders.customerId, customerId) : eq(orders.email, email!);
  const [orderRows, caseRows] = await Promise.all([
    db.select({ id: orders.id, name: orders.name, totalMinor: orders.totalMinor, currency: orders.currency, processedAt: orders.processedAt }).from(orders).where(and(eq(orders.shopId, shopId), who)).orderBy(desc(orders.processedAt)).limit(50).all(),
    db
      .select({ id: cases.id, number: cases.number, type: cases.type, status: cases.status, createdAt: cases.createdAt, refundMinor: cases.refundMinor })
      .from(cases)
      .innerJoin(orders, and(eq(orders.id, cases.orderId), eq(orders.shopId, cases.shopId)))
      .where(and(eq(cases.shopId, shopId), who))
      .orderBy(desc(cases.createdAt))
      .limit(50)
      .all(),
  ]);
  const returned = caseRows.filter((c) => c.type !== 'complaint' && c.status !== 'rejected');
  return {
    customer: customer ? { id: customer.id, email: customer.email, name: [customer.firstName, customer.lastName].filter(Boolean).join(' ') || null, tags: customer.tags, vip: customer.vip } : { id: null, email, name: null, tags: [], vip: false },
    orders: orderRows,
    cases: caseRows.map((c) => ({ ...c, number: `R-${c.number}` })),
    orderCount: orderRows.length,
    returnCount: returned.length,
    /** Share of this customer's orders that had a return (0..1), by cases per order. */
    returnRate: orderRows.length ? Math.min(1, returned.length / orderRows.length) : 0,
  };
}

export async function caseDetail(s: Services, shopId: string, caseId: string) {
  const db = s.db(shopId);
  const c = await db.select().from(cases).where(and(eq(cases.shopId, shopId), eq(cases.id, caseId))).get();
  if (!c) return null;
  const scope = <T extends { shopId: unknown; caseId: unknown }>(t: T) => and(eq(t.shopId as never, shopId), eq(t.caseId as never, caseId));
  const [items, events, refundRows, pickupRows, notes, survey, order] = await Promise.all([
    db.select().from(caseItems).where(scope(caseItems)).orderBy(asc(caseItems.id)).all(),
    // Same-millisecond events (one batch) keep their insertion order: rowid breaks the tie.
    db.select().from(caseEvents).where(scope(caseEvents)).orderBy(asc(caseEvents.at), sql`case_events.rowid`).all(),
    db.select().from(refunds).where(scope(refunds)).orderBy(asc(refunds.createdAt)).all(),
    db.select().from(pickups).where(scope(pickups)).all(),
    db
      .select({ id: notifications.id, kind: notifications.kind, status: notifications.status, recipient: notifications.recipient, subject: notifications.subject, createdAt: notifications.createdAt, sentAt: notifications.sentAt })
      .from(notifications)
      .where(scope(notifications))
      .orderBy(asc(notifications.createdAt))
      .all(),
    db.select().from(surveys).where(scope(surveys)).get(),
    c.orderId ? db.select().from(orders).where(and(eq(orders.shopId, shopId), eq(orders.id, c.orderId))).get() : undefined,
  ]);
  const profile = await customerProfile(s, shopId, c.customerId, order?.email ?? null);
  return {
    case: { ...c, number: `R-${c.number}` },
    order: order ? { id: order.id, platformId: order.platformId, name: order.name, email: order.email, totalMinor: order.totalMinor, currency: order.currency, tags: order.tags } : null,
    items,
    timeline: events,
    sla: {
      firstResponseDueAt: c.firstResponseDueAt,
      nextUpdateDueAt: c.nextUpdateDueAt,
      resolutionDueAt: c.resolutionDueAt,
      nextDueAt: c.nextDueAt,
      firstRespondedAt: c.firstRespondedAt,
      breached: c.breached,
      breaches: c.breaches,
      pausedAt: c.slaPausedAt,
      breachEvents: events.filter((e) => e.type.startsWith('Sla')),
    },
    refunds: refundRows,
    pickups: pickupRows,
    notifications: notes,
    survey: survey ?? null,
    customer: profile,
  };
}

export async function orderWithShipmentsAndCases(s: Services, shopId: string, orderId: string) {
  const db = s.db(shopId);
  const [lines, ships, caseRows] = await Promise.all([
    db.select().from(orderLines).where(and(eq(orderLines.shopId, shopId), eq(orderLines.orderId, orderId))).orderBy(asc(orderLines.id)).all(),
    db.select().from(shipments).where(and(eq(shipments.shopId, shopId), eq(shipments.orderId, orderId))).all(),
    db.select().from(cases).where(and(eq(cases.shopId, shopId), eq(cases.orderId, orderId))).orderBy(asc(cases.createdAt)).all(),
  ]);
  return { lines, shipments: ships, cases: caseRows.map((c) => ({ ...c, number: `R-${c.number}` })) };
}
