import type { MemberHandling } from '../db/handling-range';
import {
  type CostLine,
  type HandlingFigures,
  handlingReview,
  type MemberFigureLine,
  nameOf,
  weekCost,
} from './handling-figures';

/**
 * The weekly review's figures, composed from counts already aggregated per week (read from the
 * per-day rollups: case_reason_days, case_sla_days, case_money_days, surveys, refunds). Pure: the
 * caller fetches this week and up to four weeks before it; `WeeklyReview` is what
 * `GET /api/admin/reviews` serves and what the stored review keeps.
 */
export interface ProblemCount {
  sku: string;
  reason: string;
  /** Items asked back. */
  quantity: number;
  cases: number;
}

export interface SlaCount {
  cases: number;
  breached: number;
}

export interface WeekCounts {
  orders: number;
  cases: number;
  problems: ProblemCount[];
  /**
   * Per reason over every SKU. Optional: summed from `problems` when absent, but then a case
   * asking back two SKUs for one reason counts twice in `cases`; the rollup's reason rows do not.
   */
  reasons?: Array<{ reason: string; quantity: number; cases: number }>;
}

export interface LowScore {
  kind: 'csat' | 'nps' | 'ces';
  score: number;
  comment: string | null;
  caseId: string | null;
}

export interface MoneyCount {
  currency: string;
  refunded: number;
  storeCredit: number;
  exchanged: number;
  fees: number;
}

export interface ReviewInputs extends WeekCounts {
  week: string;
  sla: SlaCount & {
    byTier: Array<SlaCount & { tier: number }>;
    byMember: Array<SlaCount & { member: string }>;
    breachedCaseIds: string[];
  };
  surveys: {
    csat: { responses: number; satisfied: number };
    nps: { responses: number; promoters: number; detractors: number };
    ces: { responses: number; scoreSum: number };
    lowScores: LowScore[];
  };
  /** Minor units per currency. */
  money: MoneyCount[];
  /** Per member (and '' unassigned): handling counts and duration histograms, from the rollups. */
  handling: MemberHandling[];
  /** The shop's members, to show names instead of ids. */
  members: Array<{ id: string; name: string }>;
  /** Return labels bought for the week's cases, per currency (minor units). */
  labels: Array<{ currency: string; amount: number; count: number }>;
  /** The weeks before, newest first; the first four make the four-week average. */
  previous: WeekCounts[];
}

export interface ProblemLine {
  sku: string | null;
  reason: string;
  quantity: number;
  cases: number;
  /** Quantity the week before (0 when none). */
  previous: number;
  change: number;
  fourWeekAverage: number | null;
  changeVsAverage: number | null;
}

type WithCompliance<T> = T & SlaCount & { compliance: number | null };

export interface WeeklyReview {
  week: string;
  volume: { orders: number; cases: number; previousCases: number | null };
  /** Cases ÷ orders. */
  contactRate: number | null;
  topProblems: ProblemLine[];
  topReasons: ProblemLine[];
  newProblems: ProblemLine[];
  sla: WithCompliance<{
    byTier: Array<WithCompliance<{ tier: number }>>;
    byMember: Array<WithCompliance<{ member: string; name: string | null }>>;
    breachedCaseIds: string[];
  }>;
  /** First-contact resolution and handling times, for the shop and per member. */
  handling: { overall: HandlingFigures; byMember: MemberFigureLine[] };
  /** Refunds, store credit and return labels: what the week's after-sales cost. */
  cost: CostLine[];
  satisfaction: {
    csat: { responses: number; score: number | null };
    nps: { responses: number; score: number | null };
    ces: { responses: number; average: number | null };
    lowScores: LowScore[];
  };
  money: Array<MoneyCount & { kept: number }>;
}

export const TOP_PROBLEMS = 10;
const AVERAGE_WEEKS = 4;

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const oneDecimal = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const pairKey = (p: { sku: string | null; reason: string }) => `${p.sku ?? ''}\u0000${p.reason}`;

function quantities(problems: ProblemCount[], byReasonOnly: boolean): Map<string, ProblemCount> {
  const out = new Map<string, ProblemCount>();
  for (const p of problems) {
    const sku = byReasonOnly ? '' : p.sku;
    const key = pairKey({ sku, reason: p.reason });
    const seen = out.get(key) ?? { sku, reason: p.reason, quantity: 0, cases: 0 };
    out.set(key, { ...seen, quantity: seen.quantity + p.quantity, cases: seen.cases + p.cases });
  }
  return out;
}

const counted = (w: WeekCounts, byReasonOnly: boolean): ProblemCount[] =>
  byReasonOnly && w.reasons ? w.reasons.map((r) => ({ ...r, sku: '' })) : w.problems;

function problemLines(current: WeekCounts, previous: WeekCounts[], byReasonOnly: boolean): ProblemLine[] {
  const now = quantities(counted(current, byReasonOnly), byReasonOnly);
  const before = previous.slice(0, AVERAGE_WEEKS).map((w) => quantities(counted(w, byReasonOnly), byReasonOnly));
  const lines = [...now.values()].map((p) => {
    const history = before.map((w) => w.get(pairKey(p))?.quantity ?? 0);
    const previousQuantity = history[0] ?? 0;
    const average = history.length > 0 ? history.reduce((a, b) => a + b, 0) / history.length : null;
    return {
      sku: byReasonOnly ? null : p.sku,
      reason: p.reason,
      quantity: p.quantity,
      cases: p.cases,
      previous: previousQuantity,
      change: p.quantity - previousQuantity,
      fourWeekAverage: average,
      changeVsAverage: average === null ? null : p.quantity - average,
    };
  });
  return lines.sort(
    (a, b) => b.quantity - a.quantity || (a.sku ?? '').localeCompare(b.sku ?? '') || a.reason.localeCompare(b.reason),
  );
}

/** A (SKU, reason) seen this week and in none of the (up to four) weeks before; none without history. */
function newProblems(lines: ProblemLine[], previous: WeekCounts[]): ProblemLine[] {
  if (previous.length === 0) return [];
  return lines.filter((l) => l.quantity > 0 && l.previous === 0 && l.fourWeekAverage === 0);
}

const withCompliance = <T extends SlaCount>(c: T): T & { compliance: number | null } => ({
  ...c,
  compliance: ratio(c.cases - c.breached, c.cases),
});

function satisfaction(s: ReviewInputs['surveys']): WeeklyReview['satisfaction'] {
  const csat = ratio(100 * s.csat.satisfied, s.csat.responses);
  const nps = ratio(100 * (s.nps.promoters - s.nps.detractors), s.nps.responses);
  return {
    csat: { responses: s.csat.responses, score: oneDecimal(csat) },
    nps: { responses: s.nps.responses, score: oneDecimal(nps) },
    ces: { responses: s.ces.responses, average: oneDecimal(ratio(s.ces.scoreSum, s.ces.responses)) },
    lowScores: s.lowScores,
  };
}

export function composeWeeklyReview(input: ReviewInputs, top = TOP_PROBLEMS): WeeklyReview {
  const pairs = problemLines(input, input.previous, false);
  const names = new Map(input.members.map((m) => [m.id, m.name]));
  return {
    week: input.week,
    volume: { orders: input.orders, cases: input.cases, previousCases: input.previous[0]?.cases ?? null },
    contactRate: ratio(input.cases, input.orders),
    topProblems: pairs.slice(0, top),
    topReasons: problemLines(input, input.previous, true),
    newProblems: newProblems(pairs, input.previous),
    sla: {
      ...withCompliance({ cases: input.sla.cases, breached: input.sla.breached }),
      byTier: input.sla.byTier.map(withCompliance),
      byMember: input.sla.byMember.map((m) => withCompliance({ ...m, name: nameOf(names, m.member) })),
      breachedCaseIds: input.sla.breachedCaseIds,
    },
    satisfaction: satisfaction(input.surveys),
    // What the shop kept rather than paid back: the dashboard's definition (exchanges + credit + fees).
    money: input.money.map((m) => ({ ...m, kept: m.exchanged + m.storeCredit + m.fees })),
    handling: handlingReview(input.handling, names),
    cost: weekCost(input.money, input.labels),
  };
}
