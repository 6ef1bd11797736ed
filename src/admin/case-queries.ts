/**
 * Read side of cases for the admin: the JSON case list (on the queue's query), one case with
 * everything an agent needs on the page, and the customer's history. Every query is shop-scoped.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { queuePage } from './queue';
import type { Services } from '../services';
import { caseMessages } from '../conversations/message-queries';
import { customerProfilePath } from '../conversations/customer-profile';
import {
  caseEvents,
  caseItems,
  cases,
  customers,
  notifications,
  orderLines,
  orders,
  pickups,
  refunds,
  shipments,
  surveys,
} from '../db/schema';

export interface CaseListFilters {
  status?: string[] | undefined;
  type?: string[] | undefined;
  priority?: string[] | undefined;
  tier?: number | undefined;
  tag?: string | undefined;
  breached?: boolean | undefined;
  q?: string | undefined;
  /** A member id, or null for the unassigned cases. */
  assignee?: string | null | undefined;
  limit: number;
  offset: number;
}

/**
 * The page's rows by primary key, still scoped by shop. The unary `+` keeps SQLite from driving the
 * lookup from a `(shop_id, …)` index: without table statistics it preferred one, and walked every
 * case of the shop (100,000 rows, ~35 ms) to find 50 ids.
 */
export function pageRowsWhere(shopId: string, ids: string[]) {
  return and(sql`+${cases.shopId} = ${shopId}`, inArray(cases.id, ids));
}

/**
 * `GET /api/admin/cases`: the queue's own index-driven query (src/admin/queue.ts#queuePage, one
 * code path), then the page's full rows by primary key. No status filter means every status.
 * Search (`q`) matches what an index can find: order name (#1001) or email, case number,
 * case id, or an exact SKU.
 */
export async function listCases(s: Services, shopId: string, f: CaseListFilters) {
  const page = await queuePage(
    s,
    shopId,
    {
      status: f.status?.length ? f.status : 'all',
      type: f.type,
      priority: f.priority,
      tier: f.tier,
      tag: f.tag,
      breached: f.breached,
      q: f.q,
      assignee: f.assignee,
    },
    f.limit,
    f.offset,
  );
  const byId = new Map<string, typeof cases.$inferSelect>();
  const ids = page.rows.map((r) => r.id);
  // D1 binds at most 100 values per statement.
  for (let i = 0; i < ids.length; i += 90) {
    const chunk = ids.slice(i, i + 90);
    for (const c of await s.db(shopId).select().from(cases).where(pageRowsWhere(shopId, chunk)).all())
      byId.set(c.id, c);
  }
  const rows = page.rows.flatMap((r) => {
    const c = byId.get(r.id);
    return c ? [{ ...assigneeView(c), number: `R-${c.number}`, orderName: r.orderName, email: r.email }] : [];
  });
  return { cases: rows, nextOffset: page.more ? f.offset + f.limit : null };
}

/** `assignee` is the member working the case (or null); what the routing rules named is `routedTo`. */
function assigneeView<T extends { assignee: string | null; assigneeId: string | null }>(c: T) {
  const { assignee, assigneeId, ...rest } = c;
  return { ...rest, assignee: assigneeId, routedTo: assignee };
}

export async function customerProfile(s: Services, shopId: string, customerId: string | null, email: string | null) {
  if (!customerId && !email) return null;
  const db = s.db(shopId);
  const customer = customerId
    ? await db
        .select()
        .from(customers)
        .where(and(eq(customers.shopId, shopId), eq(customers.id, customerId)))
        .get()
    : undefined;
  const who = customerId ? eq(orders.customerId, customerId) : eq(orders.email, email!);
  const [orderRows, caseRows] = await Promise.all([
    db
      .select({
        id: orders.id,
        name: orders.name,
        totalMinor: orders.totalMinor,
        currency: orders.currency,
        processedAt: orders.processedAt,
      })
      .from(orders)
      .where(and(eq(orders.shopId, shopId), who))
      .orderBy(desc(orders.processedAt))
      .limit(50)
      .all(),
    db
      .select({
        id: cases.id,
        number: cases.number,
        type: cases.type,
        status: cases.status,
        createdAt: cases.createdAt,
        refundMinor: cases.refundMinor,
      })
      .from(cases)
      .innerJoin(orders, and(eq(orders.id, cases.orderId), eq(orders.shopId, cases.shopId)))
      .where(and(eq(cases.shopId, shopId), who))
      .orderBy(desc(cases.createdAt))
      .limit(50)
      .all(),
  ]);
  const returned = caseRows.filter((c) => c.type !== 'complaint' && c.status !== 'rejected');
  return {
    customer: customer
      ? {
          id: customer.id,
          email: customer.email,
          name: [customer.firstName, customer.lastName].filter(Boolean).join(' ') || null,
          tags: customer.tags,
          vip: customer.vip,
          /** The customer's one file in the admin (src/admin/customer-screens.tsx). */
          profileUrl: customerProfilePath(customer.id),
        }
      : { id: null, email, name: null, tags: [], vip: false, profileUrl: null },
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
  const c = await db
    .select()
    .from(cases)
    .where(and(eq(cases.shopId, shopId), eq(cases.id, caseId)))
    .get();
  if (!c) return null;
  const scope = <T extends { shopId: unknown; caseId: unknown }>(t: T) =>
    and(eq(t.shopId as never, shopId), eq(t.caseId as never, caseId));
  const [items, events, refundRows, pickupRows, notes, survey, order] = await Promise.all([
    db.select().from(caseItems).where(scope(caseItems)).orderBy(asc(caseItems.id)).all(),
    // Same-millisecond events (one batch) keep their insertion order: rowid breaks the tie.
    db.select().from(caseEvents).where(scope(caseEvents)).orderBy(asc(caseEvents.at), sql`case_events.rowid`).all(),
    db.select().from(refunds).where(scope(refunds)).orderBy(asc(refunds.createdAt)).all(),
    db.select().from(pickups).where(scope(pickups)).all(),
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        status: notifications.status,
        recipient: notifications.recipient,
        subject: notifications.subject,
        createdAt: notifications.createdAt,
        sentAt: notifications.sentAt,
      })
      .from(notifications)
      .where(scope(notifications))
      .orderBy(asc(notifications.createdAt))
      .all(),
    db.select().from(surveys).where(scope(surveys)).get(),
    c.orderId
      ? db
          .select()
          .from(orders)
          .where(and(eq(orders.shopId, shopId), eq(orders.id, c.orderId)))
          .get()
      : undefined,
  ]);
  const [profile, messages] = await Promise.all([
    customerProfile(s, shopId, c.customerId, order?.email ?? null),
    caseMessages(s, shopId, caseId),
  ]);
  return {
    case: { ...assigneeView(c), number: `R-${c.number}` },
    order: order
      ? {
          id: order.id,
          platformId: order.platformId,
          name: order.name,
          email: order.email,
          totalMinor: order.totalMinor,
          currency: order.currency,
          tags: order.tags,
        }
      : null,
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
      /** Since when resolution alone is held: the return's parcel is with the shopper or the carrier. */
      resolutionPausedAt: c.slaResolutionHeldAt,
      breachEvents: events.filter((e) => e.type.startsWith('Sla')),
      holdEvents: events.filter((e) => e.type.startsWith('ResolutionClock')),
    },
    refunds: refundRows,
    pickups: pickupRows,
    notifications: notes,
    survey: survey ?? null,
    customer: profile,
    messages,
  };
}

export async function orderWithShipmentsAndCases(s: Services, shopId: string, orderId: string) {
  const db = s.db(shopId);
  const [lines, ships, caseRows] = await Promise.all([
    db
      .select()
      .from(orderLines)
      .where(and(eq(orderLines.shopId, shopId), eq(orderLines.orderId, orderId)))
      .orderBy(asc(orderLines.id))
      .all(),
    db
      .select()
      .from(shipments)
      .where(and(eq(shipments.shopId, shopId), eq(shipments.orderId, orderId)))
      .all(),
    db
      .select()
      .from(cases)
      .where(and(eq(cases.shopId, shopId), eq(cases.orderId, orderId)))
      .orderBy(asc(cases.createdAt))
      .all(),
  ]);
  return { lines, shipments: ships, cases: caseRows.map((c) => ({ ...c, number: `R-${c.number}` })) };
}
