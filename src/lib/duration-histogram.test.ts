import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DURATION_BUCKETS_MIN } from '../db/handling-days';
import { addHistograms, histogramPercentile, spreadOf } from './duration-histogram';

const bounds = DURATION_BUCKETS_MIN.map((m) => m * 60_000);
const bucketOf = (ms: number) => {
  const i = bounds.findIndex((b) => ms < b);
  return i === -1 ? bounds.length : i;
};
const histogram = (values: number[]) => {
  const h = new Array<number>(bounds.length + 1).fill(0);
  for (const v of values) h[bucketOf(v)]! += 1;
  return h;
};

describe('percentiles from duration buckets', () => {
  it('land in the bucket of the exact nearest-rank percentile', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 120 * 86_400_000 }), { minLength: 1, maxLength: 300 }),
        (values) => {
          const sorted = [...values].sort((a, b) => a - b);
          for (const p of [50, 90]) {
            const exact = sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
            const estimate = histogramPercentile(histogram(values), bounds, p)!;
            expect(bucketOf(estimate)).toBe(bucketOf(exact));
          }
        },
      ),
    );
  });

  it('is null without values, and sums histograms bucket by bucket', () => {
    expect(spreadOf([0, 0, 0], bounds)).toEqual({ n: 0, p50Ms: null, p90Ms: null });
    expect(addHistograms([1, 2], [3, 4, 5])).toEqual([4, 6, 5]);
    // Ten replies between 60 and 90 minutes: the median sits inside that bucket.
    const h = histogram(Array.from({ length: 10 }, () => 75 * 60_000));
    const median = histogramPercentile(h, bounds, 50)!;
    expect(median).toBeGreaterThanOrEqual(60 * 60_000);
    expect(median).toBeLessThan(90 * 60_000);
  });
});
