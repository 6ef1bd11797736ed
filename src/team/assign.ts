/**
 * The dispatcher's decision, pure: who takes a case, and what the unassigned queue becomes when
 * capacity frees up. The per-shop Durable Object serializes calls and stores the outcome.
 *
 * A member fits a case when they are active, available and inside their working hours now, handle
 * its type or reason, speak its language, work its tier or a higher one, and have room.
 * - Skills: a member with no skills is a generalist and handles any case, so a shop that never
 *   sets skills still gets its cases assigned.
 * - Languages: a member with none listed takes any language; a case with none goes to anyone.
 *   Tags match on a subtag boundary (`de` serves `de-AT`, `en-US` serves `en`; `zh-CN` not `zh-TW`).
 * - Tier: the case's own tier is preferred; when nobody there fits, the nearest higher tier takes
 *   it rather than leaving it waiting (a first-line case reaches a specialist with room).
 * Among those who fit: nearest tier, then least open cases, then idle longest (never assigned
 * first), then member id so the same input always gives the same answer.
 */
import { type Priority, priorityEnum } from '../cases/policy-schema';
import { nextTier, type Role, type Tier, tierOf } from './roles';
import { isWorking, type WorkingHours } from './working-hours';

export type MemberStatus = 'available' | 'away';

export interface Candidate {
  memberId: string;
  role: Role;
  status: MemberStatus;
  /** False once deactivated. */
  active: boolean;
  languages: readonly string[];
  /** Case types and reason codes handled; empty = a generalist. */
  skills: readonly string[];
  /** Open cases at once; 0 takes no automatic work. */
  capacity: number;
  /** Open cases assigned now. */
  load: number;
  /** Epoch ms of the latest assignment, null if never. */
  lastAssignedAt: number | null;
  workingHours?: WorkingHours | null;
}

export interface Work {
  caseId: string;
  /** return, exchange, warranty, complaint, inquiry… */
  caseType: string;
  reasonCode?: string | null;
  /** BCP 47 tag of the customer's language, null if unknown. */
  language: string | null;
  tier: Tier;
  priority: Priority;
  /** Epoch ms. */
  openedAt: number;
}

export interface Assignment {
  caseId: string;
  memberId: string;
}

/** Active, available and inside working hours at `now`. */
export function isOnDuty(c: Candidate, zone: string, now: number): boolean {
  return c.active && c.status === 'available' && isWorking(c.workingHours, zone, now);
}

/** Skill, language and tier: whether this member may work this case at all. */
export function handles(c: Candidate, work: Work): boolean {
  const skilled = c.skills.length === 0 || c.skills.includes(work.caseType) || hasReasonSkill(c, work);
  return skilled && speaks(c.languages, work.language) && tierOf(c.role) >= work.tier;
}

function hasReasonSkill(c: Candidate, work: Work): boolean {
  return !!work.reasonCode && c.skills.includes(work.reasonCode);
}

export function speaks(languages: readonly string[], language: string | null): boolean {
  if (!language || languages.length === 0) return true;
  const wanted = language.toLowerCase();
  return languages.some((l) => {
    const have = l.toLowerCase();
    return have === wanted || wanted.startsWith(`${have}-`) || have.startsWith(`${wanted}-`);
  });
}

export function hasRoom(c: Candidate): boolean {
  return c.load < c.capacity;
}

/** The member who takes `work` now, or null when nobody fits and has room. */
export function pickAssignee(work: Work, candidates: readonly Candidate[], zone: string, now: number): string | null {
  const onDuty = candidates.filter((c) => isOnDuty(c, zone, now));
  return bestOf(work, onDuty)?.memberId ?? null;
}

function bestOf(work: Work, onDuty: readonly Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of onDuty) {
    if (hasRoom(c) && handles(c, work) && (!best || compareCandidates(c, best) < 0)) best = c;
  }
  return best;
}

function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    tierOf(a.role) - tierOf(b.role) ||
    a.load - b.load ||
    (a.lastAssignedAt ?? Number.NEGATIVE_INFINITY) - (b.lastAssignedAt ?? Number.NEGATIVE_INFINITY) ||
    (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0)
  );
}

const priorityRank = (p: Priority) => priorityEnum.options.indexOf(p);

/** Queue order: more urgent first, then oldest, then case id. */
export function byQueueOrder(a: Work, b: Work): number {
  return (
    priorityRank(b.priority) - priorityRank(a.priority) ||
    a.openedAt - b.openedAt ||
    (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0)
  );
}

/**
 * Assigns what it can of the unassigned queue, in queue order. Each assignment counts against the
 * member's load before the next, so nobody passes capacity. A case nobody fits is skipped, not a
 * stop: the cases behind it may still fit someone.
 */
export function drainQueue(
  unassigned: readonly Work[],
  candidates: readonly Candidate[],
  zone: string,
  now: number,
): Assignment[] {
  const onDuty = candidates.filter((c) => isOnDuty(c, zone, now)).map((c) => ({ ...c }));
  const assignments: Assignment[] = [];
  for (const work of [...unassigned].sort(byQueueOrder)) {
    const member = bestOf(work, onDuty);
    if (!member) continue;
    member.load += 1;
    member.lastAssignedAt = now;
    assignments.push({ caseId: work.caseId, memberId: member.memberId });
  }
  return assignments;
}

/** The tier an SLA breach hands a case to: the next one up; managers' cases stay with managers. */
export function escalationTier(currentTier: Tier): Tier {
  return nextTier(currentTier) ?? currentTier;
}
