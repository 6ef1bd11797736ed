/**
 * Percentiles from bucket counts (the per-day duration rollups, src/db/handling-days.ts): a sum of
 * counts over any days and members, then the nearest rank's bucket, placed at that bucket's mean
 * (each bucket also sums its durations). The true value lies in the same bucket, so the error is
 * at most that bucket's width (the buckets grow about 1.5x each, from one minute to 90 days), and
 * none when a bucket's durations are all alike.
 */

export interface Spread {
  n: number;
  p50Ms: number | null;
  p90Ms: number | null;
}

/** Per bucket: how many durations, and their sum in ms. */
export interface Histogram {
  counts: number[];
  sums: number[];
}

export const emptyHistogram = (buckets: number): Histogram => ({
  counts: new Array<number>(buckets).fill(0),
  sums: new Array<number>(buckets).fill(0),
});

/** `bounds`: each bucket's upper bound in ms (the last bucket, past them, has none). */
export function histogramPercentile(h: Histogram, bounds: readonly number[], p: number): number | null {
  const n = h.counts.reduce((a, b) => a + b, 0);
  if (n <= 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  let below = 0;
  for (let i = 0; i < h.counts.length; i++) {
    const inBucket = h.counts[i] ?? 0;
    if (inBucket > 0 && below + inBucket >= rank) {
      const lower = i === 0 ? 0 : (bounds[i - 1] ?? 0);
      const upper = bounds[i] ?? Number.POSITIVE_INFINITY;
      const mean = Math.round((h.sums[i] ?? 0) / inBucket);
      return Math.min(Math.max(mean, lower), upper - 1);
    }
    below += inBucket;
  }
  return null;
}

export function spreadOf(h: Histogram, bounds: readonly number[]): Spread {
  return {
    n: h.counts.reduce((a, b) => a + b, 0),
    p50Ms: histogramPercentile(h, bounds, 50),
    p90Ms: histogramPercentile(h, bounds, 90),
  };
}

/** Adds histograms bucket by bucket. */
export function addHistograms(a: Histogram, b: Histogram): Histogram {
  const add = (x: number[], y: number[]) =>
    Array.from({ length: Math.max(x.length, y.length) }, (_, i) => (x[i] ?? 0) + (y[i] ?? 0));
  return { counts: add(a.counts, b.counts), sums: add(a.sums, b.sums) };
}
