import { describe, expect, it } from 'vitest';
import type { Transition } from './detector';
import { mulberry32, poisson } from './random';
import {
  initialShopSignals,
  poissonUpperTail,
  settledAt,
  stepInboundVolume,
  stepSatisfaction,
  stepSlaCompliance,
  volumeSignalParams,
} from './shop-signals';

function drive<S, D>(stepFn: (s: S, d: D) => { state: S; transition: Transition }, from: S, days: D[]) {
  let state = from;
  const transitions: Transition[] = [];
  for (const d of days) {
    const r = stepFn(state, d);
    state = r.state;
    if (r.transition) transitions.push(r.transition);
  }
  return { state, transitions };
}
const times = <D>(n: number, d: D): D[] => Array.from({ length: n }, () => d);

describe('shop signals', () => {
  it('SLA compliance under target opens once and closes above target plus the margin', () => {
    const days = [
      ...times(7, { met: 19, cases: 20 }),
      ...times(10, { met: 15, cases: 20 }),
      ...times(7, { met: 20, cases: 20 }),
    ];
    expect(drive(stepSlaCompliance, initialShopSignals.sla, days).transitions).toEqual(['opened', 'closed']);
  });

  it('SLA compliance waits for the minimum of cases', () => {
    expect(drive(stepSlaCompliance, initialShopSignals.sla, times(7, { met: 0, cases: 2 })).transitions).toEqual([]);
  });

  it('satisfaction falling opens against the shop’s own baseline, once, and closes on recovery', () => {
    const days = [
      ...times(60, { satisfied: 9, responses: 10 }),
      ...times(20, { satisfied: 6, responses: 10 }),
      ...times(20, { satisfied: 9, responses: 10 }),
    ];
    expect(drive(stepSatisfaction, initialShopSignals.satisfaction, days).transitions).toEqual(['opened', 'closed']);
  });

  it('satisfaction does not alarm on a small dip', () => {
    const days = [...times(60, { satisfied: 9, responses: 10 }), ...times(20, { satisfied: 85, responses: 100 })];
    expect(drive(stepSatisfaction, initialShopSignals.satisfaction, days).transitions).toEqual([]);
  });

  it('inbound volume surging opens on a day far above the trailing mean and closes when it settles', () => {
    const days = [...times(30, { cases: 20 }), { cases: 60 }, { cases: 55 }, { cases: 21 }];
    expect(drive(stepInboundVolume, initialShopSignals.volume, days).transitions).toEqual(['opened', 'closed']);
  });

  it('inbound volume does not alarm on ordinary Poisson noise', () => {
    const days = [...times(30, { cases: 20 }), { cases: 30 }, { cases: 12 }];
    expect(drive(stepInboundVolume, initialShopSignals.volume, days).transitions).toEqual([]);
  });

  it('inbound volume closes a lasting rise once it holds at the new level, and does not reopen', () => {
    // Simulated: 60 quiet days at 20 a day, then the shop's inbound doubles for good (Poisson noise).
    const random = mulberry32(19);
    const before = Array.from({ length: 60 }, () => ({ cases: poisson(random, 20) }));
    const after = Array.from({ length: 200 }, () => ({ cases: poisson(random, 40) }));
    let state = initialShopSignals.volume;
    const log: Array<[number, Transition]> = [];
    [...before, ...after].forEach((d, i) => {
      const r = stepInboundVolume(state, d);
      state = r.state;
      if (r.transition) log.push([i - 60, r.transition]);
    });
    expect(log.map(([, t]) => t)).toEqual(['opened', 'closed']);
    const [[openedOn], [closedOn]] = log as [[number, Transition], [number, Transition]];
    expect(openedOn).toBeGreaterThanOrEqual(0);
    expect(openedOn).toBeLessThan(3);
    expect(closedOn - openedOn).toBeGreaterThanOrEqual(volumeSignalParams.settleDays - 1);
    expect(closedOn - openedOn).toBeLessThanOrEqual(21);
    // The new level became the baseline.
    expect(state.count / state.days).toBeGreaterThan(35);
  });

  it('inbound volume keeps one alert open while the rise is still climbing', () => {
    const days = [...times(30, { cases: 20 }), ...Array.from({ length: 10 }, (_, i) => ({ cases: 60 + 25 * i }))];
    expect(drive(stepInboundVolume, initialShopSignals.volume, days).transitions).toEqual(['opened']);
  });

  it('settles only on days at one level', () => {
    expect(settledAt([40, 38, 44, 41, 37, 43, 39])).toBeCloseTo(40.3, 1);
    expect(settledAt([40, 38, 44, 41, 37, 43])).toBeNull();
    expect(settledAt([40, 60, 80, 100, 120, 140, 160])).toBeNull();
    expect(settledAt([40, 38, 44, 41, 37, 43, 12])).toBeNull();
  });

  it('computes the Poisson upper tail', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 3)).toBeCloseTo(1 - Math.exp(-3), 12);
    expect(poissonUpperTail(3, 2)).toBeCloseTo(1 - Math.exp(-2) * (1 + 2 + 2), 12);
  });
});
