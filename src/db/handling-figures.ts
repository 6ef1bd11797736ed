/**
 * First-contact resolution, handling times, satisfaction and volume from the handling rollups
 * (src/db/handling-range.ts), for the whole shop and per member (the weekly review, each member's figures). Pure.
 *
 * First-contact resolution: of the cases done (resolved or closed), the share never reopened that
 * needed at most one reply to the customer. Handling time: first reply and resolution (median and
 * 90th percentile, from the duration buckets). Agent time is not measured: nothing records how long
 * a member spends on a case, so the review shows replies sent as the measure of work instead.
 */
import { addCounts, DURATION_BOUNDS_MS, emptyCounts, type MemberHandling } from './handling-range';
import { addHistograms, emptyHistogram, type Spread, spreadOf } from '../lib/duration-histogram';

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
    { member: '', counts: emptyCounts(), firstReply: emptyHistogram(0), resolution: emptyHistogram(0) },
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
