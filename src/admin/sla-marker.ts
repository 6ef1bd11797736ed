import type { Policy, Priority } from '../cases/policy-schema';
import { duration } from '../views/admin/format';

export interface SlaFields {
  priority: string;
  breached: boolean;
  nextDueAt: number | null;
  firstResponseDueAt: number | null;
  nextUpdateDueAt: number | null;
  resolutionDueAt: number | null;
}

export type SlaTarget = 'firstResponse' | 'nextUpdate' | 'resolution';

/**
 * `label` is the English text (API and logs); screens render `which` and `leftMs` in the member's
 * language (views/admin/words.ts).
 */
export type SlaMarker = {
  kind: 'breach' | 'warn' | 'ok' | 'none';
  label: string;
  target: string | null;
  which?: SlaTarget;
  /** Time to the next due instant; negative when overdue. */
  leftMs?: number;
};

/**
 * Which target is next and how close it is: breached (recorded, or already past due), warning once
 * less than (1 − warnAtRatio) of that target's length is left, else on track.
 */
export function slaMarker(c: SlaFields, policy: Policy, now: number): SlaMarker {
  if (c.nextDueAt === null)
    return c.breached
      ? { kind: 'breach', label: 'breached', target: null }
      : { kind: 'none', label: 'nothing due', target: null };
  const which: SlaTarget =
    c.nextDueAt === c.firstResponseDueAt
      ? 'firstResponse'
      : c.nextDueAt === c.nextUpdateDueAt
        ? 'nextUpdate'
        : 'resolution';
  const target = which === 'firstResponse' ? 'first response' : which === 'nextUpdate' ? 'next update' : 'resolution';
  const left = c.nextDueAt - now;
  if (left < 0)
    return { kind: 'breach', label: `${target} overdue by ${duration(-left)}`, target, which, leftMs: left };
  const targets =
    policy.sla.targets[(c.priority as Priority) in policy.sla.targets ? (c.priority as Priority) : 'normal'];
  const lengthMs = targets[`${which}Minutes`] * 60_000;
  const warn = left < (1 - policy.sla.escalation.warnAtRatio) * lengthMs;
  const label = `${target} due in ${duration(left)}`;
  if (c.breached) return { kind: 'breach', label: `breached · ${label}`, target, which, leftMs: left };
  return { kind: warn ? 'warn' : 'ok', label, target, which, leftMs: left };
}
