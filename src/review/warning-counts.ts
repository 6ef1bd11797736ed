/**
 * The per-day counts the early warnings step through, for the UTC days [first, last] not yet
 * evaluated: returns by SKU, product and reason from `case_reason_days`, SLA outcomes from
 * `case_sla_days`, and three day-grouped range reads on `(shop_id, time)` indexes that no rollup
 * holds (units sold, CSAT answers, cases opened). Each day is read once, when it is evaluated.
 */
import { DAY_MS } from '../lib/durations';
import { DEFECT_REASONS } from './demo-catalogue';

export { DAY_MS };
/** SLA outcomes settle after the targets run out: a day's breaches are evaluated this many days later. */
export const SLA_SETTLE_DAYS = 3;

/** A rate subject's counts per day: `orders` are units sold (the trials), `hits` units returned. */
export type DaySeries = Map<number, { orders: number; hits: number }>;

export interface WarningCounts {
  /** `sku:TEE-NVY-M|defect_rate`, `product:P1|return_rate`, `reason:damaged|reason_rate` → per day. */
  rates: Map<string, DaySeries>;
  sla: Map<number, { met: number; cases: number }>;
  satisfaction: Map<number, { satisfied: number; responses: number }>;
  volume: Map<number, { cases: number }>;
}

type Row = Record<string, number | string | null>;
const num = (v: unknown) => Number(v ?? 0);
const inDefect = `(${DEFECT_REASONS.map((r) => `'${r}'`).join(', ')})`;

const sold = (key: string) => `
SELECT o.processed_at / ${DAY_MS} AS day, ${key} AS key, SUM(l.quantity) AS n
FROM orders o JOIN order_lines l ON l.shop_id = o.shop_id AND l.order_id = o.id
WHERE o.shop_id = ?1 AND o.processed_at >= ?2 * ${DAY_MS} AND o.processed_at < (?3 + 1) * ${DAY_MS} GROUP BY 1, 2`;

const queries = {
  soldBySku: sold(`COALESCE(l.sku, '(no sku)')`),
  soldByProduct: sold(`COALESCE(l.product_id, l.sku, '(unknown)')`),
  returned: `
SELECT day, dim, key, SUM(quantity) AS n, SUM(CASE WHEN reason IN ${inDefect} THEN quantity ELSE 0 END) AS defects
FROM case_reason_days WHERE shop_id = ?1 AND dim IN ('sku', 'product', 'reason') AND day >= ?2 AND day <= ?3
GROUP BY day, dim, key HAVING SUM(quantity) > 0`,
  sla: `SELECT day, SUM(cases) AS cases, SUM(breached) AS breached FROM case_sla_days WHERE shop_id = ?1 AND day >= ?2 - ${SLA_SETTLE_DAYS} AND day <= ?3 GROUP BY day`,
  csat: `SELECT answered_at / ${DAY_MS} AS day, COUNT(*) AS n, SUM(score >= 4) AS satisfied FROM surveys
WHERE shop_id = ?1 AND answered_at >= ?2 * ${DAY_MS} AND answered_at < (?3 + 1) * ${DAY_MS} AND kind = 'csat' AND score IS NOT NULL GROUP BY 1`,
  opened: `SELECT created_at / ${DAY_MS} AS day, COUNT(*) AS n FROM cases
WHERE shop_id = ?1 AND created_at >= ?2 * ${DAY_MS} AND created_at < (?3 + 1) * ${DAY_MS} GROUP BY 1`,
};

function add(rates: Map<string, DaySeries>, key: string, day: number, orders: number, hits: number): void {
  const series = rates.get(key) ?? new Map();
  rates.set(key, series);
  const at = series.get(day) ?? { orders: 0, hits: 0 };
  series.set(day, { orders: at.orders + orders, hits: at.hits + hits });
}

function rateCounts(bySku: Row[], byProduct: Row[], returned: Row[]): Map<string, DaySeries> {
  const rates = new Map<string, DaySeries>();
  const soldOn = new Map<number, number>();
  for (const r of bySku) {
    add(rates, `sku:${r.key}|return_rate`, num(r.day), num(r.n), 0);
    add(rates, `sku:${r.key}|defect_rate`, num(r.day), num(r.n), 0);
    soldOn.set(num(r.day), (soldOn.get(num(r.day)) ?? 0) + num(r.n));
  }
  for (const r of byProduct) add(rates, `product:${r.key}|return_rate`, num(r.day), num(r.n), 0);
  for (const r of returned) {
    const day = num(r.day);
    if (r.dim === 'sku') {
      add(rates, `sku:${r.key}|return_rate`, day, 0, num(r.n));
      add(rates, `sku:${r.key}|defect_rate`, day, 0, num(r.defects));
    } else if (r.dim === 'product') add(rates, `product:${r.key}|return_rate`, day, 0, num(r.n));
    else add(rates, `reason:${r.key}|reason_rate`, day, 0, num(r.n));
  }
  // A reason's rate is its units over every unit sold that day.
  for (const [key, series] of rates) {
    if (!key.startsWith('reason:')) continue;
    for (const [day, c] of series) series.set(day, { ...c, orders: soldOn.get(day) ?? 0 });
  }
  return rates;
}

export async function loadWarningCounts(d1: D1Database, shopId: string, first: number, last: number) {
  const q = (sql: string) => d1.prepare(sql).bind(shopId, first, last);
  const [bySku, byProduct, returned, sla, csat, opened] = await d1.batch<Row>([
    q(queries.soldBySku),
    q(queries.soldByProduct),
    q(queries.returned),
    q(queries.sla),
    q(queries.csat),
    q(queries.opened),
  ]);
  const rows = (r: D1Result<Row> | undefined) => r?.results ?? [];
  const byDay = <T>(rs: Row[], f: (r: Row) => T) => new Map(rs.map((r) => [num(r.day), f(r)]));
  return {
    rates: rateCounts(rows(bySku), rows(byProduct), rows(returned)),
    sla: byDay(rows(sla), (r) => ({ met: num(r.cases) - num(r.breached), cases: num(r.cases) })),
    satisfaction: byDay(rows(csat), (r) => ({ satisfied: num(r.satisfied), responses: num(r.n) })),
    volume: byDay(rows(opened), (r) => ({ cases: num(r.n) })),
  } satisfies WarningCounts;
}
