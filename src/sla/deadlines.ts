/**
 * A case's SLA deadlines as pure data and pure transitions (no I/O, no clock: `at` is passed in).
 * Each target runs in cycles: a cycle starts at an anchor (case created, or the last agent reply for
 * next-update) with a budget of business time; pausing adds the paused business time to the budget,
 * so resuming moves every pending deadline by exactly the paused business time. The CaseClock only
 * stores this state and sets its alarm for `nextAlarmAt`.
 */
import type { Priority, SlaPolicy } from '../cases/policy-schema';
import { addBusinessMs, businessMsBetween } from './business-time';

export const slaTargets = ['first_response', 'next_update', 'resolution'] as const;
export type SlaTarget = (typeof slaTargets)[number];

const MINUTE = 60_000;

export interface TargetClock {
  /** Start of this cycle (creation, or the agent reply next-update counts from). */
  anchor: number;
  /** The target's budget in business ms for the case's priority. */
  budgetMs: number;
  /** Business time this cycle spent paused (added to the budget). */
  pausedMs: number;
  dueAt: number;
  /** Pre-breach warning time; null when the warning was given. */
  warnAt: number | null;
  status: 'pending' | 'met' | 'breached';
  /** How many cycles ran before this one (next-update restarts on each reply and each breach). */
  cycle: number;
}

export interface ClockState {
  shopId: string;
  caseId: string;
  priority: Priority;
  tier: number;
  assignee: string | null;
  createdAt: number;
  sla: SlaPolicy;
  pausedAt: number | null;
  stoppedAt: number | null;
  firstRespondedAt: number | null;
  targets: Partial<Record<SlaTarget, TargetClock>>;
  /** Targets breached at least once (next-update may breach once per cycle; listed once). */
  breaches: SlaTarget[];
  /**
   * Since when the resolution target alone is held because the return's parcel is with the shopper
   * or the carrier (src/sla/parcel-hold.ts); absent in clocks stored before it existed.
   */
  resolutionHeldAt?: number | null;
  /** The shopper wrote while the parcel was away: the hold stays off until our next reply. */
  shopperAwaitsAnswer?: boolean;
}

/** True while the parcel hold keeps the resolution target from counting down. */
export const isResolutionHeld = (s: ClockState): boolean => s.resolutionHeldAt != null;

/** The targets that can come due now: pending, and not the resolution while it is held. */
export function countingTargets(s: ClockState): Array<[SlaTarget, TargetClock]> {
  return slaTargets
    .map((name) => [name, s.targets[name]] as const)
    .filter(
      (e): e is [SlaTarget, TargetClock] =>
        e[1]?.status === 'pending' && !(e[0] === 'resolution' && isResolutionHeld(s)),
    );
}

export interface StartInput {
  shopId: string;
  caseId: string;
  priority: Priority;
  createdAt: number;
  sla: SlaPolicy;
  tier?: number;
  assignee?: string | null;
}

function budgetMs(sla: SlaPolicy, priority: Priority, target: SlaTarget): number {
  const t = sla.targets[priority];
  const minutes =
    target === 'first_response'
      ? t.firstResponseMinutes
      : target === 'next_update'
        ? t.nextUpdateMinutes
        : t.resolutionMinutes;
  return minutes * MINUTE;
}

/** Due and warning times of a cycle, from its anchor, budget and paused time. */
function timed(sla: SlaPolicy, c: Omit<TargetClock, 'dueAt' | 'warnAt'>, warned: boolean): TargetClock {
  const dueAt = addBusinessMs(c.anchor, c.budgetMs + c.pausedMs, sla);
  const warnAt = warned
    ? null
    : addBusinessMs(c.anchor, Math.floor(c.budgetMs * sla.escalation.warnAtRatio) + c.pausedMs, sla);
  return { ...c, dueAt, warnAt };
}

function newCycle(sla: SlaPolicy, priority: Priority, target: SlaTarget, anchor: number, cycle: number): TargetClock {
  return timed(
    sla,
    { anchor, budgetMs: budgetMs(sla, priority, target), pausedMs: 0, status: 'pending', cycle },
    false,
  );
}

/** A new case: first response and resolution run; next-update starts with the first reply. */
export function startClock(input: StartInput): ClockState {
  const { sla, priority, createdAt } = input;
  return {
    shopId: input.shopId,
    caseId: input.caseId,
    priority,
    tier: input.tier ?? 1,
    assignee: input.assignee ?? null,
    createdAt,
    sla,
    pausedAt: null,
    stoppedAt: null,
    firstRespondedAt: null,
    targets: {
      first_response: newCycle(sla, priority, 'first_response', createdAt, 0),
      resolution: newCycle(sla, priority, 'resolution', createdAt, 0),
    },
    breaches: [],
  };
}

const isRunning = (s: ClockState) => s.stoppedAt === null && s.pausedAt === null;

/** An agent replied: first response is met (if still open) and next-update restarts from `at`. */
export function agentReplied(s: ClockState, at: number): ClockState {
  if (s.stoppedAt !== null) return s;
  const targets = { ...s.targets };
  const first = targets.first_response;
  if (first?.status === 'pending') targets.first_response = { ...first, status: 'met', warnAt: null };
  const prev = targets.next_update;
  targets.next_update = newCycle(s.sla, s.priority, 'next_update', at, prev ? prev.cycle + 1 : 0);
  return { ...s, firstRespondedAt: s.firstRespondedAt ?? at, targets, shopperAwaitsAnswer: false };
}

/** Waiting on the customer: nothing is due until `resume`. */
export function pauseClock(s: ClockState, at: number): ClockState {
  if (!isRunning(s)) return s;
  return { ...s, pausedAt: at };
}

/** The clock runs again; every pending deadline moves by the business time spent paused. */
export function resumeClock(s: ClockState, at: number): ClockState {
  if (s.pausedAt === null || s.stoppedAt !== null) return s;
  const targets: ClockState['targets'] = {};
  for (const [name, c] of Object.entries(s.targets) as Array<[SlaTarget, TargetClock]>) {
    // The parcel hold counts this pause in with its own when it ends (src/sla/parcel-hold.ts).
    if (c.status !== 'pending' || (name === 'resolution' && isResolutionHeld(s))) {
      targets[name] = c;
      continue;
    }
    // A cycle that began during the pause (a reply while waiting) only lost the part after it began.
    const paused = businessMsBetween(Math.max(s.pausedAt, c.anchor), Math.max(at, c.anchor), s.sla);
    targets[name] = timed(s.sla, { ...c, pausedMs: c.pausedMs + paused }, c.warnAt === null);
  }
  return { ...s, pausedAt: null, targets };
}

/** Resolved or closed: open targets that were not missed are met; nothing is due any more. */
export function stopClock(state: ClockState, at: number): ClockState {
  if (state.stoppedAt !== null) return state;
  // A held resolution is judged against its deadline moved by the time it was held.
  const s = isResolutionHeld(state) ? creditResolutionHold(state, at) : state;
  const targets: ClockState['targets'] = {};
  for (const [name, c] of Object.entries(s.targets) as Array<[SlaTarget, TargetClock]>) {
    if (c.status !== 'pending') targets[name] = c;
    else if (name === 'next_update') targets[name] = { ...c, status: 'met', warnAt: null };
    else targets[name] = { ...c, status: at <= c.dueAt ? 'met' : 'breached', warnAt: null };
  }
  return { ...s, stoppedAt: at, pausedAt: null, resolutionHeldAt: null, targets };
}

/**
 * Ends the parcel hold at `at`: the resolution target gains the business time it was held, up to
 * where a waiting-on-customer pause took over (that pause credits the rest when it resumes).
 */
export function creditResolutionHold(s: ClockState, at: number): ClockState {
  const since = s.resolutionHeldAt;
  if (since == null) return s;
  const c = s.targets.resolution;
  if (!c || c.status !== 'pending') return { ...s, resolutionHeldAt: null };
  const end = Math.min(at, s.pausedAt ?? at);
  const held = businessMsBetween(Math.max(since, c.anchor), Math.max(end, since, c.anchor), s.sla);
  const resolution = timed(s.sla, { ...c, pausedMs: c.pausedMs + held }, c.warnAt === null);
  return { ...s, resolutionHeldAt: null, targets: { ...s.targets, resolution } };
}

/**
 * An agent changed the priority: pending targets are re-timed with the new priority's budgets from
 * their own anchors (time already spent counts). Escalation's own priority bump does NOT call this:
 * shrinking every deadline the moment one is missed would cascade breaches in a single alarm.
 */
export function changePriority(s: ClockState, priority: Priority): ClockState {
  if (s.stoppedAt !== null || priority === s.priority) return { ...s, priority };
  const targets: ClockState['targets'] = {};
  for (const [name, c] of Object.entries(s.targets) as Array<[SlaTarget, TargetClock]>) {
    targets[name] =
      c.status === 'pending' ? timed(s.sla, { ...c, budgetMs: budgetMs(s.sla, priority, name) }, c.warnAt === null) : c;
  }
  return { ...s, priority, targets };
}

/** The earliest pending warning or deadline, or null when nothing is due (paused, stopped, all met). */
export function nextAlarmAt(s: ClockState): number | null {
  if (!isRunning(s)) return null;
  let next: number | null = null;
  for (const [, c] of countingTargets(s)) {
    const t = c.warnAt ?? c.dueAt;
    if (next === null || t < next) next = t;
  }
  return next;
}

/** The earliest pending deadline (not warning): what the admin queue sorts by. */
export function nextDueAt(s: ClockState): number | null {
  if (!isRunning(s)) return null;
  const due = countingTargets(s).map(([, c]) => c.dueAt);
  return due.length ? Math.min(...due) : null;
}
