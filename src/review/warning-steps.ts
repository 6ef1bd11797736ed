/**
 * Steps each detector over the days it has not seen, from its stored state: the rate detectors
 * (src/review/detector.ts) per SKU, product and reason, and the shop's three signals
 * (shop-signals.ts). Pure: counts and states in, new states and episode transitions out.
 */
import {
  defaultRateParams,
  initialRateState,
  type RateParams,
  type RateState,
  step,
  type Transition,
} from './detector';
import { initialShopSignals, stepInboundVolume, stepSatisfaction, stepSlaCompliance } from './shop-signals';
import { type DaySeries, SLA_SETTLE_DAYS, type WarningCounts } from './warning-counts';

/** A stored detector: `subject` is `kind:name` (`sku:TEE-NVY-M`, `shop:`), `lastDay` the last UTC day stepped. */
export interface Detector {
  subject: string;
  metric: string;
  state: unknown;
  lastDay: number;
}

export interface Transitioned {
  subject: string;
  metric: string;
  day: number;
  transition: Exclude<Transition, null>;
  observed: number | null;
  expected: number | null;
}

/**
 * A new subject's first days are skipped: its sales count from day one but its returns arrive days
 * later, and a baseline learned from that gap would be low for months (half-life 365 days).
 */
export const RAMP_DAYS = 14;
/** A subject silent this long is stepped over at most this many empty days when it reappears. */
const MAX_GAP_DAYS = 400;

/** Per metric, the shrinkage prior is the typical rate of that kind (the subject's own history takes over). */
export const rateParams: Record<string, RateParams> = {
  defect_rate: defaultRateParams,
  return_rate: { ...defaultRateParams, priorRate: 0.12 },
  reason_rate: { ...defaultRateParams, priorRate: 0.03 },
};

type Stepper = (
  state: unknown,
  day: number,
) => { state: unknown; transition: Transition; observed: number | null; expected: number | null };

function run(d: Detector, through: number, stepper: Stepper) {
  const events: Transitioned[] = [];
  let state = d.state;
  const start = Math.max(d.lastDay + 1, through - MAX_GAP_DAYS);
  for (let day = start; day <= through; day++) {
    const r = stepper(state, day);
    state = r.state;
    if (r.transition) events.push({ subject: d.subject, metric: d.metric, day, ...r, transition: r.transition });
  }
  return { detector: { ...d, state, lastDay: Math.max(d.lastDay, through) }, events };
}

function rateStepper(metric: string, series: DaySeries | undefined): Stepper {
  const params = rateParams[metric] ?? defaultRateParams;
  return (state, day) => step(state as RateState, series?.get(day) ?? { orders: 0, hits: 0 }, params);
}

function shopSteppers(counts: WarningCounts): Record<string, [Stepper, unknown]> {
  return {
    sla_compliance: [
      (st, day) => stepSlaCompliance(st as typeof initialShopSignals.sla, counts.sla.get(day) ?? { met: 0, cases: 0 }),
      initialShopSignals.sla,
    ],
    satisfaction: [
      (st, day) =>
        stepSatisfaction(
          st as typeof initialShopSignals.satisfaction,
          counts.satisfaction.get(day) ?? { satisfied: 0, responses: 0 },
        ),
      initialShopSignals.satisfaction,
    ],
    inbound_volume: [
      (st, day) => stepInboundVolume(st as typeof initialShopSignals.volume, counts.volume.get(day) ?? { cases: 0 }),
      initialShopSignals.volume,
    ],
  };
}

function firstActiveDay(counts: WarningCounts): number | null {
  const days = [...counts.volume.keys(), ...[...counts.rates.values()].flatMap((series) => [...series.keys()])];
  return days.length > 0 ? Math.min(...days) : null;
}

/**
 * Every detector with something to step in [first, last]: the stored ones whose subject had
 * activity (or that are open, or shop-level), and new subjects from their first active day.
 */
export function stepDetectors(stored: Detector[], counts: WarningCounts, first: number, last: number) {
  const byKey = new Map(stored.map((d) => [`${d.subject}|${d.metric}`, d]));
  const out: { detectors: Detector[]; events: Transitioned[] } = { detectors: [], events: [] };
  const push = (r: ReturnType<typeof run>) => {
    out.detectors.push(r.detector);
    out.events.push(...r.events);
  };
  for (const [key, series] of counts.rates) {
    const [subject = '', metric = ''] = key.split('|');
    const firstActive = Math.min(...series.keys());
    const d = byKey.get(key) ?? { subject, metric, state: initialRateState, lastDay: firstActive - 1 + RAMP_DAYS };
    byKey.delete(key);
    push(run(d, last, rateStepper(metric, series)));
  }
  // Open alerts on subjects quiet in this range still need their days (a zero day does not close one, but keeps them current).
  for (const d of byKey.values()) {
    if (d.subject.startsWith('shop:') || !(d.state as RateState).open) continue;
    push(run(d, last, rateStepper(d.metric, undefined)));
  }
  // A shop's own signals start on its first day with anything to count (not on empty backfill days).
  const shopStart = Math.max(first, firstActiveDay(counts) ?? last + 1);
  for (const [metric, [stepper, initial]] of Object.entries(shopSteppers(counts))) {
    const through = metric === 'sla_compliance' ? last - SLA_SETTLE_DAYS : last;
    const d = stored.find((x) => x.subject === 'shop:' && x.metric === metric);
    push(run(d ?? { subject: 'shop:', metric, state: initial, lastDay: shopStart - 1 }, through, stepper));
  }
  return out;
}
