/**
 * What the dispatcher reads and writes in D1: the shop's members with their current load, the
 * unassigned open cases, and assignments (case row, `CaseAssigned` audit event, the member's last
 * assignment time) in one batch. Loads come from the `(shop_id, assignee_id, status)` index.
 */
import type { Candidate, Work } from './assign';
import type { Services } from '../services';
import type { Tier } from './roles';
import type { Priority } from '../cases/policy-schema';
import { findShopById } from '../db/shops';
import { onceEventStatements } from '../db/case-event-rows';
import { terminalStatuses } from '../cases/vocabulary';
import { sqlInList } from '../lib/sql-list';

/** A case in a terminal status no longer needs anyone: it frees its assignee's capacity. */
const DONE_SQL = sqlInList(terminalStatuses).slice(1, -1);

/** How many unassigned cases one drain looks at (oldest first); the next drain takes the rest. */
const DRAIN_WINDOW = 500;

interface MemberRowSql {
  id: string;
  role: Candidate['role'];
  status: Candidate['status'];
  active: number;
  languages: string;
  skills: string;
  capacity: number;
  working_hours: string | null;
  last_assigned_at: number | null;
  load: number;
}

export async function loadCandidates(s: Services, shopId: string): Promise<Candidate[]> {
  const { results } = await s
    .d1(shopId)
    .prepare(
      `SELECT m.id, m.role, m.status, m.active, m.languages, m.skills, m.capacity, m.working_hours, m.last_assigned_at,
              (SELECT COUNT(*) FROM cases c WHERE c.shop_id = m.shop_id AND c.assignee_id = m.id
                 AND c.status NOT IN (${DONE_SQL})) AS load
         FROM members m WHERE m.shop_id = ? AND m.active = 1`,
    )
    .bind(shopId)
    .all<MemberRowSql>();
  return results.map((m) => ({
    memberId: m.id,
    role: m.role,
    status: m.status,
    active: m.active === 1,
    languages: JSON.parse(m.languages) as string[],
    skills: JSON.parse(m.skills) as string[],
    capacity: m.capacity,
    load: m.load,
    lastAssignedAt: m.last_assigned_at,
    workingHours: m.working_hours ? JSON.parse(m.working_hours) : null,
  }));
}

interface WorkRowSql {
  id: string;
  type: string;
  priority: Priority;
  tier: number;
  locale: string | null;
  created_at: number;
  reason: string | null;
}

export async function loadUnassigned(s: Services, shopId: string, caseIds?: string[]): Promise<Work[]> {
  const only = caseIds ? `AND c.id IN (${caseIds.map(() => '?').join(',')})` : '';
  const { results } = await s
    .d1(shopId)
    .prepare(
      `SELECT c.id, c.type, c.priority, c.tier, c.locale, c.created_at,
              (SELECT i.reason FROM case_items i WHERE i.shop_id = c.shop_id AND i.case_id = c.id LIMIT 1) AS reason
         FROM cases c WHERE c.shop_id = ? AND c.assignee_id IS NULL AND c.status NOT IN (${DONE_SQL}) ${only}
        ORDER BY c.created_at LIMIT ${DRAIN_WINDOW}`,
    )
    .bind(shopId, ...(caseIds ?? []))
    .all<WorkRowSql>();
  return results.map((c) => ({
    caseId: c.id,
    caseType: c.type,
    reasonCode: c.reason,
    language: c.locale,
    tier: Math.min(3, Math.max(1, c.tier)) as Tier,
    priority: c.priority,
    openedAt: c.created_at,
  }));
}

export async function shopZone(s: Services, shopId: string): Promise<string> {
  return (await findShopById(s, shopId))?.timezone ?? 'UTC';
}

export interface AssignmentWrite {
  caseId: string;
  memberId: string | null;
  /** `dispatcher`, `operator` or the member who assigned by hand. */
  actor: string;
  /** Only when the case still has this assignee (null: unassigned); a changed case is skipped. */
  expectedAssignee: string | null;
  reason: 'new' | 'capacity' | 'manual' | 'escalation' | 'released';
}

/** One batch: each case row (guarded by its expected assignee), its audit event, the member's time. */
export async function writeAssignments(s: Services, shopId: string, writes: AssignmentWrite[], now: number) {
  if (writes.length === 0) return;
  const d1 = s.d1(shopId);
  const statements = writes.flatMap((w) => {
    return [
      d1
        .prepare(
          `UPDATE cases SET assignee_id = ?, updated_at = ?
            WHERE shop_id = ? AND id = ? AND assignee_id IS ?`,
        )
        .bind(w.memberId, now, shopId, w.caseId, w.expectedAssignee),
      // Recorded only when the update above took (the case now has this assignee and changed at `now`).
      ...onceEventStatements(s, {
        shopId,
        caseId: w.caseId,
        id: s.newId('cev'),
        type: 'CaseAssigned',
        actor: w.actor,
        data: { memberId: w.memberId, from: w.expectedAssignee, reason: w.reason },
        at: now,
        onlyIf: {
          sql: 'SELECT 1 FROM cases WHERE shop_id = ? AND id = ? AND assignee_id IS ? AND updated_at = ?',
          params: [shopId, w.caseId, w.memberId, now],
        },
      }),
      d1.prepare('UPDATE members SET last_assigned_at = ? WHERE shop_id = ? AND id = ?').bind(now, shopId, w.memberId),
    ];
  });
  // Four statements a write, never split across batches (D1 caps a batch's size).
  for (let i = 0; i < statements.length; i += 88) await d1.batch(statements.slice(i, i + 88));
}

/** The case's assignee (null: unassigned), or undefined when the shop has no such case. */
export async function currentAssignee(s: Services, shopId: string, caseId: string): Promise<string | null | undefined> {
  const row = await s
    .d1(shopId)
    .prepare('SELECT assignee_id AS assignee FROM cases WHERE shop_id = ? AND id = ?')
    .bind(shopId, caseId)
    .first<{ assignee: string | null }>();
  return row ? row.assignee : undefined;
}

/** The member's open cases (ids). */
export async function openCasesOf(s: Services, shopId: string, memberId: string): Promise<string[]> {
  const { results } = await s
    .d1(shopId)
    .prepare(`SELECT id FROM cases WHERE shop_id = ? AND assignee_id = ? AND status NOT IN (${DONE_SQL})`)
    .bind(shopId, memberId)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}
