/**
 * Percentiles from bucket counts (the per-day duration rollups, src/db/handling-days.ts): a sum of
 * counts over any days and members, then the nearest rank's bucket, interpolated linearly inside
 * it. The true value lies in the same bucket, so the error is at most that bucket's width (the
 * buckets grow about 1.5x each, from one minute to 90 days).
 */

export interface Spread {
  n: number;
  p50Ms: number | null;
  p90Ms: number | null;
}

/** `bounds`: each bucket's upper bound in ms (the last bucket, past them, has none). */
export function histogramPercentile(counts: readonly number[], bounds: readonly number[], p: number): number | null {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n <= 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  let below = 0;
  for (let i = 0; i < counts.length; i++) {
    const inBucket = counts[i] ?? 0;
    if (inBucket > 0 && below + inBucket >= rank) {
      const lower = i === 0 ? 0 : (bounds[i - 1] ?? 0);
      const upper = bounds[i];
      if (upper === undefined) return lower;
      return Math.round(lower + ((upper - lower) * (rank - below - 0.5)) / inBucket);
    }
    below += inBucket;
  }
  return null;
}

export function spreadOf(counts: readonly number[], bounds: readonly number[]): Spread {
  return {
    n: counts.reduce((a, b) => a + b, 0),
    p50Ms: histogramPercentile(counts, bounds, 50),
    p90Ms: histogramPercentile(counts, bounds, 90),
  };
}

/** Adds histograms bucket by bucket. */
export function addHistograms(a: readonly number[], b: readonly number[]): number[] {
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));
}
