import { describe, expect, it } from 'vitest';
import { classify, raisePriority, type ClassifyInput } from './classify';
import { defaultPolicy, type Policy } from './policy-schema';

const input = (over: Partial<ClassifyInput> = {}): ClassifyInput => ({
  policy: defaultPolicy(),
  reasons: ['too_small'],
  resolution: 'refund',
  orderValueMinor: 5000,
  itemValueMinor: 2500,
  customerTags: [],
  customerVip: false,
  productTypes: ['Shirts'],
  recentContacts: 0,
  customerReturns: 0,
  ...over,
});

describe('classify: type', () => {
  it.each([
    [{ reasons: ['too_small'], resolution: 'refund' }, 'return'],
    [{ reasons: ['too_small'], resolution: 'exchange' }, 'exchange'],
    [{ reasons: ['defective'], resolution: 'refund' }, 'warranty'],
    [{ reasons: ['too_small'], complaint: true }, 'complaint'],
  ] as const)('%o → %s', (over, type) => {
    expect(classify(input(over as unknown as Partial<ClassifyInput>)).type).toBe(type);
  });
});

describe('classify: priority', () => {
  it.each([
    ['plain size swap', {}, 'normal'],
    ['defective item (reason priority high)', { reasons: ['defective'] }, 'high'],
    ['wrong item', { reasons: ['wrong_item'] }, 'high'],
    ['VIP tag', { customerTags: ['vip'] }, 'high'],
    ['VIP flag', { customerVip: true }, 'high'],
    ['high-value order (at the threshold)', { orderValueMinor: 50_000 }, 'high'],
    ['just under the high-value threshold', { orderValueMinor: 49_999 }, 'normal'],
    ['repeat contact', { recentContacts: 1 }, 'high'],
    ['VIP repeat contact', { customerVip: true, recentContacts: 2 }, 'urgent'],
    ['defective for a VIP', { reasons: ['defective'], customerVip: true }, 'urgent'],
    [
      'three signals cap at urgent',
      { reasons: ['defective'], customerVip: true, recentContacts: 1, orderValueMinor: 90_000 },
      'urgent',
    ],
  ] as const)('%s → %s', (_name, over, priority) => {
    expect(classify(input(over as unknown as Partial<ClassifyInput>)).priority).toBe(priority);
  });

  it('raisePriority climbs one step and stops at urgent', () => {
    expect(['low', 'normal', 'high', 'urgent'].map((p) => raisePriority(p as never))).toEqual([
      'normal',
      'high',
      'urgent',
      'urgent',
    ]);
  });
});

describe('classify: tier via the merchant routing rules', () => {
  const policy: Policy = {
    ...defaultPolicy(),
    routing: [
      {
        name: 'warranty specialists',
        when: [{ field: 'reason', op: 'in', value: ['defective', 'damaged'] }],
        tier: 2,
        assignee: 'team:warranty',
      },
      {
        name: 'big orders to managers',
        when: [{ field: 'orderValueMinor', op: 'gte', value: 100_000 }],
        tier: 3,
        priority: 'urgent',
      },
    ],
  };
  it.each([
    [{}, 1, null, 'normal'],
    [{ reasons: ['defective'] }, 2, 'team:warranty', 'high'],
    [{ orderValueMinor: 100_000 }, 3, null, 'urgent'],
    // first matching rule wins
    [{ reasons: ['damaged'], orderValueMinor: 200_000 }, 2, 'team:warranty', 'urgent'],
  ] as const)('%o → tier %i', (over, tier, assignee, priority) => {
    const c = classify(input({ ...(over as unknown as Partial<ClassifyInput>), policy }));
    expect(c.tier).toBe(tier);
    expect(c.assignee).toBe(assignee);
    expect(c.priority).toBe(priority);
  });

  it('complaints start at tier 2 when no rule routes them', () => {
    expect(classify(input({ complaint: true })).tier).toBe(2);
  });
});
