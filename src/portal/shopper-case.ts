/**
 * A case as its shopper may see it: status, items and the events marked `visible_to_shopper`.
 * Found only through the order the shopper token names, so a token never opens another order's case.
 */
import { and, asc, eq } from 'drizzle-orm';
import { caseEvents, caseItems, cases, orders } from '../db/schema';
import type { Services } from '../services';
import { caseMessages, type CaseMessage } from '../conversations/message-queries';

export interface ShopperCaseView {
  id: string;
  number: string;
  status: string;
  type: string;
  resolution: string | null;
  method: string | null;
  orderName: string;
  currency: string;
  refundMinor: number;
  creditMinor: number;
  feeMinor: number;
  createdAt: number;
  items: Array<{
    lineItemId: string | null;
    title: string;
    quantity: number;
    reason: string;
    exchangeVariantId: string | null;
    photos: string[];
  }>;
  timeline: Array<{ type: string; toStatus: string | null; at: number; message: string | null }>;
  /** The conversation without internal messages (src/conversations). */
  messages: Array<Pick<CaseMessage, 'direction' | 'subject' | 'text' | 'at'>>;
}

export async function loadShopperCase(
  s: Services,
  shopId: string,
  orderId: string,
  caseId: string,
): Promise<ShopperCaseView | null> {
  const db = s.db(shopId);
  const row = await db
    .select({ c: cases, orderName: orders.name })
    .from(cases)
    .innerJoin(orders, and(eq(orders.id, cases.orderId), eq(orders.shopId, shopId)))
    .where(and(eq(cases.shopId, shopId), eq(cases.id, caseId), eq(cases.orderId, orderId)))
    .get();
  if (!row) return null;
  const [items, events, messages] = await Promise.all([
    db
      .select()
      .from(caseItems)
      .where(and(eq(caseItems.shopId, shopId), eq(caseItems.caseId, caseId)))
      .all(),
    db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.shopId, shopId), eq(caseEvents.caseId, caseId), eq(caseEvents.visibleToShopper, true)))
      .orderBy(asc(caseEvents.at), asc(caseEvents.id))
      .all(),
    caseMessages(s, shopId, caseId, { publicOnly: true }),
  ]);
  const c = row.c;
  return {
    id: c.id,
    number: `R-${c.number}`,
    status: c.status,
    type: c.type,
    resolution: c.resolution,
    method: c.method,
    orderName: row.orderName,
    currency: c.currency,
    refundMinor: c.refundMinor,
    creditMinor: c.creditMinor,
    feeMinor: c.feeMinor,
    createdAt: c.createdAt,
    items: items.map((i) => ({
      lineItemId: i.orderLineId,
      title: i.title ?? i.sku ?? '',
      quantity: i.quantity,
      reason: i.reason,
      exchangeVariantId: i.exchangeVariantId,
      photos: i.photoKeys,
    })),
    timeline: events.map((e) => ({
      type: e.type,
      toStatus: e.toStatus,
      at: e.at,
      // Only a message written for the shopper is shown; internal reasons stay internal.
      message: typeof e.data.shopperMessage === 'string' ? e.data.shopperMessage : null,
    })),
    messages: messages.map((m) => ({ direction: m.direction, subject: m.subject, text: m.text, at: m.at })),
  };
}
