/**
 * What happens when the clock reaches a warning or a deadline (pure): which warnings and breaches
 * fire at `now`, and what each breach escalates (tier up to 3, priority up to urgent, reassignment
 * per the shop's rules). The CaseClock records the result; it decides nothing itself.
 */
import { priorityEnum, type Priority } from '../cases/policy-schema';
import { addBusinessMs } from './business-time';
import { countingTargets, nextAlarmAt, type ClockState, type SlaTarget, type TargetClock } from './deadlines';

export interface Escalation {
  fromTier: number;
  toTier: number;
  fromPriority: Priority;
  toPriority: Priority;
  /** The new assignee when the rules name one for the new tier or the missed target. */
  assignee: string | null;
}

export interface SlaFiring {
  kind: 'warning' | 'breach';
  target: SlaTarget;
  /** The deadline of the cycle this fired for (a warning names the deadline it warns of). */
  dueAt: number;
  /** When it was scheduled to fire: the warning time or the deadline. */
  scheduledAt: number;
  cycle: number;
  escalation: Escalation | null;
}

export const MAX_TIER = 3;
const priorityOrder = priorityEnum.options;

/** One step up per breach, as far as the rules allow; null when nothing would change. */
export function escalationFor(s: ClockState, target: SlaTarget): Escalation | null {
  const rules = s.sla.escalation;
  const toTier = rules.tierUp ? Math.min(MAX_TIER, s.tier + 1) : s.tier;
  const toPriority = rules.priorityUp
    ? priorityOrder[Math.min(priorityOrder.length - 1, priorityOrder.indexOf(s.priority) + 1)]!
    : s.priority;
  const named = rules.reassignTo[String(toTier)] ?? rules.reassignTo[target] ?? null;
  const assignee = named !== null && named !== s.assignee ? named : null;
  if (toTier === s.tier && toPriority === s.priority && assignee === null) return null;
  return { fromTier: s.tier, toTier, fromPriority: s.priority, toPriority, assignee };
}

/** Identity of a firing: the same warning or breach always has the same key (alarms may repeat). */
export function firingKey(caseId: string, f: Pick<SlaFiring, 'kind' | 'target' | 'dueAt'>): string {
  return `sla_${f.kind}:${caseId}:${f.target}:${f.dueAt}`;
}

function earliestDue(s: ClockState, now: number): [SlaTarget, TargetClock] | null {
  let best: [SlaTarget, TargetClock] | null = null;
  for (const [name, c] of countingTargets(s)) {
    const t = c.warnAt ?? c.dueAt;
    if (t <= now && (!best || t < (best[1].warnAt ?? best[1].dueAt))) best = [name, c];
  }
  return best;
}

/**
 * Everything due at `now`, in time order: each warning once, each breach once with its escalation.
 * A missed next-update starts its next cycle at the deadline (or at `now` when the alarm is so late
 * that the next cycle would already be over), so one late alarm never fires a burst of breaches.
 */
export function fireDue(state: ClockState, now: number): { state: ClockState; firings: SlaFiring[] } {
  let s = state;
  const firings: SlaFiring[] = [];
  for (let guard = 0; guard < 16; guard++) {
    const next = nextAlarmAt(s);
    if (next === null || next > now) break;
    const due = earliestDue(s, now);
    if (!due) break;
    const [target, c] = due;
    if (c.warnAt !== null) {
      firings.push({
        kind: 'warning',
        target,
        dueAt: c.dueAt,
        scheduledAt: c.warnAt,
        cycle: c.cycle,
        escalation: null,
      });
      s = { ...s, targets: { ...s.targets, [target]: { ...c, warnAt: null } } };
      continue;
    }
    const escalation = escalationFor(s, target);
    firings.push({ kind: 'breach', target, dueAt: c.dueAt, scheduledAt: c.dueAt, cycle: c.cycle, escalation });
    let replaced: TargetClock = { ...c, status: 'breached' };
    if (target === 'next_update') {
      const anchor = addBusinessMs(c.dueAt, c.budgetMs, s.sla) > now ? c.dueAt : now;
      const dueAt = addBusinessMs(anchor, c.budgetMs, s.sla);
      const warnAt = addBusinessMs(anchor, Math.floor(c.budgetMs * s.sla.escalation.warnAtRatio), s.sla);
      replaced = { anchor, budgetMs: c.budgetMs, pausedMs: 0, dueAt, warnAt, status: 'pending', cycle: c.cycle + 1 };
    }
    s = {
      ...s,
      tier: escalation?.toTier ?? s.tier,
      priority: escalation?.toPriority ?? s.priority,
      assignee: escalation?.assignee ?? s.assignee,
      breaches: s.breaches.includes(target) ? s.breaches : [...s.breaches, target],
      targets: { ...s.targets, [target]: replaced },
    };
  }
  return { state: s, firings };
}
