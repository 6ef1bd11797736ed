import { describe, expect, it } from 'vitest';
import { slaSchema, type SlaPolicy } from '../cases/policy-schema';
import { agentReplied, nextAlarmAt, nextDueAt, pauseClock, resumeClock, startClock, stopClock } from './deadlines';
import { fireDue } from './escalation';
import { isParcelAway, shopperWrote, syncParcel } from './parcel-hold';

const M = 60_000;
const H = 60 * M;
const D = 24 * H;
const T0 = Date.UTC(2026, 0, 5, 9); // a Monday
const sla: SlaPolicy = slaSchema.parse({
  calendar: '24x7',
  targets: {
    urgent: { firstResponseMinutes: 60, nextUpdateMinutes: 240, resolutionMinutes: 1440 },
    high: { firstResponseMinutes: 240, nextUpdateMinutes: 480, resolutionMinutes: 2880 },
    normal: { firstResponseMinutes: 480, nextUpdateMinutes: 1440, resolutionMinutes: 4320 },
    low: { firstResponseMinutes: 1440, nextUpdateMinutes: 2880, resolutionMinutes: 10080 },
  },
});
const start = (policy: SlaPolicy = sla) =>
  startClock({ shopId: 'shop_1', caseId: 'case_1', priority: 'normal', createdAt: T0, sla: policy });
const RESOLUTION_DUE = T0 + 3 * D;

describe('the parcel hold on the resolution clock', () => {
  it('holds only resolution while the parcel is away and moves it by exactly the time held', () => {
    const answered = agentReplied(start(), T0 + H);
    const held = syncParcel(answered, true, T0 + 2 * H);
    expect(held.resolutionHeldAt).toBe(T0 + 2 * H);
    // Next update still counts down; resolution is not what the alarm or the queue waits for.
    expect(nextDueAt(held)).toBe(T0 + H + D);
    const released = syncParcel(held, false, T0 + 2 * H + 2 * D);
    expect(released.resolutionHeldAt).toBeNull();
    expect(released.targets.resolution!.dueAt).toBe(RESOLUTION_DUE + 2 * D);
    expect(released.targets.next_update!.dueAt).toBe(T0 + H + D);
  });

  it('never breaches resolution while held, however late the alarm', () => {
    const held = syncParcel(agentReplied(start(), T0 + H), true, T0 + 2 * H);
    // Keep next update out of the way: replies every day while the parcel travels.
    let s = held;
    for (let day = 1; day <= 5; day++) s = agentReplied(s, T0 + day * D);
    const { firings } = fireDue(s, RESOLUTION_DUE + D);
    expect(firings.filter((f) => f.target === 'resolution')).toEqual([]);
    expect(nextAlarmAt(s)).toBe(s.targets.next_update!.warnAt);
  });

  it('counts a waiting-on-customer pause inside the hold once, in either order', () => {
    // Hold, then pause, resume, release: the union is [hold, release].
    let a = syncParcel(start(), true, T0 + H);
    a = pauseClock(a, T0 + 2 * H);
    a = resumeClock(a, T0 + 5 * H);
    a = syncParcel(a, false, T0 + 7 * H);
    expect(a.targets.resolution!.dueAt).toBe(RESOLUTION_DUE + 6 * H);
    // Pause first, then the hold begins and ends inside it: the union is [pause, resume].
    let b = pauseClock(start(), T0 + H);
    b = syncParcel(b, true, T0 + 2 * H);
    expect(b.resolutionHeldAt).toBe(T0 + H);
    b = syncParcel(b, false, T0 + 3 * H);
    b = resumeClock(b, T0 + 6 * H);
    expect(b.targets.resolution!.dueAt).toBe(RESOLUTION_DUE + 5 * H);
    // The hold outlasts the pause: the union is [pause, release].
    let c = pauseClock(start(), T0 + H);
    c = syncParcel(c, true, T0 + 2 * H);
    c = resumeClock(c, T0 + 3 * H);
    c = syncParcel(c, false, T0 + 9 * H);
    expect(c.targets.resolution!.dueAt).toBe(RESOLUTION_DUE + 8 * H);
  });

  it('runs again when the shopper writes, and holds again after our answer', () => {
    const held = syncParcel(start(), true, T0 + H);
    const wrote = shopperWrote(held, T0 + 4 * H);
    expect(wrote.resolutionHeldAt).toBeNull();
    expect(wrote.targets.resolution!.dueAt).toBe(RESOLUTION_DUE + 3 * H);
    // Another change while we have not answered keeps it running.
    expect(syncParcel(wrote, true, T0 + 5 * H)).toBe(wrote);
    const answered = syncParcel(agentReplied(wrote, T0 + 6 * H), true, T0 + 6 * H);
    expect(answered.resolutionHeldAt).toBe(T0 + 6 * H);
  });

  it('is a per-shop setting: off, nothing is held', () => {
    const off = slaSchema.parse({ ...sla, pauseResolutionWhileParcelAway: false });
    const s = start(off);
    expect(syncParcel(s, true, T0 + H)).toBe(s);
    expect(slaSchema.parse({ targets: sla.targets }).pauseResolutionWhileParcelAway).toBe(true);
  });

  it('judges a case closed while held against its moved deadline', () => {
    const held = syncParcel(start(), true, T0 + H);
    const stopped = stopClock(held, RESOLUTION_DUE + H);
    expect(stopped.targets.resolution!.status).toBe('met');
    expect(stopped.resolutionHeldAt).toBeNull();
    expect(stopClock(start(), RESOLUTION_DUE + H).targets.resolution!.status).toBe('breached');
  });

  it('knows where the parcel is from the case', () => {
    const at = (status: string, resumeStatus: string | null = null, labelIssued = false) =>
      isParcelAway({ status, resumeStatus, labelIssued });
    expect(at('awaiting_shipment')).toBe(true);
    expect(at('in_transit')).toBe(true);
    expect(at('waiting_on_customer', 'in_transit')).toBe(true);
    expect(at('approved')).toBe(false);
    expect(at('approved', null, true)).toBe(true);
    expect(at('received', null, true)).toBe(false);
    expect(at('requested')).toBe(false);
  });
});
