/**
 * What "nothing lost, nothing twice" means in rows, read from the local D1 after the server has
 * stopped: each check has the number it must equal and the number found.
 */
import { queryD1 } from '../../bench/server';

export interface Check {
  name: string;
  expected: number;
  actual: number;
  ok: boolean;
  detail?: string;
}

const SHOP = 'shop_demo';
const one = (persistTo: string, sql: string) => queryD1<Record<string, number>>(persistTo, sql)[0] ?? {};
const check = (name: string, expected: number, actual: number | undefined, detail?: string): Check => ({
  name,
  expected,
  actual: actual ?? NaN,
  ok: actual === expected,
  ...(detail ? { detail } : {}),
});

export interface Accepted {
  orders: number;
  returns: number;
  refunds: number;
}

export function rowChecks(persistTo: string, accepted: Accepted): Check[] {
  const total = accepted.orders + accepted.returns + accepted.refunds;
  const events = one(
    persistTo,
    `SELECT count(*) AS n, count(DISTINCT delivery_id) AS d,
       sum(status = 'processed') AS processed, sum(status = 'ignored') AS ignored,
       sum(status = 'received') AS received, sum(status = 'failed') AS failed
     FROM webhook_events WHERE delivery_id LIKE 'bench-%'`,
  );
  const orders = one(
    persistTo,
    `SELECT count(*) AS n, count(DISTINCT platform_id) AS d, sum(name LIKE '#B%') AS named,
       (SELECT count(*) FROM order_lines WHERE shop_id = '${SHOP}' AND order_id IN
          (SELECT id FROM orders WHERE shop_id = '${SHOP}' AND platform_id LIKE 'gid://shopify/Order/82098%')) AS lines
     FROM orders WHERE shop_id = '${SHOP}' AND platform_id LIKE 'gid://shopify/Order/82098%'`,
  );
  const ourCases = `SELECT id FROM cases WHERE shop_id = '${SHOP}' AND platform_ref LIKE 'gid://shopify/Return/7%'`;
  const cases = one(
    persistTo,
    `SELECT count(*) AS n, count(DISTINCT platform_ref) AS d,
       sum(first_response_due_at IS NULL OR next_due_at IS NULL) AS unarmed
     FROM cases WHERE shop_id = '${SHOP}' AND platform_ref LIKE 'gid://shopify/Return/7%'`,
  );
  const doubledAudit = queryD1<{ type: string; n: number }>(
    persistTo,
    `SELECT type, count(*) AS n FROM (SELECT case_id, type FROM case_events WHERE shop_id = '${SHOP}' AND case_id IN (${ourCases})
       GROUP BY case_id, type HAVING count(*) > 1) GROUP BY type`,
  );
  const refunds = one(
    persistTo,
    `SELECT count(*) AS n, count(DISTINCT provider_ref) AS d, count(DISTINCT idempotency_key) AS k, coalesce(sum(amount_minor), 0) AS amount
     FROM refunds WHERE shop_id = '${SHOP}' AND provider = 'shopify' AND provider_ref LIKE 'gid://shopify/Refund/89008%'`,
  );
  const doubledKeys = one(
    persistTo,
    `SELECT count(*) AS n FROM (SELECT idempotency_key FROM refunds GROUP BY shop_id, idempotency_key HAVING count(*) > 1)`,
  );
  return [
    check('webhook events stored = distinct deliveries accepted (no loss)', total, events.n),
    check('webhook events stored once per delivery id (no double)', events.n ?? NaN, events.d),
    check("events left 'received' after the sweep", 0, events.received),
    check("events 'failed' (dead-lettered)", 0, events.failed),
    check('events processed or ignored = accepted', total, (events.processed ?? 0) + (events.ignored ?? 0)),
    check('orders = distinct orders/create accepted', accepted.orders, orders.n),
    check('orders once per platform id', orders.n ?? NaN, orders.d),
    check('orders carrying their orders/create name (applied, not only placeholders)', accepted.orders, orders.named),
    check('order lines = 5 per order', accepted.orders * 5, orders.lines),
    check('cases = distinct returns/request accepted', accepted.returns, cases.n),
    check('cases once per Shopify return', cases.n ?? NaN, cases.d),
    check('cases whose SLA deadlines are not set (clock not armed)', 0, cases.unarmed),
    check(
      'cases with an audit event recorded twice',
      0,
      doubledAudit.reduce((sum, r) => sum + r.n, 0),
      doubledAudit.map((r) => `${r.type}×${r.n}`).join(', ') || undefined,
    ),
    check('refunds = distinct refunds/create accepted', accepted.refunds, refunds.n),
    check('refunds once per provider ref', refunds.n ?? NaN, refunds.d),
    check('refunds once per idempotency key', refunds.n ?? NaN, refunds.k),
    check('idempotency keys used by more than one refund (doubled refunds), all shops', 0, doubledKeys.n),
  ];
}
