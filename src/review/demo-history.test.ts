import { describe, expect, it } from 'vitest';
import { DEFECT_REASONS, demoHistoryCatalogue } from './demo-catalogue';
import { type DemoHistory, generateDemoHistory } from './demo-history';
import { initialRateState, step } from './detector';

const DAY = 86_400_000;
const now = Date.parse('2026-03-16T09:00:00Z');

/** Per SKU, per UTC day: lines sold, and defect/damage items on cases opened (as the rollups count). */
function dailyCounts(h: DemoHistory): Map<string, Map<number, { orders: number; hits: number }>> {
  const bySku = new Map<string, Map<number, { orders: number; hits: number }>>();
  const cell = (sku: string, t: number) => {
    const days = bySku.get(sku) ?? bySku.set(sku, new Map()).get(sku)!;
    const day = Math.floor(t / DAY);
    return days.get(day) ?? days.set(day, { orders: 0, hits: 0 }).get(day)!;
  };
  for (const o of h.orders) for (const l of o.lines) cell(l.sku, o.processedAt).orders += l.quantity;
  for (const c of h.cases)
    for (const i of c.items) if (DEFECT_REASONS.includes(i.reason)) cell(i.sku, c.createdAt).hits += i.quantity;
  return bySku;
}

/** Each SKU's defect-rate detector run day by day over the history: the SKUs with an open alert. */
function alarmingSkus(h: DemoHistory): string[] {
  const counts = dailyCounts(h);
  const first = Math.floor(Math.min(...h.orders.map((o) => o.processedAt)) / DAY);
  const alarming: string[] = [];
  for (const { sku } of demoHistoryCatalogue) {
    let state = initialRateState;
    for (let d = first; d <= Math.floor(now / DAY); d++) {
      state = step(state, counts.get(sku)?.get(d) ?? { orders: 0, hits: 0 }).state;
    }
    if (state.open) alarming.push(sku);
  }
  return alarming;
}

describe('demo history', () => {
  const history = generateDemoHistory({ now });

  it('is the same data for the same seed, with ids that do not depend on when it runs', () => {
    expect(generateDemoHistory({ now })).toEqual(history);
    const later = generateDemoHistory({ now: now + 0.5 * DAY });
    expect(later.orders.slice(0, 100).map((o) => o.id)).toEqual(history.orders.slice(0, 100).map((o) => o.id));
    expect(generateDemoHistory({ now, seed: 2 }).orders[0]!.id).not.toBe(history.orders[0]!.id);
  });

  it('spans about 90 days of a realistic shop, clear of the demo orders #1001…#1010', () => {
    const span = (now - Math.min(...history.orders.map((o) => o.processedAt))) / DAY;
    expect(span).toBeGreaterThan(89);
    expect(history.orders.length).toBeGreaterThan(4000);
    expect(history.orders[0]!.name).toBe('#5001');
    expect(history.orders.every((o) => o.processedAt < now && o.email !== 'shopper@example.com')).toBe(true);
    const reasons = new Set(history.cases.flatMap((c) => c.items.map((i) => i.reason)));
    expect([...reasons].sort()).toEqual([
      'changed_mind',
      'damaged',
      'defective',
      'not_as_described',
      'too_large',
      'too_small',
    ]);
    expect(history.cases.some((c) => c.resolution === 'exchange')).toBe(true);
    expect(new Set(history.refunds.map((r) => r.kind))).toEqual(new Set(['refund', 'store_credit']));
    expect(history.surveys.some((s) => s.kind === 'csat' && s.score <= 2 && s.comment)).toBe(true);
    expect(history.cases.some((c) => c.status === 'requested')).toBe(true);
  });

  it('has one SKU whose defect rate jumped two weeks ago, which the detector flags, and no other', () => {
    expect(history.spike).toEqual({ sku: 'TEE-NVY-M', from: now - 14 * DAY });
    expect(alarmingSkus(history)).toEqual(['TEE-NVY-M']);
  });

  it('raises no alarm without the spike', () => {
    expect(
      alarmingSkus(generateDemoHistory({ now, spike: { sku: 'TEE-NVY-M', defectiveRate: 0.008, daysAgo: 14 } })),
    ).toEqual([]);
  });
});
