import { describe, expect, it } from 'vitest';
import {
  decisionInterval,
  defaultRateParams,
  initialRateState,
  type RateState,
  step,
  type Transition,
} from './detector';

function run(days: Array<[orders: number, hits: number]>, from: RateState = initialRateState) {
  let state = from;
  const transitions: Transition[] = [];
  for (const [orders, hits] of days) {
    const r = step(state, { orders, hits });
    state = r.state;
    transitions.push(r.transition);
  }
  return { state, transitions: transitions.filter((t) => t !== null) };
}

const quiet = (n: number) => Array.from({ length: n }, (_, i): [number, number] => [10, i % 5 === 0 ? 1 : 0]);

describe('rate detector', () => {
  it('stays silent until the baseline holds the minimum of orders, however bad the first days', () => {
    const { transitions } = run([[5, 5]]);
    expect(transitions).toEqual([]);
  });

  it('opens once per episode and closes when the rate recovers', () => {
    const base = run(quiet(200)).state;
    expect(base.open).toBe(false);
    const spike = run(
      Array.from({ length: 15 }, (): [number, number] => [10, 3]),
      base,
    );
    expect(spike.transitions).toEqual(['opened']);
    const recovered = run(quiet(120), spike.state);
    expect(recovered.transitions).toEqual(['closed']);
  });

  it('freezes the baseline while an alert is open', () => {
    const base = run(quiet(200)).state;
    const spike = run(
      Array.from({ length: 30 }, (): [number, number] => [10, 3]),
      base,
    ).state;
    expect(spike.open).toBe(true);
    expect({ orders: spike.orders, hits: spike.hits }).toEqual({ orders: base.orders, hits: base.hits });
  });

  it('reports the run since the change as observed and the baseline as expected', () => {
    const base = run(quiet(200)).state;
    let state = base;
    let last = step(state, { orders: 10, hits: 3 });
    for (let i = 0; i < 10 && last.transition !== 'opened'; i++) {
      state = last.state;
      last = step(state, { orders: 10, hits: 3 });
    }
    expect(last.transition).toBe('opened');
    expect(last.observed).toBeCloseTo(0.3, 1);
    expect(last.expected).toBeGreaterThan(0.02);
    expect(last.expected).toBeLessThan(0.05);
  });

  it('asks for more evidence (a higher h) from a busier subject, for the same alarms per year', () => {
    expect(decisionInterval(0.03, 20, defaultRateParams)).toBeGreaterThan(decisionInterval(0.03, 1, defaultRateParams));
  });

  it('keeps its state small enough for a JSON column', () => {
    expect(JSON.stringify(run(quiet(400)).state).length).toBeLessThan(200);
  });
});
