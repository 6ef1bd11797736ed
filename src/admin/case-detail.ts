import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { loadCase, type LoadedCase } from '../db/case-store';
import {
  caseEvents,
  cases,
  customers,
  notifications,
  orderLines,
  orders,
  pickups,
  shipments,
  surveys,
} from '../db/schema';
import type { Services } from '../services';
import { type CaseMessage, caseMessages } from '../conversations/message-queries';
import { type PendingHeld, pendingHeld } from '../team/money-approval';

/**
 * Everything the case page shows, read with the Cases area's repository (`loadCase`) plus the
 * surrounding facts: timeline, order and shipments, the customer's profile and other cases,
 * notifications, the conversation, pickups, the survey and money held for a manager. Every query
 * is scoped by the shop.
 */
export interface CaseDetail {
  loaded: LoadedCase;
  events: Array<typeof caseEvents.$inferSelect>;
  order: typeof orders.$inferSelect | undefined;
  lines: Array<typeof orderLines.$inferSelect>;
  shipments: Array<typeof shipments.$inferSelect>;
  customer: typeof customers.$inferSelect | undefined;
  history: Array<Pick<typeof cases.$inferSelect, 'id' | 'number' | 'type' | 'status' | 'createdAt'>>;
  notifications: Array<
    Pick<typeof notifications.$inferSelect, 'id' | 'kind' | 'recipient' | 'subject' | 'status' | 'createdAt'>
  >;
  pickups: Array<typeof pickups.$inferSelect>;
  survey: typeof surveys.$inferSelect | undefined;
  /** The conversation: email in and out, the shopper's portal messages (src/conversations). */
  messages: CaseMessage[];
  /** Refunds and credits above their requester's limit, waiting for a manager. */
  held: PendingHeld[];
}

export async function caseDetail(s: Services, shopId: string, caseId: string): Promise<CaseDetail | null> {
  const loaded = await loadCase(s, shopId, caseId);
  if (!loaded) return null;
  const db = s.db(shopId);
  const c = loaded.row;
  const [events, order, lines, ships, customer, history, messages, pickupRows, survey, thread, held] =
    await Promise.all([
      db
        .select()
        .from(caseEvents)
        .where(and(eq(caseEvents.shopId, shopId), eq(caseEvents.caseId, caseId)))
        .orderBy(asc(caseEvents.at), asc(caseEvents.id))
        .all(),
      c.orderId
        ? db
            .select()
            .from(orders)
            .where(and(eq(orders.shopId, shopId), eq(orders.id, c.orderId)))
            .get()
        : undefined,
      c.orderId
        ? db
            .select()
            .from(orderLines)
            .where(and(eq(orderLines.shopId, shopId), eq(orderLines.orderId, c.orderId)))
            .all()
        : [],
      c.orderId
        ? db
            .select()
            .from(shipments)
            .where(and(eq(shipments.shopId, shopId), eq(shipments.orderId, c.orderId)))
            .all()
        : [],
      c.customerId
        ? db
            .select()
            .from(customers)
            .where(and(eq(customers.shopId, shopId), eq(customers.id, c.customerId)))
            .get()
        : undefined,
      c.customerId
        ? db
            .select({
              id: cases.id,
              number: cases.number,
              type: cases.type,
              status: cases.status,
              createdAt: cases.createdAt,
            })
            .from(cases)
            .where(and(eq(cases.shopId, shopId), eq(cases.customerId, c.customerId), ne(cases.id, caseId)))
            .orderBy(desc(cases.createdAt))
            .limit(20)
            .all()
        : [],
      db
        .select({
          id: notifications.id,
          kind: notifications.kind,
          recipient: notifications.recipient,
          subject: notifications.subject,
          status: notifications.status,
          createdAt: notifications.createdAt,
        })
        .from(notifications)
        .where(and(eq(notifications.shopId, shopId), eq(notifications.caseId, caseId)))
        .orderBy(asc(notifications.createdAt))
        .all(),
      db
        .select()
        .from(pickups)
        .where(and(eq(pickups.shopId, shopId), eq(pickups.caseId, caseId)))
        .all(),
      db
        .select()
        .from(surveys)
        .where(and(eq(surveys.shopId, shopId), eq(surveys.caseId, caseId)))
        .get(),
      caseMessages(s, shopId, caseId),
      pendingHeld(s, shopId, caseId),
    ]);
  return {
    loaded,
    events,
    order,
    lines,
    shipments: ships,
    customer,
    history,
    notifications: messages,
    pickups: pickupRows,
    survey,
    messages: thread,
    held,
  };
}
