/**
 * Reads one review week (and the four before it) for `composeWeeklyReview`, in one D1 batch.
 */
import { handlingStatements, type MemberHandling, memberHandling } from '../db/handling-range';
import { reasonRangeParams } from '../db/range-queries';
import type { ProblemCount, ReviewInputs, WeekCounts } from './figures';
import * as q from './review-queries';
import { addWeeks, formatIsoWeek, type IsoWeek, weekRange } from './week';

type Row = Record<string, number | string | null>;
const num = (v: unknown) => (typeof v === 'number' ? v : v === null || v === undefined ? 0 : Number(v));
/** Every (SKU, reason) pair of a week: the figures rank and cut them. */
const ALL_PAIRS = 100_000;
export const PREVIOUS_WEEKS = 4;
/** Statements per week in `weekCountStatements`. */
const WEEK_READS = 4;

function rangeBinds(shopId: string, range: { from: number; to: number }) {
  return [shopId, range.from, range.to, ALL_PAIRS, ...reasonRangeParams(range)] as const;
}

function weekCountStatements(d1: D1Database, shopId: string, range: { from: number; to: number }) {
  const base = [shopId, range.from, range.to] as const;
  return [
    d1.prepare(q.ordersPlaced).bind(...base),
    d1.prepare(q.casesOpened).bind(...base),
    d1.prepare(q.problemsBySku).bind(...rangeBinds(shopId, range)),
    d1.prepare(q.reasonTotals).bind(...rangeBinds(shopId, range)),
  ];
}

function detailStatements(d1: D1Database, shopId: string, range: { from: number; to: number }) {
  const base = [shopId, range.from, range.to] as const;
  const rolled = rangeBinds(shopId, range);
  return [
    d1.prepare(q.slaByTier).bind(...rolled),
    d1.prepare(q.breachedCases).bind(...base),
    d1.prepare(q.surveyCounts).bind(...base),
    d1.prepare(q.lowScores).bind(...base),
    d1.prepare(q.moneyOut).bind(...base),
    d1.prepare(q.rolledMoneyKept).bind(...rolled),
    d1.prepare(q.labelCosts).bind(...base),
    d1.prepare(q.memberNames).bind(shopId),
    ...handlingStatements(d1, shopId, range),
  ];
}

const problems = (rows: Row[]): ProblemCount[] =>
  rows.map((r) => ({ sku: String(r.sku), reason: String(r.reason), quantity: num(r.quantity), cases: num(r.cases) }));

function weekCounts(results: D1Result<Row>[], at: number): WeekCounts {
  return {
    orders: num(results[at]?.results[0]?.n),
    cases: num(results[at + 1]?.results[0]?.n),
    problems: problems(results[at + 2]?.results ?? []),
    reasons: (results[at + 3]?.results ?? []).map((r) => ({
      reason: String(r.reason),
      quantity: num(r.quantity),
      cases: num(r.cases),
    })),
  };
}

function slaInputs(tiers: Row[], handling: MemberHandling[], breached: Row[]): ReviewInputs['sla'] {
  const byTier = tiers.map((r) => ({ tier: num(r.tier), cases: num(r.cases), breached: num(r.breached) }));
  return {
    cases: byTier.reduce((a, t) => a + t.cases, 0),
    breached: byTier.reduce((a, t) => a + t.breached, 0),
    byTier,
    byMember: handling
      .filter((h) => h.counts.slaCases !== 0)
      .map((h) => ({ member: h.member, cases: h.counts.slaCases, breached: h.counts.breached })),
    breachedCaseIds: breached.map((r) => String(r.id)),
  };
}

function surveyInputs(counts: Row[], low: Row[]): ReviewInputs['surveys'] {
  const kind = (k: string) => counts.find((r) => r.kind === k) ?? {};
  const csat = kind('csat');
  const nps = kind('nps');
  const ces = kind('ces');
  return {
    csat: { responses: num(csat.n), satisfied: num(csat.satisfied) },
    nps: { responses: num(nps.n), promoters: num(nps.promoters), detractors: num(nps.detractors) },
    ces: { responses: num(ces.n), scoreSum: num(ces.score_sum) },
    lowScores: low.map((r) => ({
      kind: r.kind as 'csat' | 'nps' | 'ces',
      score: num(r.score),
      comment: r.comment === null ? null : String(r.comment),
      caseId: r.case_id === null ? null : String(r.case_id),
    })),
  };
}

function moneyInputs(out: Row[], kept: Row[]): ReviewInputs['money'] {
  const byCurrency = new Map<string, ReviewInputs['money'][number]>();
  const bucket = (currency: string) => {
    const m = byCurrency.get(currency) ?? { currency, refunded: 0, storeCredit: 0, exchanged: 0, fees: 0 };
    byCurrency.set(currency, m);
    return m;
  };
  for (const r of out) {
    const m = bucket(String(r.currency));
    if (r.kind === 'store_credit') m.storeCredit += num(r.amount);
    else m.refunded += num(r.amount);
  }
  for (const r of kept) {
    const m = bucket(String(r.currency));
    m.exchanged += num(r.exchanged);
    m.fees += num(r.fees);
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

export async function loadReviewInputs(d1: D1Database, shopId: string, zone: string, week: IsoWeek) {
  const range = weekRange(zone, week);
  const before = Array.from({ length: PREVIOUS_WEEKS }, (_, i) => weekRange(zone, addWeeks(week, -(i + 1))));
  const statements = [
    ...weekCountStatements(d1, shopId, range),
    ...before.flatMap((r) => weekCountStatements(d1, shopId, r)),
    ...detailStatements(d1, shopId, range),
  ];
  const results = await d1.batch<Row>(statements);
  const rows = (i: number) => results[i]?.results ?? [];
  const detail = WEEK_READS * (PREVIOUS_WEEKS + 1);
  const handling = memberHandling(rows(detail + 8), rows(detail + 9));
  const inputs: ReviewInputs = {
    week: formatIsoWeek(week),
    ...weekCounts(results, 0),
    previous: before.map((_, i) => weekCounts(results, WEEK_READS * (i + 1))),
    sla: slaInputs(rows(detail), handling, rows(detail + 1)),
    surveys: surveyInputs(rows(detail + 2), rows(detail + 3)),
    money: moneyInputs(rows(detail + 4), rows(detail + 5)),
    labels: rows(detail + 6).map((r) => ({ currency: String(r.currency), amount: num(r.amount), count: num(r.n) })),
    members: rows(detail + 7).map((r) => ({ id: String(r.id), name: String(r.name) })),
    handling,
  };
  return { inputs, range };
}
