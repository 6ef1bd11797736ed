import { describe, expect, it } from 'vitest';
import type { Transition } from './detector';
import {
  initialShopSignals,
  poissonUpperTail,
  stepInboundVolume,
  stepSatisfaction,
  stepSlaCompliance,
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

  it('computes the Poisson upper tail', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 3)).toBeCloseTo(1 - Math.exp(-3), 12);
    expect(poissonUpperTail(3, 2)).toBeCloseTo(1 - Math.exp(-2) * (1 + 2 + 2), 12);
  });
});
