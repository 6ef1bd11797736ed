/**
 * Early warning for a rate (return rate, defect/damage rate) of one subject (a SKU, a product, a
 * reason, the shop), evaluated one day at a time from the per-day rollups.
 *
 * Method: a binomial CUSUM (Page's CUSUM of the Bernoulli log-likelihood ratio, summed per day)
 * against the subject's own baseline. Each day adds
 *   hits·ln(p1/p0) + (orders − hits)·ln((1 − p1)/(1 − p0)),   p1 = shiftRatio·p0,
 * and the statistic S = max(0, S + that) alarms at S ≥ h. Why this and not a control chart of
 * daily rates: a SKU sells 0–20 a day, so a day's rate is mostly noise; the CUSUM accumulates
 * evidence order by order, is the fastest detector of a given shift for a given false-alarm rate
 * (Lorden/Moustakides), and needs only a few numbers of state.
 *
 * Baseline p0: the subject's exponentially discounted counts (half-life `halfLifeDays`), shrunk
 * towards `priorRate` (the shop-wide rate) by `priorOrders` pseudo-orders, plus `guardSd` posterior
 * standard deviations: an estimate from a few hundred orders is uncertain, and an estimate that is
 * low by chance would make a quiet SKU drift up and alarm. Frozen while an alert is open, so the
 * problem never becomes the new normal. Silent until the baseline holds `minOrders` (discounted).
 *
 * Decision interval h: from the target false alarms per subject per year. The in-control average
 * run length wanted, in orders, is ARL0 = ordersPerDay·365 / falseAlarmsPerYear; Siegmund's
 * approximation for an LLR CUSUM, ARL0 ≈ (e^h − h − 1) / KL(p0‖p1), is solved for h. Overshoot
 * and once-a-day checks make the real ARL0 longer: the simulation test measures it.
 *
 * Episodes: an alert opens when S ≥ h; while open S is capped at h (so recovery does not wait for
 * a long excess to drain) and the alert closes when S falls back to `closeBelow`·h.
 */
export interface RateParams {
  /** The multiple of the baseline the CUSUM is tuned to catch fastest (3 = a tripled rate). */
  shiftRatio: number;
  falseAlarmsPerYear: number;
  minOrders: number;
  halfLifeDays: number;
  priorRate: number;
  priorOrders: number;
  guardSd: number;
  closeBelow: number;
}

export const defaultRateParams: RateParams = {
  shiftRatio: 3,
  falseAlarmsPerYear: 0.05,
  minOrders: 60,
  halfLifeDays: 365,
  priorRate: 0.03,
  priorOrders: 50,
  guardSd: 0.5,
  closeBelow: 0,
};

/** Small enough for a JSON column: discounted baseline counts, the CUSUM and its current run. */
export interface RateState {
  orders: number;
  hits: number;
  days: number;
  cusum: number;
  /** Orders and hits since the CUSUM last stood at 0: the estimated start of the change. */
  runOrders: number;
  runHits: number;
  runDays: number;
  open: boolean;
}

export const initialRateState: RateState = {
  orders: 0,
  hits: 0,
  days: 0,
  cusum: 0,
  runOrders: 0,
  runHits: 0,
  runDays: 0,
  open: false,
};

export type Transition = 'opened' | 'closed' | null;

export interface DayCounts {
  orders: number;
  hits: number;
}

export interface RateStep {
  state: RateState;
  transition: Transition;
  /** The rate since the change began (the current run), or today's when there is no run. */
  observed: number | null;
  /** The baseline rate compared against. */
  expected: number;
}

/** The baseline rate p0: shrunk posterior mean plus a guard of `guardSd` posterior sds. */
export function baselineRate(state: RateState, params: RateParams): number {
  const weight = state.orders + params.priorOrders;
  const mean = (state.hits + params.priorRate * params.priorOrders) / weight;
  const sd = Math.sqrt((mean * (1 - mean)) / (weight + 1));
  return Math.min(mean + params.guardSd * sd, 0.99 / params.shiftRatio);
}

function klBernoulli(p: number, q: number): number {
  return p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q));
}

/** h with (e^h − h − 1)/KL = ARL0 (Siegmund), by fixed-point iteration. */
export function decisionInterval(p0: number, ordersPerDay: number, params: RateParams): number {
  const arl0 = (Math.max(ordersPerDay, 0.01) * 365) / params.falseAlarmsPerYear;
  const target = arl0 * klBernoulli(p0, params.shiftRatio * p0);
  let h = Math.log(target + 1);
  for (let i = 0; i < 20; i++) h = Math.log(target + h + 1);
  return h;
}

function dayLlr(day: DayCounts, p0: number, p1: number): number {
  return day.hits * Math.log(p1 / p0) + (day.orders - day.hits) * Math.log((1 - p1) / (1 - p0));
}

/**
 * Days join the baseline when the CUSUM's run ends (S back at 0), whole: learning inside a run
 * would let a rising rate raise its own baseline, and dropping runs would bias it low (runs start
 * with hits). A run that became an alert is dropped when the alert closes: it was the problem.
 */
function fold(state: RateState, run: DayCounts & { days: number }, params: RateParams): RateState {
  const keep = 0.5 ** (run.days / params.halfLifeDays);
  return {
    ...state,
    orders: state.orders * keep + run.orders,
    hits: state.hits * keep + run.hits,
    days: state.days * keep + run.days,
    runOrders: 0,
    runHits: 0,
    runDays: 0,
  };
}

function withRun(state: RateState, day: DayCounts): DayCounts & { days: number } {
  return { orders: state.runOrders + day.orders, hits: state.runHits + day.hits, days: state.runDays + 1 };
}

export function step(state: RateState, day: DayCounts, params: RateParams = defaultRateParams): RateStep {
  const p0 = baselineRate(state, params);
  const today = day.orders > 0 ? day.hits / day.orders : null;
  if (state.orders < params.minOrders && !state.open) {
    return { state: fold(state, withRun(state, day), params), transition: null, observed: today, expected: p0 };
  }
  const h = decisionInterval(p0, state.orders / Math.max(state.days, 1), params);
  const s = Math.max(0, state.cusum + dayLlr(day, p0, params.shiftRatio * p0));
  const run = withRun(state, day);
  const observed = run.orders > 0 ? run.hits / run.orders : today;
  if (!state.open && s >= h) {
    const next = { ...state, cusum: h, runOrders: run.orders, runHits: run.hits, runDays: run.days, open: true };
    return { state: next, transition: 'opened', observed, expected: p0 };
  }
  if (state.open && s <= params.closeBelow * h) {
    const next = { ...state, cusum: s, runOrders: 0, runHits: 0, runDays: 0, open: false };
    return { state: next, transition: 'closed', observed, expected: p0 };
  }
  const cusum = state.open ? Math.min(s, h) : s;
  const next: RateState = { ...state, cusum, runOrders: run.orders, runHits: run.hits, runDays: run.days };
  return { state: s > 0 || state.open ? next : fold(next, run, params), transition: null, observed, expected: p0 };
}
