/**
 * The detector's proof by simulation (issue 19): a quiet store's false alarms per SKU-year, and
 * how many orders after a tripled defect rate it takes to raise the alert. Deterministic (seeded).
 */
import { describe, expect, it } from 'vitest';
import { defaultRateParams, initialRateState, type RateParams, type RateState, step } from './detector';
import { binomial, mulberry32, poisson, type Random } from './random';

interface Sku {
  ordersPerDay: number;
  rate: number;
}

const WARM_UP_DAYS = 180;

/** Volumes log-uniform 0.5–20 orders a day, base defect rates uniform 1–5%. */
function drawSku(random: Random, rates: [number, number] = [0.01, 0.05]): Sku {
  const ordersPerDay = 0.5 * 40 ** random();
  return { ordersPerDay, rate: rates[0] + (rates[1] - rates[0]) * random() };
}

function day(random: Random, sku: Sku, rate: number) {
  const orders = poisson(random, sku.ordersPerDay);
  return { orders, hits: binomial(random, orders, Math.min(rate, 1)) };
}

/** Alerts opened by one quiet SKU over `days`, after a warm-up that is not counted. */
function quietAlarms(random: Random, sku: Sku, days: number, params: RateParams): number {
  let state: RateState = initialRateState;
  let opened = 0;
  for (let d = 0; d < WARM_UP_DAYS + days; d++) {
    const r = step(state, day(random, sku, sku.rate), params);
    state = r.state;
    if (r.transition === 'opened' && d >= WARM_UP_DAYS) opened++;
  }
  return opened;
}

/** Orders sold after the rate triples until the alert opens (the alerting day's included). */
function ordersToDetection(random: Random, sku: Sku, params: RateParams): number {
  let state: RateState = initialRateState;
  for (let d = 0; d < WARM_UP_DAYS; d++) state = step(state, day(random, sku, sku.rate), params).state;
  if (state.open) return ordersToDetection(random, sku, params);
  let orders = 0;
  for (let d = 0; d < 3 * 365; d++) {
    const today = day(random, sku, 3 * sku.rate);
    orders += today.orders;
    const r = step(state, today, params);
    if (r.transition === 'opened') return orders;
    state = r.state;
  }
  return Number.POSITIVE_INFINITY;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function detectionFigures(seed: number, trials: number, rates: [number, number]) {
  const random = mulberry32(seed);
  const delays = Array.from({ length: trials }, () =>
    ordersToDetection(random, drawSku(random, rates), defaultRateParams),
  );
  delays.sort((a, b) => a - b);
  return {
    median: quantile(delays, 0.5),
    p90: quantile(delays, 0.9),
    within30: delays.filter((d) => d <= 30).length / trials,
  };
}

describe('rate detector simulation', () => {
  it('raises far fewer than one false alarm per SKU per year in a quiet store of 1,000 SKUs', () => {
    const random = mulberry32(19);
    let alarms = 0;
    for (let i = 0; i < 1000; i++) alarms += quietAlarms(random, drawSku(random), 365, defaultRateParams);
    const perSkuYear = alarms / 1000;
    console.log(
      `[detector] false alarms: ${perSkuYear.toFixed(3)} per SKU per year (${alarms} over 1,000 quiet SKU-years)`,
    );
    expect(perSkuYear).toBeLessThan(0.1);
  });

  it('catches a tripled defect rate (base 1–5%) on one SKU', () => {
    const f = detectionFigures(7, 500, [0.01, 0.05]);
    console.log(
      `[detector] tripled defect rate, base 1–5%: median ${f.median} orders, p90 ${f.p90} orders to detection (${(100 * f.within30).toFixed(0)}% within 30)`,
    );
    // 30 orders at 1–5% carry 0.3–1.5 expected defects before and 0.9–4.5 after: no test can tell
    // those apart at under one false alarm a year (see the README); this guards the figures measured.
    expect(f.median).toBeLessThanOrEqual(200);
    expect(f.p90).toBeLessThanOrEqual(1000);
  });

  it('catches a tripled rate within 30 orders where 30 orders carry enough evidence (base 15–20%)', () => {
    const f = detectionFigures(11, 500, [0.15, 0.2]);
    console.log(`[detector] tripled rate, base 15–20%: median ${f.median} orders, p90 ${f.p90} orders to detection`);
    expect(f.median).toBeLessThanOrEqual(30);
  });
});
