/**
 * The demo shop's ~90 days of history (src/review/demo-history.ts) as `INSERT OR IGNORE`
 * statements next to the demo seed: its own customers and orders #5001…, cases numbered from
 * 70001 (clear of the shop's own numbering), items, refunds and store credit, CSAT/CES answers,
 * who worked each case (with its replies and reopenings), and SLA outcomes (most first responses in 2 h against 8 h, one in fifteen late). Deterministic ids,
 * so a second start inserts nothing; `now` only places the history in time.
 */
import { DEMO_SHOP_ID } from '../db/demo-data';
import * as s from '../db/schema';
import { insertOrIgnore, type Statement } from '../db/seed';
import { generateDemoHistory, type HistoryCase, type HistoryOrder } from './demo-history';

const HOUR = 3_600_000;
const DAY_MS = 24 * HOUR;
const FIRST_CASE_NUMBER = 70_001;
const customerId = (email: string) => `cus_h_${email.split('@')[0]}`;

function orderRows(o: HistoryOrder): Statement[] {
  const subtotal = o.lines.reduce((a, l) => a + l.priceMinor * l.quantity, 0);
  const at = o.processedAt;
  return [
    insertOrIgnore(s.customers, {
      id: customerId(o.email),
      shopId: DEMO_SHOP_ID,
      email: o.email,
      createdAt: at,
      updatedAt: at,
    }),
    insertOrIgnore(s.orders, {
      id: o.id,
      shopId: DEMO_SHOP_ID,
      platformId: `gid://shopify/Order/h${o.id}`,
      name: o.name,
      number: o.name.slice(1),
      customerId: customerId(o.email),
      email: o.email,
      currency: o.currency,
      subtotalMinor: subtotal,
      totalMinor: subtotal,
      financialStatus: 'paid',
      fulfillmentStatus: 'fulfilled',
      processedAt: at,
      platformUpdatedAt: at,
      createdAt: at,
      updatedAt: at,
    }),
    ...o.lines.map((l) =>
      insertOrIgnore(s.orderLines, {
        id: l.id,
        shopId: DEMO_SHOP_ID,
        orderId: o.id,
        platformId: `gid://shopify/LineItem/h${l.id}`,
        productId: l.productId,
        sku: l.sku,
        title: l.title,
        quantity: l.quantity,
        priceMinor: l.priceMinor,
        createdAt: at,
        updatedAt: at,
      }),
    ),
  ];
}

/** SLA outcomes: first response due in 8 h, answered in 2 h, except every LATE_EVERY-th case (10 h, breached). */
const LATE_EVERY = 15;
function slaFields(c: HistoryCase, n: number) {
  const late = n % LATE_EVERY === 0;
  const firstResponseDueAt = c.createdAt + 8 * HOUR;
  return {
    firstResponseDueAt,
    resolutionDueAt: c.createdAt + 120 * HOUR,
    nextDueAt: c.resolvedAt === null ? firstResponseDueAt : null,
    firstRespondedAt: c.createdAt + (late ? 10 : 2) * HOUR,
    breached: late,
    breaches: late ? ['first_response'] : [],
  };
}

/** The demo team (src/db/seed-team.ts): Sofia Specialist, Alex Agent, Li Wei. */
const demoMember = (n: number) => `mem_DEMO${String(n).padStart(22, '0')}`;
const FAULTS = new Set(['damaged', 'defective']);

/**
 * Who worked the case and how it went: damage and defects with the specialist, the rest shared by
 * the two agents; one reply most often, two on every fourth case, a reopening on every 25th, so the
 * review's first-contact resolution and per-member figures have something to show.
 */
function handlingFields(c: HistoryCase, n: number) {
  const fault = c.items.some((i) => FAULTS.has(i.reason));
  return {
    assigneeId: fault ? demoMember(3) : demoMember(n % 2 === 0 ? 4 : 5),
    agentReplies: n % 4 === 0 ? 2 : 1,
    reopens: n % 25 === 0 ? 1 : 0,
  };
}

function caseRows(
  c: HistoryCase,
  n: number,
  order: HistoryOrder,
  money: { refund: number; credit: number },
): Statement[] {
  return [
    insertOrIgnore(s.cases, {
      id: c.id,
      shopId: DEMO_SHOP_ID,
      number: FIRST_CASE_NUMBER + n,
      orderId: c.orderId,
      customerId: customerId(order.email),
      type: c.type,
      status: c.status,
      source: 'portal',
      resolution: c.resolution,
      method: 'drop_off',
      currency: order.currency,
      refundMinor: money.refund,
      creditMinor: money.credit,
      ...slaFields(c, n),
      ...handlingFields(c, n),
      resolvedAt: c.resolvedAt,
      createdAt: c.createdAt,
      updatedAt: c.resolvedAt ?? c.createdAt,
    }),
    ...c.items.map((i) =>
      insertOrIgnore(s.caseItems, {
        id: i.id,
        shopId: DEMO_SHOP_ID,
        caseId: c.id,
        orderLineId: i.lineId,
        sku: i.sku,
        title: order.lines.find((l) => l.id === i.lineId)?.title ?? i.sku,
        quantity: i.quantity,
        reason: i.reason,
        unitPriceMinor: i.unitPriceMinor,
        createdAt: c.createdAt,
      }),
    ),
  ];
}

/**
 * The history ends at today's UTC midnight: its days then line up with the rollups' days whatever
 * the hour of the first start, so the spike (and the warning it raises) is the same every time.
 */
export function historySeedStatements(now: number): Statement[] {
  const h = generateDemoHistory({ now: Math.floor(now / DAY_MS) * DAY_MS });
  const orders = new Map(h.orders.map((o) => [o.id, o]));
  const cases = new Map(h.cases.map((c) => [c.id, c]));
  const out = h.orders.flatMap(orderRows);
  h.cases.forEach((c, n) => {
    const paid = h.refunds.filter((r) => r.caseId === c.id);
    const sum = (kind: string) => paid.filter((r) => r.kind === kind).reduce((a, r) => a + r.amountMinor, 0);
    out.push(...caseRows(c, n, orders.get(c.orderId)!, { refund: sum('refund'), credit: sum('store_credit') }));
  });
  for (const r of h.refunds) {
    const order = orders.get(cases.get(r.caseId)!.orderId)!;
    out.push(
      insertOrIgnore(s.refunds, {
        id: r.id,
        shopId: DEMO_SHOP_ID,
        caseId: r.caseId,
        orderId: order.id,
        provider: 'shopify',
        kind: r.kind,
        idempotencyKey: `${r.caseId}:${r.kind}:1`,
        amountMinor: r.amountMinor,
        currency: order.currency,
        status: 'succeeded',
        createdAt: r.createdAt,
        updatedAt: r.createdAt,
      }),
    );
  }
  for (const v of h.surveys) {
    const order = orders.get(cases.get(v.caseId)!.orderId)!;
    out.push(
      insertOrIgnore(s.surveys, {
        id: v.id,
        shopId: DEMO_SHOP_ID,
        orderId: order.id,
        caseId: v.caseId,
        subject: v.kind === 'csat' ? `case:${v.caseId}` : `case:${v.caseId}:ces`,
        kind: v.kind,
        status: 'answered',
        recipient: order.email,
        dueAt: v.answeredAt - HOUR,
        sentAt: v.answeredAt - HOUR,
        score: v.score,
        comment: v.comment,
        answeredAt: v.answeredAt,
        createdAt: v.answeredAt - HOUR,
        updatedAt: v.answeredAt,
      }),
    );
  }
  return out;
}
