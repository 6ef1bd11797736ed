/**
 * The dashboard's numbers, each one aggregate query over indexed columns (no rows loaded).
 * Every query is scoped by `shop_id` first, so each starts from a `(shop_id, …)` index:
 * orders_shop_processed_idx, cases_shop_created_idx (and its covering siblings
 * cases_shop_created_cover_idx / cases_shop_created_sla_idx, with case_items_case_cover_idx),
 * refunds_shop_created_idx, surveys_shop_answered_idx, shipments_shop_status_eta_idx
 * (see test/admin/query-plans.test.ts).
 */
export const RETURNING_TYPES = `('return','exchange','warranty')`;

/** Orders placed in range, and how many of them have a (not rejected) return, exchange or warranty case. */
export const returnRateOrders = `
SELECT COUNT(*) AS orders,
  COALESCE(SUM(EXISTS (SELECT 1 FROM cases c WHERE c.shop_id = o.shop_id AND c.order_id = o.id
    AND c.type IN ${RETURNING_TYPES} AND c.status <> 'rejected')), 0) AS returned_orders
FROM orders o WHERE o.shop_id = ?1 AND o.processed_at >= ?2 AND o.processed_at < ?3`;

/**
 * Items sold on those orders, and items asked back on their cases. CROSS JOIN fixes the join order
 * (orders in range → their cases → their items): left to itself, SQLite starts from case_items and
 * reads every item the shop ever had (0.5 s at 100,000 cases).
 */
export const returnRateItems = `
SELECT
  (SELECT COALESCE(SUM(l.quantity), 0) FROM orders o JOIN order_lines l ON l.shop_id = o.shop_id AND l.order_id = o.id
     WHERE o.shop_id = ?1 AND o.processed_at >= ?2 AND o.processed_at < ?3) AS items,
  (SELECT COALESCE(SUM(ci.quantity), 0) FROM orders o
     CROSS JOIN cases c ON c.shop_id = o.shop_id AND c.order_id = o.id AND c.type IN ${RETURNING_TYPES} AND c.status <> 'rejected'
     CROSS JOIN case_items ci ON ci.shop_id = c.shop_id AND ci.case_id = c.id
     WHERE o.shop_id = ?1 AND o.processed_at >= ?2 AND o.processed_at < ?3) AS returned_items`;

/** Top (SKU, reason) pairs by quantity among cases opened in range. */
export const reasonsBySku = `
SELECT COALESCE(ci.sku, '(no sku)') AS sku, ci.reason AS reason, SUM(ci.quantity) AS quantity, COUNT(DISTINCT c.id) AS cases
FROM cases c JOIN case_items ci ON ci.shop_id = c.shop_id AND ci.case_id = c.id
WHERE c.shop_id = ?1 AND c.created_at >= ?2 AND c.created_at < ?3 AND c.status <> 'rejected'
GROUP BY 1, 2 ORDER BY quantity DESC, sku, reason LIMIT ?4`;

/** The same by product (through the order line), with the leading reason share. */
export const reasonsByProduct = `
SELECT COALESCE(l.product_id, ci.sku, '(unknown)') AS product, MAX(COALESCE(l.title, ci.title, '')) AS title,
  SUM(ci.quantity) AS quantity, COUNT(DISTINCT c.id) AS cases
FROM cases c JOIN case_items ci ON ci.shop_id = c.shop_id AND ci.case_id = c.id
LEFT JOIN order_lines l ON l.id = ci.order_line_id AND l.shop_id = c.shop_id
WHERE c.shop_id = ?1 AND c.created_at >= ?2 AND c.created_at < ?3 AND c.status <> 'rejected'
GROUP BY 1 ORDER BY quantity DESC, product LIMIT ?4`;

/** Root causes: reasons overall. */
export const reasonTotals = `
SELECT ci.reason AS reason, SUM(ci.quantity) AS quantity, COUNT(DISTINCT c.id) AS cases
FROM cases c JOIN case_items ci ON ci.shop_id = c.shop_id AND ci.case_id = c.id
WHERE c.shop_id = ?1 AND c.created_at >= ?2 AND c.created_at < ?3 AND c.status <> 'rejected'
GROUP BY 1 ORDER BY quantity DESC, reason`;

export { moneyOut } from '../../db/range-queries';

/** Money kept on cases opened in range: exchanged item value and fees charged, per currency. */
export const moneyKept = `
SELECT c.currency AS currency,
  COALESCE(SUM(CASE WHEN c.resolution = 'exchange' THEN
    (SELECT COALESCE(SUM(ci.unit_price_minor * ci.quantity), 0) FROM case_items ci WHERE ci.shop_id = c.shop_id AND ci.case_id = c.id) ELSE 0 END), 0) AS exchanged,
  COALESCE(SUM(c.fee_minor), 0) AS fees
FROM cases c WHERE c.shop_id = ?1 AND c.created_at >= ?2 AND c.created_at < ?3 AND c.status IN ('resolved','closed')
GROUP BY c.currency`;

/** SLA compliance among cases opened in range that had targets. */
export const slaCompliance = `
SELECT COUNT(*) AS with_targets, COALESCE(SUM(breached), 0) AS breached,
  COALESCE(SUM(first_responded_at IS NOT NULL), 0) AS responded,
  COALESCE(SUM(resolved_at IS NOT NULL), 0) AS resolved
FROM cases WHERE shop_id = ?1 AND created_at >= ?2 AND created_at < ?3 AND first_response_due_at IS NOT NULL`;

/** Survey scores answered in range per kind, plus the NPS buckets and CSAT satisfied (4–5). */
export const surveyTotals = `
SELECT kind, COUNT(*) AS n, AVG(score) AS average,
  SUM(CASE WHEN kind = 'csat' AND score >= 4 THEN 1 ELSE 0 END) AS satisfied,
  SUM(CASE WHEN kind = 'nps' AND score >= 9 THEN 1 ELSE 0 END) AS promoters,
  SUM(CASE WHEN kind = 'nps' AND score <= 6 THEN 1 ELSE 0 END) AS detractors
FROM surveys WHERE shop_id = ?1 AND answered_at >= ?2 AND answered_at < ?3 AND score IS NOT NULL
GROUP BY kind`;

/** The same per bucket (`?4` ms wide, counted from `from`) for the trend lines. */
export const surveyTrend = `
SELECT CAST((answered_at - ?2) / ?4 AS INTEGER) AS bucket, kind, COUNT(*) AS n, AVG(score) AS average,
  SUM(CASE WHEN kind = 'csat' AND score >= 4 THEN 1 ELSE 0 END) AS satisfied,
  SUM(CASE WHEN kind = 'nps' AND score >= 9 THEN 1 ELSE 0 END) AS promoters,
  SUM(CASE WHEN kind = 'nps' AND score <= 6 THEN 1 ELSE 0 END) AS detractors
FROM surveys WHERE shop_id = ?1 AND answered_at >= ?2 AND answered_at < ?3 AND score IS NOT NULL
GROUP BY 1, 2 ORDER BY 1`;

/**
 * Shipments due (estimated delivery) in range per carrier; late = delivered after the estimate,
 * or not delivered and the estimate passed before `?4` (now).
 */
export const lateByCarrier = `
SELECT COALESCE(carrier, '(unknown)') AS carrier, COUNT(*) AS shipments,
  SUM(CASE WHEN (delivered_at IS NOT NULL AND delivered_at > estimated_delivery_at)
            OR (delivered_at IS NULL AND estimated_delivery_at < ?4) THEN 1 ELSE 0 END) AS late
FROM shipments WHERE shop_id = ?1 AND estimated_delivery_at >= ?2 AND estimated_delivery_at < ?3
GROUP BY 1 ORDER BY late DESC, carrier`;
