import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slaSchema, type SlaPolicy } from '../cases/policy-schema';
import { businessMsBetween } from './business-time';
import {
  agentReplied,
  changePriority,
  nextAlarmAt,
  nextDueAt,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
} from './deadlines';
import { escalationFor, fireDue } from './escalation';

const M = 60_000;
const T0 = Date.UTC(2026, 0, 5, 9); // a Monday
const sla: SlaPolicy = slaSchema.parse({
  calendar: '24x7',
  targets: {
    urgent: { firstResponseMinutes: 60, nextUpdateMinutes: 240, resolutionMinutes: 1440 },
    high: { firstResponseMinutes: 240, nextUpdateMinutes: 480, resolutionMinutes: 2880 },
    normal: { firstResponseMinutes: 480, nextUpdateMinutes: 1440, resolutionMinutes: 4320 },
    low: { firstResponseMinutes: 1440, nextUpdateMinutes: 2880, resolutionMinutes: 10080 },
  },
  escalation: { warnAtRatio: 0.75, reassignTo: { '3': 'escalations@example.com' } },
});
const start = (priority: 'low' | 'normal' | 'high' | 'urgent' = 'normal') =>
  startClock({ shopId: 'shop_1', caseId: 'case_1', priority, createdAt: T0, sla });

describe('deadlines', () => {
  it('starts first response and resolution, with the warning at the set share of the target', () => {
    const s = start();
    expect(s.targets.first_response).toMatchObject({ dueAt: T0 + 480 * M, warnAt: T0 + 360 * M, status: 'pending' });
    expect(s.targets.resolution!.dueAt).toBe(T0 + 4320 * M);
    expect(s.targets.next_update).toBeUndefined();
    expect(nextAlarmAt(s)).toBe(T0 + 360 * M);
    expect(nextDueAt(s)).toBe(T0 + 480 * M);
  });

  it('meets first response on the first reply and re-arms next update from every reply', () => {
    let s = agentReplied(start(), T0 + 30 * M);
    expect(s.targets.first_response!.status).toBe('met');
    expect(s.targets.next_update!.dueAt).toBe(T0 + 30 * M + 1440 * M);
    s = agentReplied(s, T0 + 100 * M);
    expect(s.targets.next_update).toMatchObject({ dueAt: T0 + 100 * M + 1440 * M, cycle: 1 });
    expect(s.firstRespondedAt).toBe(T0 + 30 * M);
  });

  it('a priority change re-times open targets from their start; met ones stay met', () => {
    const s = changePriority(agentReplied(start(), T0 + 10 * M), 'urgent');
    expect(s.targets.first_response!.status).toBe('met');
    expect(s.targets.resolution!.dueAt).toBe(T0 + 1440 * M);
    expect(s.targets.next_update!.dueAt).toBe(T0 + 10 * M + 240 * M);
  });

  it('shifts pending deadlines by exactly the paused business time, whatever the calendar', () => {
    const weekdays = Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ open: '09:00', close: '17:30' }]]));
    const business: SlaPolicy = {
      ...sla,
      calendar: 'business',
      businessHours: { timezone: 'America/New_York', weekly: weekdays, holidays: ['2026-03-09'] },
    };
    fc.assert(
      fc.property(
        fc.constantFrom(sla, business),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        (policy, pauseAfter, pauseFor) => {
          const s0 = startClock({
            shopId: 's',
            caseId: 'c',
            priority: 'normal',
            createdAt: Date.UTC(2026, 2, 4, 15),
            sla: policy,
          });
          const p = s0.createdAt + pauseAfter * M;
          const r = p + pauseFor * M;
          const s1 = resumeClock(pauseClock(s0, p), r);
          const paused = businessMsBetween(p, r, policy);
          for (const t of ['first_response', 'resolution'] as const) {
            expect(businessMsBetween(s0.targets[t]!.dueAt, s1.targets[t]!.dueAt, policy)).toBe(paused);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('has nothing due while paused or after stop', () => {
    expect(nextAlarmAt(pauseClock(start(), T0 + M))).toBeNull();
    const stopped = stopClock(start(), T0 + 10 * M);
    expect(nextAlarmAt(stopped)).toBeNull();
    expect(stopped.targets.resolution!.status).toBe('met');
    expect(stopClock(start(), T0 + 5000 * M).targets.resolution!.status).toBe('breached');
  });
});

describe('firing and escalation', () => {
  it('fires nothing before the warning, the warning once, then the breach once with one escalation', () => {
    const s = start();
    expect(fireDue(s, T0 + 359 * M).firings).toEqual([]);
    const w = fireDue(s, T0 + 360 * M);
    expect(w.firings.map((f) => f.kind)).toEqual(['warning']);
    expect(fireDue(w.state, T0 + 400 * M).firings).toEqual([]);
    const b = fireDue(w.state, T0 + 480 * M);
    expect(b.firings).toMatchObject([
      { kind: 'breach', target: 'first_response', dueAt: T0 + 480 * M, escalation: { toTier: 2, toPriority: 'high' } },
    ]);
    expect(b.state).toMatchObject({ tier: 2, priority: 'high', breaches: ['first_response'] });
    expect(fireDue(b.state, T0 + 481 * M).firings).toEqual([]);
  });

  it('a late alarm fires warning before breach, and a missed next update once, not once per lost period', () => {
    const s = agentReplied(start(), T0);
    const { firings, state } = fireDue(s, T0 + 10 * 1440 * M);
    const nextUpdate = firings.filter((f) => f.target === 'next_update').map((f) => f.kind);
    expect(nextUpdate).toEqual(['warning', 'breach']);
    expect(state.targets.next_update!.dueAt).toBeGreaterThan(T0 + 10 * 1440 * M);
  });

  it('caps escalation at tier 3 and urgent, reassigning per the rules', () => {
    const top = { ...start('urgent'), tier: 3, assignee: 'escalations@example.com' };
    expect(escalationFor(top, 'resolution')).toBeNull();
    expect(escalationFor({ ...start('high'), tier: 2 }, 'resolution')).toEqual({
      fromTier: 2,
      toTier: 3,
      fromPriority: 'high',
      toPriority: 'urgent',
      assignee: 'escalations@example.com',
    });
    const off = {
      ...start(),
      sla: { ...sla, escalation: { ...sla.escalation, tierUp: false, priorityUp: false, reassignTo: {} } },
    };
    expect(escalationFor(off, 'first_response')).toBeNull();
  });
});
