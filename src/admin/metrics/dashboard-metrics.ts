import { DAY_MS } from '../../lib/durations';
import type { Services } from '../../services';
import type { SlaGroupFigures } from '../../sla/metrics';
import { caseFigures } from './case-figures';
import type { DateRange } from './range';
import * as q from './queries';
import { type DeflectionFigures, deflectionFigures } from '../../help/help-events';

export interface Percentiles {
  n: number;
  p50Ms: number | null;
  p90Ms: number | null;
}

export interface ScoreSummary {
  responses: number;
  average: number | null;
  /** CSAT: % of 4–5 answers. NPS: promoters% − detractors%. */
  score: number | null;
}

export interface TrendPoint {
  from: number;
  csat: ScoreSummary;
  nps: ScoreSummary;
}

export interface DashboardMetrics {
  range: DateRange;
  returnRate: {
    orders: number;
    returnedOrders: number;
    orderRate: number | null;
    items: number;
    returnedItems: number;
    itemRate: number | null;
  };
  reasons: {
    bySku: Array<{ sku: string; reason: string; quantity: number; cases: number }>;
    byProduct: Array<{ product: string; title: string; quantity: number; cases: number }>;
    totals: Array<{ reason: string; quantity: number; cases: number }>;
  };
  /** Per currency, minor units. `kept` = exchanges + store credit + fees. */
  money: Array<{
    currency: string;
    refunded: number;
    storeCredit: number;
    exchanged: number;
    fees: number;
    kept: number;
  }>;
  /** Overall compliance here; durations and per-target / per-priority / per-tier figures from the SLA area's `slaMetrics`. */
  sla: {
    casesWithTargets: number;
    breached: number;
    compliance: number | null;
    firstResponse: Percentiles;
    resolution: Percentiles;
    targets: SlaGroupFigures['targets'] | null;
    byPriority: SlaGroupFigures[];
    byTier: SlaGroupFigures[];
  };
  satisfaction: { csat: ScoreSummary; nps: ScoreSummary; trend: TrendPoint[]; bucketMs: number };
  lateShipments: Array<{ carrier: string; shipments: number; late: number; rate: number | null }>;
  /** The help center: questions answered without a case (`rate` = answeredWithoutCase / questions). */
  deflection: DeflectionFigures & { rate: number | null };
}

type Row = Record<string, number | string | null>;
const num = (v: unknown) => (typeof v === 'number' ? v : v === null || v === undefined ? 0 : Number(v));
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

function score(kind: 'csat' | 'nps', r: Row | undefined): ScoreSummary {
  if (!r || num(r.n) === 0) return { responses: 0, average: null, score: null };
  const n = num(r.n);
  const value = kind === 'csat' ? (100 * num(r.satisfied)) / n : (100 * (num(r.promoters) - num(r.detractors))) / n;
  return { responses: n, average: r.average === null ? null : Number(r.average), score: Math.round(value * 10) / 10 };
}

/** Weekly buckets for ranges over two months, daily below 15 days. */
export function trendBucket(range: DateRange): number {
  const span = range.to - range.from;
  return span <= 15 * DAY_MS ? DAY_MS : span <= 62 * DAY_MS ? 7 * DAY_MS : 30 * DAY_MS;
}

/**
 * All of the dashboard: one batch of cheap aggregates (orders, refunds, surveys, shipments in range)
 * and the case-based figures, cached while the shop's cases are unchanged (`case-figures.ts`).
 */
export async function dashboardMetrics(
  s: Services,
  shopId: string,
  range: DateRange,
  top = 10,
): Promise<DashboardMetrics> {
  const d1 = s.d1(shopId);
  const base = [shopId, range.from, range.to] as const;
  const bucketMs = trendBucket(range);
  const [results, cf, deflection] = await Promise.all([
    d1.batch<Row>([
      d1.prepare(q.returnRateOrders).bind(...base),
      d1.prepare(q.returnRateItems).bind(...base),
      d1.prepare(q.moneyOut).bind(...base),
      d1.prepare(q.surveyTotals).bind(...base),
      d1.prepare(q.surveyTrend).bind(...base, bucketMs),
      d1.prepare(q.lateByCarrier).bind(...base, s.clock.now()),
    ]),
    caseFigures(s, shopId, range, top),
    deflectionFigures(s, shopId, range.from, range.to),
  ]);
  const rows = (i: number) => results[i]?.results ?? [];
  const one = (i: number) => rows(i)[0] ?? {};
  const slaFigures = cf.sla;

  const ro = one(0);
  const ri = one(1);
  const orders = num(ro.orders);
  const returnedOrders = num(ro.returned_orders);
  const items = num(ri.items);
  const returnedItems = num(ri.returned_items);

  const money = new Map<string, DashboardMetrics['money'][number]>();
  const bucket = (currency: string) => {
    let m = money.get(currency);
    if (!m) money.set(currency, (m = { currency, refunded: 0, storeCredit: 0, exchanged: 0, fees: 0, kept: 0 }));
    return m;
  };
  for (const r of rows(2)) {
    const m = bucket(String(r.currency));
    if (r.kind === 'store_credit') m.storeCredit += num(r.amount);
    else m.refunded += num(r.amount);
  }
  for (const r of cf.moneyKept) {
    const m = bucket(String(r.currency));
    m.exchanged += num(r.exchanged);
    m.fees += num(r.fees);
  }
  for (const m of money.values()) m.kept = m.exchanged + m.storeCredit + m.fees;

  const sla = cf.slaCompliance;
  const overall = slaFigures.all[0];
  const none: Percentiles = { n: 0, p50Ms: null, p90Ms: null };
  const totals = rows(3);
  const trend = new Map<number, TrendPoint>();
  for (const r of rows(4)) {
    const b = num(r.bucket);
    let t = trend.get(b);
    if (!t)
      trend.set(
        b,
        (t = { from: range.from + b * bucketMs, csat: score('csat', undefined), nps: score('nps', undefined) }),
      );
    if (r.kind === 'csat') t.csat = score('csat', r);
    if (r.kind === 'nps') t.nps = score('nps', r);
  }

  return {
    range,
    returnRate: {
      orders,
      returnedOrders,
      orderRate: ratio(returnedOrders, orders),
      items,
      returnedItems,
      itemRate: ratio(returnedItems, items),
    },
    reasons: {
      bySku: cf.bySku.map((r) => ({
        sku: String(r.sku),
        reason: String(r.reason),
        quantity: num(r.quantity),
        cases: num(r.cases),
      })),
      byProduct: cf.byProduct.map((r) => ({
        product: String(r.product),
        title: String(r.title ?? ''),
        quantity: num(r.quantity),
        cases: num(r.cases),
      })),
      totals: cf.totals.map((r) => ({ reason: String(r.reason), quantity: num(r.quantity), cases: num(r.cases) })),
    },
    money: [...money.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    sla: {
      casesWithTargets: num(sla.with_targets),
      breached: num(sla.breached),
      compliance: ratio(num(sla.with_targets) - num(sla.breached), num(sla.with_targets)),
      firstResponse: overall?.timeToFirstResponse ?? none,
      resolution: overall?.timeToResolution ?? none,
      targets: overall?.targets ?? null,
      byPriority: slaFigures.priority,
      byTier: slaFigures.tier,
    },
    satisfaction: {
      csat: score(
        'csat',
        totals.find((r) => r.kind === 'csat'),
      ),
      nps: score(
        'nps',
        totals.find((r) => r.kind === 'nps'),
      ),
      trend: [...trend.values()].sort((a, b) => a.from - b.from),
      bucketMs,
    },
    lateShipments: rows(5).map((r) => ({
      carrier: String(r.carrier),
      shipments: num(r.shipments),
      late: num(r.late),
      rate: ratio(num(r.late), num(r.shipments)),
    })),
    deflection: { ...deflection, rate: ratio(deflection.answeredWithoutCase, deflection.questions) },
  };
}
