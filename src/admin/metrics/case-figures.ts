/**
 * The dashboard's case-based figures (reasons, money kept, SLA) — the ones over every case opened
 * in the range, ~100,000 for a big shop's quarter. Computed from per-day rollups that SQLite
 * triggers keep in step with every case write (case_reason_days, case_sla_days, case_money_days:
 * reason-queries.ts) plus the live rows of the range's partial days, and percentiles by indexed
 * rank (src/sla/metrics.ts): ~0.2 s at 100,000 cases with nothing cached. Also kept in a small
 * per-isolate cache. An entry is used only while the shop's cases fingerprint is unchanged: the
 * shop's count of case writes, which triggers bump on every insert, update and delete of a case
 * (src/db/case-writes.ts), whoever writes. Any case written since → recomputed.
 * Case items are written with their case and never change in a way these figures read. Not in
 * the fingerprint: an order line's product id or title edited later on Shopify (the by-product
 * labels) shows at the next case write or within MAX_AGE_MS.
 */
import type { Services } from '../../services';
import { slaCountsStatement, slaMetricsFrom, type CountRow, type SlaMetrics } from '../../sla/metrics';
import type { DateRange } from './range';
import {
  reasonRangeParams,
  rolledMoneyKept,
  rolledReasonsByProduct,
  rolledReasonsBySku,
  rolledReasonTotals,
  rolledSlaCompliance,
} from './reason-queries';

type Row = Record<string, number | string | null>;

export interface CaseFigures {
  bySku: Row[];
  byProduct: Row[];
  totals: Row[];
  moneyKept: Row[];
  slaCompliance: Row;
  sla: SlaMetrics;
}

/** One primary-key row, whatever the number of cases (it summed 100,000 index entries: ~10 ms). */
export const casesFingerprintSql = `
SELECT COALESCE((SELECT writes FROM case_write_counts WHERE shop_id = ?1), 0) AS fp`;

const MAX_ENTRIES = 64;
/** A safety net only: freshness comes from the fingerprint. */
const MAX_AGE_MS = 5 * 60_000;
const cache = new Map<string, { fingerprint: string; at: number; figures: CaseFigures }>();

export async function computeCaseFigures(
  s: Services,
  shopId: string,
  range: DateRange,
  top: number,
): Promise<CaseFigures> {
  return (await figuresAndFingerprint(s, shopId, range, top, false)).figures;
}

/**
 * The figures in two round trips: one batch (the rollup sums, the SLA counts and, with
 * `fingerprint`, the cases fingerprint: one snapshot), then the SLA percentiles by rank.
 */
async function figuresAndFingerprint(
  s: Services,
  shopId: string,
  range: DateRange,
  top: number,
  fingerprint: boolean,
): Promise<{ figures: CaseFigures; fingerprint: string }> {
  const d1 = s.d1(shopId);
  const base = [shopId, range.from, range.to] as const;
  const reasons = [...base, top, ...reasonRangeParams(range)] as const;
  const statements = [
    d1.prepare(rolledReasonsBySku).bind(...reasons),
    d1.prepare(rolledReasonsByProduct).bind(...reasons),
    d1.prepare(rolledReasonTotals).bind(...reasons),
    d1.prepare(rolledMoneyKept).bind(...reasons),
    d1.prepare(rolledSlaCompliance).bind(...reasons),
    // The SLA counts ride in the same batch; their percentiles (which need the counts) follow.
    slaCountsStatement(d1, shopId, range),
  ];
  // The fingerprint must be read no later than any figure: in the batch, before the percentiles.
  if (fingerprint) statements.push(d1.prepare(casesFingerprintSql).bind(shopId));
  const results = await d1.batch<Row>(statements);
  const counts = (results[5]?.results ?? []) as unknown as CountRow[];
  const sla = await slaMetricsFrom(d1, shopId, range, counts);
  return {
    figures: figuresFrom(results, sla),
    fingerprint: fingerprint ? String(results[6]?.results[0]?.fp ?? '') : '',
  };
}

function figuresFrom(results: D1Result<Row>[], sla: SlaMetrics): CaseFigures {
  const rows = (i: number) => results[i]?.results ?? [];
  return {
    bySku: rows(0),
    byProduct: rows(1),
    totals: rows(2),
    moneyKept: rows(3),
    slaCompliance: rows(4)[0] ?? {},
    sla,
  };
}

/**
 * The figures for this shop and range: from the cache when no case changed since, else fresh. A
 * range with no entry (every uncached view) reads the fingerprint in the figures' own batch: one
 * round trip fewer, and the stored fingerprint is of the very snapshot the figures were read from.
 */
export async function caseFigures(s: Services, shopId: string, range: DateRange, top: number): Promise<CaseFigures> {
  const key = `${shopId}|${range.from}|${range.to}|${top}`;
  const hit = cache.get(key);
  let fingerprint: string;
  if (hit) {
    const row = await s.d1(shopId).prepare(casesFingerprintSql).bind(shopId).first<{ fp: string }>();
    fingerprint = String(row?.fp ?? '');
    if (hit.fingerprint === fingerprint && Date.now() - hit.at < MAX_AGE_MS) return hit.figures;
  }
  const now = Date.now();
  const fresh = await figuresAndFingerprint(s, shopId, range, top, !hit);
  // Read before the figures (a hit gone stale) or with them: a write after makes the next read miss.
  fingerprint = hit ? fingerprint! : fresh.fingerprint;
  cache.delete(key);
  cache.set(key, { fingerprint, at: now, figures: fresh.figures });
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return fresh.figures;
}
