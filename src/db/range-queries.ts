/**
 * Range reads shared by the dashboard (src/admin/metrics) and the weekly review (src/review), below
 * both so neither imports the other.
 *
 * The dashboard's case figures from per-day rollups kept by triggers: reasons here in detail; SLA
 * compliance (case_sla_days) and money kept (case_money_days) below, built the same way.
 *
 * The reasons (by SKU, by product, totals) from the per-day rollup `case_reason_days`
 * (kept by triggers, src/db/reason-days.ts) for the range's whole UTC days, plus the live join
 * (src/admin/metrics/queries.ts: reasonsBySku…) over the partial days at either end. The range is any pair of
 * instants (a shop-local midnight, a DST day, an ISO time): UTC-day buckets with live edges are
 * exact for all of them, and the shop's time zone only decides how much of the edges is live (at
 * most two days of cases). COUNT(DISTINCT case) sums across the pieces because each case lies in
 * exactly one of them (its created_at). Same answers as the live queries, which the tests check.
 *
 * Binds: ?1 shop, ?2 from, ?3 to, ?4 top, ?5 end of the leading partial day, ?6 start of the
 * trailing one, ?7 / ?8 the whole days [first, last) (see `reasonRangeParams`).
 */
import { rangeDayPieces } from '../lib/day-pieces';

/** Money paid back (succeeded refunds) and issued as store credit, per currency, created in range. */
export const moneyOut = `
SELECT currency, kind, SUM(amount_minor) AS amount, COUNT(*) AS n FROM refunds
WHERE shop_id = ?1 AND created_at >= ?2 AND created_at < ?3 AND status = 'succeeded'
GROUP BY currency, kind`;

/** The pieces of a range: [from, ?5) live, days [?7, ?8) rolled up, [?6, to) live. */
export const reasonRangeParams = (range: { from: number; to: number }) => rangeDayPieces(range);

const join = `FROM cases c JOIN case_items ci ON ci.shop_id = c.shop_id AND ci.case_id = c.id`;
const lineJoin = `LEFT JOIN order_lines l ON l.id = ci.order_line_id AND l.shop_id = c.shop_id`;
/** The two live edges, each a plain range on cases_shop_created_cover_idx (an OR would not be). */
const edges = (select: string, from: string, group: string) =>
  [`c.created_at >= ?2 AND c.created_at < ?5`, `c.created_at >= ?6 AND c.created_at < ?3`]
    .map(
      (span) =>
        `SELECT ${select} ${from} WHERE c.shop_id = ?1 AND ${span} AND c.status <> 'rejected' GROUP BY ${group}`,
    )
    .join('\n  UNION ALL ');
const days = (dim: string) => `shop_id = ?1 AND dim = '${dim}' AND day >= ?7 AND day < ?8`;

export const rolledReasonsBySku = `
SELECT sku, reason, SUM(quantity) AS quantity, SUM(cases) AS cases FROM (
  ${edges(`COALESCE(ci.sku, '(no sku)') AS sku, ci.reason AS reason, SUM(ci.quantity) AS quantity, COUNT(DISTINCT c.id) AS cases`, join, '1, 2')}
  UNION ALL SELECT key, reason, SUM(quantity), SUM(cases) FROM case_reason_days WHERE ${days('sku')} GROUP BY key, reason
) GROUP BY sku, reason HAVING SUM(cases) > 0 ORDER BY quantity DESC, sku, reason LIMIT ?4`;

/** Title: the greatest title among the product's counted items, from the `title` rows that still have items. */
export const rolledReasonsByProduct = `
SELECT product, MAX(title) AS title, SUM(quantity) AS quantity, SUM(cases) AS cases FROM (
  ${edges(
    `COALESCE(l.product_id, ci.sku, '(unknown)') AS product, MAX(COALESCE(l.title, ci.title, '')) AS title, SUM(ci.quantity) AS quantity, COUNT(DISTINCT c.id) AS cases`,
    `${join} ${lineJoin}`,
    '1',
  )}
  UNION ALL SELECT key, NULL, SUM(quantity), SUM(cases) FROM case_reason_days WHERE ${days('product')} GROUP BY key
  UNION ALL SELECT key, MAX(reason), 0, 0 FROM case_reason_days WHERE ${days('title')} AND quantity > 0 GROUP BY key
) GROUP BY product HAVING SUM(cases) > 0 ORDER BY quantity DESC, product LIMIT ?4`;

/** Every reason (no LIMIT, like the live query); ?4 is bound but unused. */
export const rolledReasonTotals = `
SELECT reason, SUM(quantity) AS quantity, SUM(cases) AS cases FROM (
  ${edges(`ci.reason AS reason, SUM(ci.quantity) AS quantity, COUNT(DISTINCT c.id) AS cases`, join, '1')}
  UNION ALL SELECT key, SUM(quantity), SUM(cases) FROM case_reason_days WHERE ${days('reason')} GROUP BY key
) GROUP BY reason HAVING SUM(cases) > 0 ORDER BY quantity DESC, reason`;

/** `queries.ts#slaCompliance` from `case_sla_days` (src/db/sla-days.ts) plus the live partial days; ?4 unused. */
export const rolledSlaCompliance = `
SELECT COALESCE(SUM(n), 0) AS with_targets, COALESCE(SUM(b), 0) AS breached, COALESCE(SUM(r), 0) AS responded, COALESCE(SUM(z), 0) AS resolved FROM (
  ${[`created_at >= ?2 AND created_at < ?5`, `created_at >= ?6 AND created_at < ?3`]
    .map(
      (
        span,
      ) => `SELECT COUNT(*) AS n, SUM(breached) AS b, SUM(first_responded_at IS NOT NULL) AS r, SUM(resolved_at IS NOT NULL) AS z
  FROM cases WHERE shop_id = ?1 AND ${span} AND first_response_due_at IS NOT NULL`,
    )
    .join('\n  UNION ALL ')}
  UNION ALL SELECT SUM(cases), SUM(breached), SUM(ttfr_n), SUM(ttr_n) FROM case_sla_days WHERE shop_id = ?1 AND day >= ?7 AND day < ?8
)`;

/** `queries.ts#moneyKept` from `case_money_days` (src/db/money-days.ts) plus the live partial days; ?4 unused. */
export const rolledMoneyKept = `
SELECT currency, SUM(exchanged) AS exchanged, SUM(fees) AS fees FROM (
  ${[`c.created_at >= ?2 AND c.created_at < ?5`, `c.created_at >= ?6 AND c.created_at < ?3`]
    .map(
      (span) => `SELECT c.currency AS currency,
    COALESCE(SUM(CASE WHEN c.resolution = 'exchange' THEN
      (SELECT COALESCE(SUM(ci.unit_price_minor * ci.quantity), 0) FROM case_items ci WHERE ci.shop_id = c.shop_id AND ci.case_id = c.id) ELSE 0 END), 0) AS exchanged,
    COALESCE(SUM(c.fee_minor), 0) AS fees
  FROM cases c WHERE c.shop_id = ?1 AND ${span} AND c.status IN ('resolved','closed') GROUP BY c.currency`,
    )
    .join('\n  UNION ALL ')}
  UNION ALL SELECT currency, SUM(exchanged_minor), SUM(fees_minor) FROM case_money_days
    WHERE shop_id = ?1 AND day >= ?7 AND day < ?8 GROUP BY currency HAVING SUM(cases) > 0
) GROUP BY currency ORDER BY currency`;
