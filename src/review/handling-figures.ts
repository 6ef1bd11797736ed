/**
 * First-contact resolution, handling times, satisfaction and volume from the handling rollups
 * (src/db/handling-range.ts), for the whole shop and per member; and what the week cost. Pure.
 *
 * First-contact resolution: of the cases done (resolved or closed), the share never reopened that
 * needed at most one reply to the customer. Handling time: first reply and resolution (median and
 * 90th percentile, from the duration buckets). Agent time is not measured: nothing records how long
 * a member spends on a case, so the review shows replies sent as the measure of work instead.
 */
import { addCounts, DURATION_BOUNDS_MS, emptyCounts, type MemberHandling } from '../db/handling-range';
import { addHistograms, type Spread, spreadOf } from '../lib/duration-histogram';

export interface HandlingFigures {
  cases: number;
  done: number;
  firstContact: number;
  /** firstContact ÷ done; null when nothing was done. */
  firstContactRate: number | null;
  reopened: number;
  replies: number;
  repliesPerCase: number | null;
  firstReply: Spread;
  resolution: Spread;
  sla: { cases: number; breached: number; compliance: number | null };
  csat: { responses: number; average: number | null; satisfied: number | null };
}

export interface MemberFigureLine extends HandlingFigures {
  /** Member id, '' for cases nobody was assigned. */
  member: string;
  /** The member's name; null for unassigned (and the id itself for a member since deleted). */
  name: string | null;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function handlingFigures(h: Pick<MemberHandling, 'counts' | 'firstReply' | 'resolution'>): HandlingFigures {
  const c = h.counts;
  return {
    cases: c.cases,
    done: c.done,
    firstContact: c.firstContact,
    firstContactRate: ratio(c.firstContact, c.done),
    reopened: c.reopened,
    replies: c.replies,
    repliesPerCase: ratio(c.replies, c.cases),
    firstReply: spreadOf(h.firstReply, DURATION_BOUNDS_MS),
    resolution: spreadOf(h.resolution, DURATION_BOUNDS_MS),
    sla: { cases: c.slaCases, breached: c.breached, compliance: ratio(c.slaCases - c.breached, c.slaCases) },
    csat: { responses: c.csatN, average: ratio(c.csatSum, c.csatN), satisfied: ratio(c.csatSatisfied, c.csatN) },
  };
}

/** Everyone's rows summed: the shop's (or a tier's) figures. */
export function combined(rows: readonly MemberHandling[]): MemberHandling {
  return rows.reduce<MemberHandling>(
    (a, r) => ({
      member: a.member,
      counts: addCounts(a.counts, r.counts),
      firstReply: addHistograms(a.firstReply, r.firstReply),
      resolution: addHistograms(a.resolution, r.resolution),
    }),
    { member: '', counts: emptyCounts(), firstReply: [], resolution: [] },
  );
}

export function nameOf(names: ReadonlyMap<string, string>, member: string): string | null {
  return member === '' ? null : (names.get(member) ?? member);
}

export function handlingReview(rows: readonly MemberHandling[], names: ReadonlyMap<string, string>) {
  return {
    overall: handlingFigures(combined(rows)),
    byMember: rows.map((r) => ({ member: r.member, name: nameOf(names, r.member), ...handlingFigures(r) })),
  };
}

export interface CostInputs {
  currency: string;
  refunded: number;
  storeCredit: number;
  /** Return labels bought for the week's cases (not refunded by the carrier). */
  labels: number;
  labelCount: number;
}

export interface CostLine extends CostInputs {
  total: number;
}

/** What the week cost, per currency: money paid back, credit given, labels bought. Minor units. */
export function weekCost(
  money: ReadonlyArray<{ currency: string; refunded: number; storeCredit: number }>,
  labels: ReadonlyArray<{ currency: string; amount: number; count: number }>,
): CostLine[] {
  const byCurrency = new Map<string, CostInputs>();
  const bucket = (currency: string) => {
    const c = byCurrency.get(currency) ?? { currency, refunded: 0, storeCredit: 0, labels: 0, labelCount: 0 };
    byCurrency.set(currency, c);
    return c;
  };
  for (const m of money) Object.assign(bucket(m.currency), { refunded: m.refunded, storeCredit: m.storeCredit });
  for (const l of labels) Object.assign(bucket(l.currency), { labels: l.amount, labelCount: l.count });
  return [...byCurrency.values()]
    .map((c) => ({ ...c, total: c.refunded + c.storeCredit + c.labels }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}
