/**
 * One profile per customer (一人一档): every order, case, message, survey and refund we hold for
 * them, and the figures an agent reads at a glance. Orders are theirs by customer id or by email
 * (guest checkouts), cases by customer or by one of those orders. Shop-scoped throughout.
 */
import type { Services } from '../services';
import { isLowScore, type SurveyKind } from '../cases/survey-scores';
import { caseMessages, type CaseMessage } from './message-queries';

const LIMIT = 100;

/** Where a customer's profile is in the admin: what the queue and case pages link to. */
export const customerProfilePath = (customerId: string) => `/admin/customers/${encodeURIComponent(customerId)}`;
/** Case types that send goods back: what "returns" and the return rate count. */
const RETURN_TYPES = ['return', 'exchange', 'warranty'];

interface Money {
  amount: number;
  currency: string;
}

type Row = Record<string, unknown>;

export async function customerProfile360(s: Services, shopId: string, customerId: string) {
  const d1 = s.d1(shopId);
  const customer = await d1
    .prepare(
      'SELECT id, platform_id, email, first_name, last_name, locale, tags, vip, created_at FROM customers WHERE shop_id = ? AND id = ?',
    )
    .bind(shopId, customerId)
    .first<{
      id: string;
      platform_id: string | null;
      email: string | null;
      first_name: string | null;
      last_name: string | null;
      locale: string | null;
      tags: string;
      vip: number;
      created_at: number;
    }>();
  if (!customer) return null;
  const email = customer.email?.toLowerCase() ?? null;
  const orders = await all(
    d1,
    `SELECT id, name, total_minor, currency, financial_status, fulfillment_status, processed_at FROM orders
     WHERE shop_id = ?1 AND (customer_id = ?2 OR (?3 IS NOT NULL AND lower(email) = ?3)) ORDER BY processed_at DESC LIMIT ${LIMIT}`,
    shopId,
    customerId,
    email,
  );
  const orderIds = JSON.stringify(orders.map((o) => o.id));
  const cases = await all(
    d1,
    `SELECT id, number, type, status, priority, source, order_id, created_at, closed_at FROM cases
     WHERE shop_id = ?1 AND (customer_id = ?2 OR order_id IN (SELECT value FROM json_each(?3))) ORDER BY created_at DESC LIMIT ${LIMIT}`,
    shopId,
    customerId,
    orderIds,
  );
  const caseIds = JSON.stringify(cases.map((c) => c.id));
  const [surveys, refunds, messages, merged] = await Promise.all([
    all(
      d1,
      `SELECT id, case_id, order_id, kind, status, score, comment, answered_at FROM surveys
       WHERE shop_id = ?1 AND (case_id IN (SELECT value FROM json_each(?2)) OR order_id IN (SELECT value FROM json_each(?3)))
       ORDER BY due_at DESC LIMIT ${LIMIT}`,
      shopId,
      caseIds,
      orderIds,
    ),
    all(
      d1,
      `SELECT id, case_id, order_id, kind, amount_minor, currency, status, created_at FROM refunds
       WHERE shop_id = ?1 AND (case_id IN (SELECT value FROM json_each(?2)) OR order_id IN (SELECT value FROM json_each(?3)))
       ORDER BY created_at DESC LIMIT ${LIMIT}`,
      shopId,
      caseIds,
      orderIds,
    ),
    messagesOf(
      s,
      shopId,
      cases.map((c) => c.id as string),
    ),
    all(
      d1,
      'SELECT merged_id, merged_email, created_at FROM customer_merges WHERE shop_id = ?1 AND survivor_id = ?2 ORDER BY created_at',
      shopId,
      customerId,
    ),
  ]);
  const mergedEmails = merged.map((m) => m.merged_email as string | null).filter((e): e is string => e !== null);
  return {
    customer: {
      id: customer.id,
      platformId: customer.platform_id,
      email: customer.email,
      /** Every address we know them by: theirs, then those of records merged into this one. */
      emails: [...new Set([customer.email?.toLowerCase(), ...mergedEmails].filter((e): e is string => !!e))],
      mergedIds: merged.map((m) => m.merged_id as string),
      name: [customer.first_name, customer.last_name].filter(Boolean).join(' ') || null,
      locale: customer.locale,
      tags: JSON.parse(customer.tags) as string[],
      vip: customer.vip === 1,
      since: customer.created_at,
    },
    orders,
    cases: cases.map((c): Row => ({ ...c, number: `R-${c.number}` })),
    messages,
    surveys: surveys.map((v) => ({
      ...v,
      low: v.score !== null && isLowScore(v.kind as SurveyKind, v.score as number),
    })),
    refunds,
    figures: figuresOf(orders, cases, refunds),
  };
}

function figuresOf(orders: Row[], cases: Row[], refunds: Row[]) {
  const returns = cases.filter((c) => RETURN_TYPES.includes(c.type as string) && c.status !== 'rejected');
  const returnedOrders = new Set(returns.map((c) => c.order_id).filter(Boolean));
  return {
    orders: orders.length,
    returns: returns.length,
    /** Share of the customer's orders with a return (0..1). */
    returnRate: orders.length ? Math.min(1, returnedOrders.size / orders.length) : 0,
    spent: sumByCurrency(orders.map((o) => ({ amount: o.total_minor as number, currency: o.currency as string }))),
    refunded: sumByCurrency(
      refunds
        .filter((r) => r.status === 'succeeded')
        .map((r) => ({ amount: r.amount_minor as number, currency: r.currency as string })),
    ),
  };
}

function sumByCurrency(amounts: Money[]): Money[] {
  const totals = new Map<string, number>();
  for (const m of amounts) totals.set(m.currency, (totals.get(m.currency) ?? 0) + m.amount);
  return [...totals].map(([currency, amount]) => ({ amount, currency }));
}

/** The newest messages across the customer's cases, each tagged with its case. */
async function messagesOf(s: Services, shopId: string, caseIds: string[]) {
  const perCase = await Promise.all(
    caseIds.slice(0, 20).map(async (caseId) => (await caseMessages(s, shopId, caseId)).map((m) => ({ caseId, ...m }))),
  );
  return perCase
    .flat()
    .sort((a: CaseMessage, b: CaseMessage) => b.at - a.at)
    .slice(0, LIMIT);
}

async function all(d1: D1Database, sql: string, ...params: unknown[]): Promise<Row[]> {
  return (
    await d1
      .prepare(sql)
      .bind(...params)
      .all<Row>()
  ).results;
}
