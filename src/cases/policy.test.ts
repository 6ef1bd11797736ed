import { describe, expect, it } from 'vitest';
import { endOfLocalDayAfter, zoneOffset } from './local-time';
import {
  evaluateLines,
  evaluateRequest,
  offeredReasons,
  reasonRule,
  type CustomerHistory,
  type EvaluateInput,
  type LineFacts,
} from './policy';
import { defaultPolicy, type Policy } from './policy-schema';

const DAY = 86_400_000;
const t = (iso: string) => Date.parse(iso);

const line = (over: Partial<LineFacts> = {}): LineFacts => ({
  id: 'l1',
  quantity: 2,
  priceMinor: 2500,
  discountMinor: 0,
  productType: 'Shirts',
  productTags: [],
  ...over,
});
const history = (over: Partial<CustomerHistory> = {}): CustomerHistory => ({
  blocklisted: false,
  tags: [],
  returnCaseTimes: [],
  returnedQuantityByLine: {},
  ...over,
});

function input(over: Partial<EvaluateInput> = {}): EvaluateInput {
  return {
    order: {
      id: 'o1',
      currency: 'USD',
      totalMinor: 5000,
      tags: [],
      processedAt: t('2026-01-01T00:00:00Z'),
      cancelledAt: null,
    },
    lines: [line()],
    shipments: [
      {
        lineItemIds: [],
        shippedAt: t('2026-01-02T00:00:00Z'),
        deliveredAt: t('2026-01-05T15:00:00Z'),
        createdAt: t('2026-01-02T00:00:00Z'),
      },
    ],
    history: history(),
    policy: defaultPolicy(), // 30 days
    now: t('2026-01-10T00:00:00Z'),
    timeZone: 'UTC',
    ...over,
  };
}
const first = (over: Partial<EvaluateInput> = {}) => evaluateLines(input(over))[0]!;

describe("return window, counted in the shop's local days from delivery", () => {
  it.each([
    // delivered 2026-01-05 15:00 UTC; 30 days → returnable through 2026-02-04 23:59:59.999 local
    ['UTC', '2026-02-04T23:59:59.999Z', true],
    ['UTC', '2026-02-05T00:00:00.000Z', false],
    // New York (UTC-5): delivery is 10:00 on Jan 5 local; the last day ends at 05:00Z on Feb 5
    ['America/New_York', '2026-02-05T04:59:59.999Z', true],
    ['America/New_York', '2026-02-05T05:00:00.000Z', false],
    // Tokyo (UTC+9): delivery is 00:00 on Jan 6 local; the last day is Feb 5 local, ends 15:00Z
    ['Asia/Tokyo', '2026-02-05T14:59:59.999Z', true],
    ['Asia/Tokyo', '2026-02-05T15:00:00.000Z', false],
  ])('%s at %s → eligible %s', (timeZone, now, eligible) => {
    const e = first({ timeZone, now: t(now) });
    expect(e.eligible).toBe(eligible);
    if (!eligible) expect(e).toMatchObject({ code: 'outside_window', messageKey: 'policy.outside_window' });
  });

  it('a delivery late in the local evening counts that local day, not the UTC one', () => {
    // 2026-03-01 23:30 in Los Angeles is 07:30Z on 03-02; window 0 days: returnable until LA midnight.
    const deliveredAt = t('2026-03-02T07:30:00Z');
    const policy: Policy = { ...defaultPolicy(), returnWindowDays: 0 };
    const shipments = [{ lineItemIds: [], shippedAt: null, deliveredAt, createdAt: deliveredAt }];
    expect(first({ policy, shipments, timeZone: 'America/Los_Angeles', now: t('2026-03-02T07:59:59Z') }).eligible).toBe(
      true,
    );
    expect(first({ policy, shipments, timeZone: 'America/Los_Angeles', now: t('2026-03-02T08:00:00Z') }).eligible).toBe(
      false,
    );
  });

  it('handles a window that crosses a DST change (New York, 8 March 2026)', () => {
    const from = t('2026-03-01T17:00:00Z'); // noon EST
    const end = endOfLocalDayAfter(from, 10, 'America/New_York'); // end of Mar 11 EDT (UTC-4)
    expect(new Date(end).toISOString()).toBe('2026-03-12T03:59:59.999Z');
    expect(zoneOffset(from, 'America/New_York')).toBe(-5 * 3600_000);
  });

  it('counts from fulfillment when delivery is unknown', () => {
    const shipments = [
      {
        lineItemIds: [],
        shippedAt: t('2026-01-02T12:00:00Z'),
        deliveredAt: null,
        createdAt: t('2026-01-02T12:00:00Z'),
      },
    ];
    expect(first({ shipments, now: t('2026-02-01T23:59:59Z') }).eligible).toBe(true);
    expect(first({ shipments, now: t('2026-02-02T00:00:00Z') })).toMatchObject({
      eligible: false,
      code: 'outside_window',
    });
  });

  it('only counts shipments that carry the line', () => {
    const shipments = [
      {
        lineItemIds: ['other'],
        shippedAt: t('2026-01-02T00:00:00Z'),
        deliveredAt: t('2026-01-03T00:00:00Z'),
        createdAt: 0,
      },
    ];
    expect(first({ shipments })).toMatchObject({ eligible: false, code: 'not_fulfilled' });
  });
});

describe('eligibility rules', () => {
  it.each<[string, Partial<EvaluateInput>, string]>([
    ['eligible by default', {}, 'eligible'],
    ['unfulfilled order', { shipments: [] }, 'not_fulfilled'],
    ['cancelled order', { order: { ...input().order, cancelledAt: 1 } }, 'order_cancelled'],
    ['final-sale product tag', { lines: [line({ productTags: ['Final-Sale'] })] }, 'final_sale'],
    ['final-sale order tag', { order: { ...input().order, tags: ['final-sale'] } }, 'final_sale'],
    ['final-sale product type', { lines: [line({ productType: 'gift card' })] }, 'final_sale'],
    ['all units already returned', { history: history({ returnedQuantityByLine: { l1: 2 } }) }, 'already_returned'],
    ['blocklisted customer', { history: history({ blocklisted: true }) }, 'blocklisted'],
  ])('%s → %s', (_n, over, code) => {
    const e = first(over);
    expect(e.code).toBe(code);
    expect(e.messageKey).toBe(`policy.${code}`);
  });

  it('returnable quantity subtracts units already in other cases', () => {
    expect(first({ history: history({ returnedQuantityByLine: { l1: 1 } }) }).returnableQuantity).toBe(1);
    expect(first().returnableQuantity).toBe(2);
  });

  it.each([
    [0, 600, false], // threshold 0 = never
    [1000, 999, true],
    [1000, 1000, false], // "under" the threshold, strictly
  ])('keep-the-item threshold %i, unit %i → keep %s', (keepItemUnderMinor, priceMinor, keep) => {
    expect(first({ policy: { ...defaultPolicy(), keepItemUnderMinor }, lines: [line({ priceMinor })] }).keepItem).toBe(
      keep,
    );
  });
});

describe('request evaluation: per-reason rules and the decision', () => {
  const req = (over: Partial<Parameters<typeof evaluateRequest>[0]> = {}) =>
    evaluateRequest({
      ...input(),
      items: [{ lineId: 'l1', quantity: 1, reason: 'too_small', photoCount: 0 }],
      resolution: 'refund',
      ...over,
    });

  it.each([
    ['unknown line', [{ lineId: 'nope', quantity: 1, reason: 'too_small', photoCount: 0 }], 'unknown_line'],
    ['unknown reason', [{ lineId: 'l1', quantity: 1, reason: 'bored', photoCount: 0 }], 'unknown_reason'],
    ['more than bought', [{ lineId: 'l1', quantity: 3, reason: 'too_small', photoCount: 0 }], 'quantity_exceeds'],
    [
      'same line twice beyond the quantity',
      [
        { lineId: 'l1', quantity: 1, reason: 'too_small', photoCount: 0 },
        { lineId: 'l1', quantity: 2, reason: 'too_large', photoCount: 0 },
      ],
      'quantity_exceeds',
    ],
    ['damaged without a photo', [{ lineId: 'l1', quantity: 1, reason: 'damaged', photoCount: 0 }], 'photo_required'],
  ])('%s → %s', (_n, items, code) => {
    expect(req({ items }).problems.map((p) => p.code)).toContain(code);
  });

  it('damaged with a photo passes', () => {
    expect(req({ items: [{ lineId: 'l1', quantity: 1, reason: 'damaged', photoCount: 1 }] }).problems).toEqual([]);
  });

  it('a retired reason is no longer offered and a new request naming it is refused; its rules stay readable', () => {
    const policy: Policy = {
      ...defaultPolicy(),
      reasons: defaultPolicy().reasons.map((r) => (r.code === 'too_small' ? { ...r, retired: true } : r)),
    };
    expect(offeredReasons(policy).map((r) => r.code)).not.toContain('too_small');
    expect(offeredReasons(policy)).toHaveLength(defaultPolicy().reasons.length - 1);
    expect(req({ policy }).problems.map((p) => p.code)).toEqual(['unknown_reason']);
    expect(reasonRule(policy, 'too_small')?.retired).toBe(true);
  });

  it('returns the facts its rules were matched against', () => {
    expect(req().facts).toEqual({
      reason: ['too_small'],
      orderValueMinor: input().order.totalMinor,
      itemValueMinor: expect.any(Number),
      customerTag: [],
      productType: expect.any(Array),
      resolution: 'refund',
      customerReturns: 0,
    });
  });

  it('with no auto-approve rule the request goes to review', () => {
    expect(req()).toMatchObject({ decision: 'review', decisionReason: 'no_rule' });
  });

  const autoPolicy: Policy = {
    ...defaultPolicy(),
    autoApprove: [
      { name: 'no fraud-prone', when: [{ field: 'productType', op: 'eq', value: 'Electronics' }], then: 'reject' },
      {
        name: 'small size swaps',
        when: [
          { field: 'reason', op: 'in', value: ['too_small', 'too_large'] },
          { field: 'itemValueMinor', op: 'lte', value: 10_000 },
        ],
        then: 'approve',
      },
    ],
  };
  it.each<[string, Partial<Parameters<typeof evaluateRequest>[0]>, string]>([
    ['matching rule approves', { policy: autoPolicy }, 'approve'],
    ['value above the rule goes to review', { policy: autoPolicy, lines: [line({ priceMinor: 20_000 })] }, 'review'],
    ['reject rule', { policy: autoPolicy, lines: [line({ productType: 'Electronics' })] }, 'reject'],
    ['blocklisted → reject', { policy: autoPolicy, history: history({ blocklisted: true }) }, 'reject'],
  ])('%s', (_n, over, decision) => {
    expect(req(over).decision).toBe(decision);
  });

  it('serial returner: more than N returns in M days goes to review, older ones do not count', () => {
    const now = input().now;
    const policy: Policy = { ...autoPolicy, serialReturner: { maxReturns: 2, windowDays: 30 } };
    const times = (ages: number[]) => history({ returnCaseTimes: ages.map((d) => now - d * DAY) });
    expect(req({ policy, history: times([1]) }).decision).toBe('approve'); // this is return #2
    expect(req({ policy, history: times([1, 29]) })).toMatchObject({
      decision: 'review',
      decisionReason: 'serial_returner',
    }); // #3
    expect(req({ policy, history: times([1, 31]) }).decision).toBe('approve'); // 31 days ago is outside M
  });
});
