/**
 * Shop-level early warnings, one day at a time, with the rate detector's episode semantics: an
 * alert opens once when the signal trips and closes when it recovers (a looser bar than the one
 * that opened it, so a figure hovering at the line does not flap).
 *
 * - SLA compliance under target: the share of cases meeting their targets over the trailing
 *   `windowDays`, once the window holds `minCases`.
 * - Satisfaction falling: the trailing window's CSAT share (4–5 answers) against the shop's own
 *   discounted baseline (frozen while open), when it is `minDrop` below AND beyond `z` standard errors.
 * - Inbound volume surging: a day's new cases against a Poisson with the trailing mean (discounted,
 *   frozen while open): opens when P(X ≥ count) < `tailP` (1e-4 ≈ one false alarm in 27 years).
 *   Closes when a day is back inside the baseline, or when the rise has held at one level for
 *   `settleDays` days, which then becomes the baseline (see `stepInboundVolume`).
 */
import type { Transition } from './detector';

export interface SignalStep<S> {
  state: S;
  transition: Transition;
  observed: number | null;
  expected: number | null;
}

function episode(open: boolean, trips: boolean, recovered: boolean): { open: boolean; transition: Transition } {
  if (!open && trips) return { open: true, transition: 'opened' };
  if (open && recovered) return { open: false, transition: 'closed' };
  return { open, transition: null };
}

/** The last `size` days of [count, total] pairs, newest last. */
function slide(window: Array<[number, number]>, day: [number, number], size: number): Array<[number, number]> {
  return [...window, day].slice(-size);
}

const sum = (w: Array<[number, number]>) => w.reduce((a, [c, t]) => [a[0] + c, a[1] + t], [0, 0]);

export interface SlaSignalState {
  window: Array<[met: number, cases: number]>;
  open: boolean;
}
export const slaSignalParams = { target: 0.9, recoverMargin: 0.02, windowDays: 7, minCases: 20 };

export function stepSlaCompliance(
  state: SlaSignalState,
  day: { met: number; cases: number },
  p = slaSignalParams,
): SignalStep<SlaSignalState> {
  const window = slide(state.window, [day.met, day.cases], p.windowDays);
  const [met, cases] = sum(window);
  const compliance = cases > 0 ? met / cases : null;
  const enough = cases >= p.minCases && compliance !== null;
  const e = episode(
    state.open,
    enough && compliance < p.target,
    enough && compliance >= Math.min(1, p.target + p.recoverMargin),
  );
  return { state: { window, open: e.open }, transition: e.transition, observed: compliance, expected: p.target };
}

export interface SatisfactionSignalState {
  window: Array<[satisfied: number, responses: number]>;
  baseSatisfied: number;
  baseResponses: number;
  open: boolean;
}
export const satisfactionSignalParams = { windowDays: 14, minResponses: 20, minDrop: 0.1, z: 3, halfLifeDays: 90 };

export function stepSatisfaction(
  state: SatisfactionSignalState,
  day: { satisfied: number; responses: number },
  p = satisfactionSignalParams,
): SignalStep<SatisfactionSignalState> {
  const window = slide(state.window, [day.satisfied, day.responses], p.windowDays);
  const [satisfied, responses] = sum(window);
  const base = state.baseResponses > 0 ? state.baseSatisfied / state.baseResponses : null;
  const observed = responses > 0 ? satisfied / responses : null;
  const ready = base !== null && observed !== null && responses >= p.minResponses && state.baseResponses >= 50;
  const se = base === null ? 0 : Math.sqrt((base * (1 - base)) / Math.max(responses, 1));
  const drop = ready ? base - observed : 0;
  const e = episode(state.open, ready && drop >= p.minDrop && drop >= p.z * se, ready && drop < p.minDrop / 2);
  const keep = 0.5 ** (1 / p.halfLifeDays);
  const learn = !e.open;
  return {
    state: {
      window,
      baseSatisfied: learn ? state.baseSatisfied * keep + day.satisfied : state.baseSatisfied,
      baseResponses: learn ? state.baseResponses * keep + day.responses : state.baseResponses,
      open: e.open,
    },
    transition: e.transition,
    observed,
    expected: base,
  };
}

export interface VolumeSignalState {
  /** Discounted sums of daily counts and days: the trailing mean is their ratio. */
  count: number;
  days: number;
  open: boolean;
  /** While open: the last `settleDays` daily counts, to see whether the rise has become the new level. */
  recent?: number[];
}
export const volumeSignalParams = {
  tailP: 1e-4,
  recoverP: 0.2,
  minDays: 14,
  halfLifeDays: 28,
  /** Days at one level (every day inside `stableP` two-sided tails of their mean) that close a lasting rise. */
  settleDays: 7,
  stableP: 0.005,
};

/** P(X ≥ k) for X ~ Poisson(mean), summed in log space (counts here are at most a few thousand). */
export function poissonUpperTail(k: number, mean: number): number {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  let logPmf = -mean;
  let below = Math.exp(logPmf);
  for (let i = 1; i < k; i++) {
    logPmf += Math.log(mean / i);
    below += Math.exp(logPmf);
  }
  return Math.max(0, 1 - below);
}

/**
 * Days that sit at one level: each within the two-sided `stableP` tails of a Poisson at their mean.
 * A rise still climbing, or one that came back down, fails it.
 */
export function settledAt(recent: readonly number[], p = volumeSignalParams): number | null {
  if (recent.length < p.settleDays) return null;
  const mean = recent.reduce((a, b) => a + b, 0) / recent.length;
  const inside = (x: number) =>
    poissonUpperTail(x, mean) >= p.stableP && 1 - poissonUpperTail(x + 1, mean) >= p.stableP;
  return recent.every(inside) ? mean : null;
}

/**
 * One alert per surge. It closes when the day's figure is back inside the frozen baseline, or when
 * the rise has lasted: `settleDays` days steady at a new level make that level the baseline (a
 * shop that grew, a new channel), so the alert does not stay open for ever and does not reopen.
 */
export function stepInboundVolume(
  state: VolumeSignalState,
  day: { cases: number },
  p = volumeSignalParams,
): SignalStep<VolumeSignalState> {
  const mean = state.days > 0 ? state.count / state.days : null;
  const ready = mean !== null && state.days >= p.minDays;
  // A floor of one case a day: a shop that usually sees none does not alarm on its first two.
  const tail = ready ? poissonUpperTail(day.cases, Math.max(mean, 1)) : 1;
  const recent = state.open ? [...(state.recent ?? []), day.cases].slice(-p.settleDays) : [day.cases];
  const level = state.open ? settledAt(recent, p) : null;
  const e = episode(state.open, tail < p.tailP, tail >= p.recoverP || level !== null);
  const keep = 0.5 ** (1 / p.halfLifeDays);
  let next: VolumeSignalState;
  if (e.open) next = { ...state, open: true, recent: e.transition === 'opened' ? [day.cases] : recent };
  else if (level !== null && e.transition === 'closed')
    next = { count: level * p.minDays, days: p.minDays, open: false };
  else next = { count: state.count * keep + day.cases, days: state.days * keep + 1, open: false };
  return { state: next, transition: e.transition, observed: day.cases, expected: mean };
}

export const initialShopSignals = {
  sla: { window: [], open: false } as SlaSignalState,
  satisfaction: { window: [], baseSatisfied: 0, baseResponses: 0, open: false } as SatisfactionSignalState,
  volume: { count: 0, days: 0, open: false } as VolumeSignalState,
};
