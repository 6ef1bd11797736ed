import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DURATION_BUCKETS_MIN } from '../db/handling-days';
import { addHistograms, emptyHistogram, histogramPercentile, spreadOf } from './duration-histogram';

const bounds = DURATION_BUCKETS_MIN.map((m) => m * 60_000);
const bucketOf = (ms: number) => {
  const i = bounds.findIndex((b) => ms < b);
  return i === -1 ? bounds.length : i;
};
const histogram = (values: number[]) => {
  const h = emptyHistogram(bounds.length + 1);
  for (const v of values) {
    h.counts[bucketOf(v)]! += 1;
    h.sums[bucketOf(v)]! += v;
  }
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
    expect(spreadOf(emptyHistogram(3), bounds)).toEqual({ n: 0, p50Ms: null, p90Ms: null });
    expect(addHistograms({ counts: [1, 2], sums: [5, 6] }, { counts: [3, 4, 5], sums: [7, 8, 9] })).toEqual({
      counts: [4, 6, 5],
      sums: [12, 14, 9],
    });
    // Ten replies of 75 minutes: exact, since a bucket of like values has them as its mean.
    expect(histogramPercentile(histogram(Array.from({ length: 10 }, () => 75 * 60_000)), bounds, 50)).toBe(75 * 60_000);
    // Past the last bound: the mean of what is there.
    expect(histogramPercentile(histogram([200 * 86_400_000]), bounds, 90)).toBe(200 * 86_400_000);
  });
});
