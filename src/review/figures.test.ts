import { describe, expect, it } from 'vitest';
import { DURATION_BUCKETS_MIN } from '../db/handling-days';
import { emptyCounts, type HandlingCounts, type MemberHandling } from '../db/handling-range';
import { emptyHistogram, type Histogram } from '../lib/duration-histogram';
import { composeWeeklyReview, type ReviewInputs, type WeekCounts } from './figures';

const HOUR = 3_600_000;
/** A histogram with `n` values of `ms` each. */
function times(...pairs: Array<[ms: number, n: number]>): Histogram {
  const h = emptyHistogram(DURATION_BUCKETS_MIN.length + 1);
  for (const [ms, n] of pairs) {
    const found = DURATION_BUCKETS_MIN.findIndex((m) => ms < m * 60_000);
    const i = found === -1 ? DURATION_BUCKETS_MIN.length : found;
    h.counts[i]! += n;
    h.sums[i]! += n * ms;
  }
  return h;
}
const handled = (
  member: string,
  c: Partial<HandlingCounts>,
  firstReply: Histogram,
  resolution: Histogram,
): MemberHandling => ({
  member,
  counts: { ...emptyCounts(), ...c },
  firstReply,
  resolution,
});

const week = (orders: number, cases: number, problems: WeekCounts['problems']): WeekCounts => ({
  orders,
  cases,
  problems,
});

const input: ReviewInputs = {
  week: '2026-W07',
  ...week(200, 10, [
    { sku: 'TEE-NVY-M', reason: 'defective', quantity: 6, cases: 5 },
    { sku: 'TEE-NVY-M', reason: 'too_small', quantity: 2, cases: 2 },
    { sku: 'MUG-WHT', reason: 'damaged', quantity: 3, cases: 3 },
  ]),
  sla: {
    cases: 10,
    breached: 2,
    byTier: [
      { tier: 1, cases: 8, breached: 1 },
      { tier: 2, cases: 2, breached: 1 },
    ],
    byMember: [{ member: 'mem_ana', cases: 0, breached: 0 }],
    breachedCaseIds: ['case_a', 'case_b'],
  },
  surveys: {
    csat: { responses: 8, satisfied: 6 },
    nps: { responses: 7, promoters: 3, detractors: 2 },
    ces: { responses: 3, scoreSum: 10 },
    lowScores: [{ kind: 'csat', score: 1, comment: 'Seams came apart', caseId: 'case_a' }],
  },
  money: [{ currency: 'EUR', refunded: 5000, storeCredit: 1500, exchanged: 2500, fees: 300 }],
  labels: [
    { currency: 'EUR', amount: 1200, count: 2 },
    { currency: 'USD', amount: 650, count: 1 },
  ],
  members: [{ id: 'mem_ana', name: 'Ana Agent' }],
  handling: [
    handled('', { cases: 2, done: 1, firstContact: 1, replies: 1 }, times([30 * 60_000, 1]), times([20 * HOUR, 1])),
    handled(
      'mem_ana',
      { cases: 8, done: 6, firstContact: 3, reopened: 1, replies: 12, csatN: 4, csatSum: 18, csatSatisfied: 3 },
      times([70 * 60_000, 8]),
      times([20 * HOUR, 3], [50 * HOUR, 3]),
    ),
    handled('mem_gone', { cases: 1 }, times(), times()),
  ],
  previous: [
    week(180, 6, [
      { sku: 'TEE-NVY-M', reason: 'defective', quantity: 1, cases: 1 },
      { sku: 'TEE-NVY-M', reason: 'too_small', quantity: 3, cases: 3 },
    ]),
    week(190, 5, [{ sku: 'TEE-NVY-M', reason: 'defective', quantity: 3, cases: 3 }]),
    week(170, 4, []),
    week(210, 7, [{ sku: 'TEE-NVY-M', reason: 'too_small', quantity: 1, cases: 1 }]),
    week(999, 99, [{ sku: 'MUG-WHT', reason: 'damaged', quantity: 50, cases: 50 }]),
  ],
};

describe('composeWeeklyReview', () => {
  const review = composeWeeklyReview(input);

  it('reports volume and the contact rate (cases ÷ orders)', () => {
    expect(review.volume).toEqual({ orders: 200, cases: 10, previousCases: 6 });
    expect(review.contactRate).toBe(0.05);
  });

  it('ranks problems by SKU and reason with the change against last week and the four-week average', () => {
    expect(review.topProblems[0]).toEqual({
      sku: 'TEE-NVY-M',
      reason: 'defective',
      quantity: 6,
      cases: 5,
      previous: 1,
      change: 5,
      fourWeekAverage: 1, // (1 + 3 + 0 + 0) / 4; the fifth week back is outside the average
      changeVsAverage: 5,
    });
    expect(review.topProblems.map((p) => `${p.sku} ${p.reason}`)).toEqual([
      'TEE-NVY-M defective',
      'MUG-WHT damaged',
      'TEE-NVY-M too_small',
    ]);
    expect(review.topProblems[2]).toMatchObject({ previous: 3, change: -1, fourWeekAverage: 1, changeVsAverage: 1 });
  });

  it('totals reasons across SKUs', () => {
    expect(review.topReasons.map((r) => [r.reason, r.quantity, r.previous])).toEqual([
      ['defective', 6, 1],
      ['damaged', 3, 0],
      ['too_small', 2, 3],
    ]);
    expect(review.topReasons[0]!.sku).toBeNull();
  });

  it('lists problems new this week: none of them in the four weeks before', () => {
    expect(review.newProblems.map((p) => `${p.sku} ${p.reason}`)).toEqual(['MUG-WHT damaged']);
    expect(composeWeeklyReview({ ...input, previous: [] }).newProblems).toEqual([]);
  });

  it('computes SLA compliance overall, by tier and by member', () => {
    expect(review.sla.compliance).toBe(0.8);
    expect(review.sla.byTier.map((t) => t.compliance)).toEqual([0.875, 0.5]);
    expect(review.sla.byMember[0]!.compliance).toBeNull();
    expect(review.sla.breachedCaseIds).toEqual(['case_a', 'case_b']);
  });

  it('scores CSAT (% satisfied), NPS (promoters − detractors) and CES (average effort)', () => {
    expect(review.satisfaction.csat).toEqual({ responses: 8, score: 75 });
    expect(review.satisfaction.nps).toEqual({ responses: 7, score: 14.3 });
    expect(review.satisfaction.ces).toEqual({ responses: 3, average: 3.3 });
    expect(review.satisfaction.lowScores).toHaveLength(1);
  });

  it('adds up the money kept: exchanges, store credit and fees', () => {
    expect(review.money).toEqual([
      { currency: 'EUR', refunded: 5000, storeCredit: 1500, exchanged: 2500, fees: 300, kept: 4300 },
    ]);
  });

  it('names members instead of ids, and says when nobody was assigned', () => {
    expect(review.sla.byMember.map((m) => [m.member, m.name])).toEqual([['mem_ana', 'Ana Agent']]);
    expect(review.handling.byMember.map((m) => m.name)).toEqual([null, 'Ana Agent', 'mem_gone']);
  });

  it('counts first-contact resolution over the cases done, and handling times from the buckets', () => {
    const all = review.handling.overall;
    expect([all.cases, all.done, all.firstContact, all.firstContactRate]).toEqual([11, 7, 4, 4 / 7]);
    expect(all.firstReply.n).toBe(9);
    // Eight of nine first replies took 60–90 minutes: so did the median and the 90th percentile.
    for (const v of [all.firstReply.p50Ms!, all.firstReply.p90Ms!]) {
      expect(v).toBeGreaterThanOrEqual(60 * 60_000);
      expect(v).toBeLessThan(90 * 60_000);
    }
    const ana = review.handling.byMember[1]!;
    expect(ana.resolution.p50Ms).toBeGreaterThanOrEqual(20 * HOUR);
    expect(ana.resolution.p50Ms).toBeLessThan(24 * HOUR);
    expect(ana.resolution.p90Ms).toBeGreaterThanOrEqual(48 * HOUR);
    expect(ana.csat).toEqual({ responses: 4, average: 4.5, satisfied: 0.75 });
    expect(ana.repliesPerCase).toBe(1.5);
  });

  it('adds up what the week cost: refunds, store credit and return labels, per currency', () => {
    expect(review.cost).toEqual([
      { currency: 'EUR', refunded: 5000, storeCredit: 1500, labels: 1200, labelCount: 2, total: 7700 },
      { currency: 'USD', refunded: 0, storeCredit: 0, labels: 650, labelCount: 1, total: 650 },
    ]);
  });

  it('has no rates when nothing was sold or answered', () => {
    const empty = composeWeeklyReview({
      ...input,
      ...week(0, 0, []),
      surveys: {
        csat: { responses: 0, satisfied: 0 },
        nps: { responses: 0, promoters: 0, detractors: 0 },
        ces: { responses: 0, scoreSum: 0 },
        lowScores: [],
      },
      previous: [],
    });
    expect([
      empty.contactRate,
      empty.satisfaction.csat.score,
      empty.satisfaction.nps.score,
      empty.volume.previousCases,
    ]).toEqual([null, null, null, null]);
  });
});
