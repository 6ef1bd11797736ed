/**
 * Each member's figures for a date range (cases opened in it), and the same per tier: cases
 * handled, first response and resolution (median, p90), SLA compliance, CSAT, reopened cases, and
 * load against capacity now. Read through the `(shop_id, created_at)` index over the range and the
 * `(shop_id, assignee_id, status)` index for load; never a scan of the shop's whole history.
 */
import type { Services } from '../services';
import { loadCandidates } from './dispatch-store';
import { listMembers } from './members';
import { tierOf, type Tier } from './roles';

export interface Spread {
  n: number;
  p50Ms: number | null;
  p90Ms: number | null;
}

export interface Figures {
  assigned: number;
  handled: number;
  firstResponse: Spread;
  resolution: Spread;
  /** Share of cases with an SLA that never breached it (0–1), null without any. */
  slaCompliance: number | null;
  csat: { responses: number; average: number | null };
  reopened: number;
  load: number;
  capacity: number;
}

interface CaseRowSql {
  assignee: string;
  created_at: number;
  first_responded_at: number | null;
  resolved_at: number | null;
  breached: number;
  has_sla: number;
  csat: number | null;
  reopened: number;
}

/** Nearest-rank percentile of sorted values. */
function spread(values: number[]): Spread {
  const v = [...values].sort((a, b) => a - b);
  const at = (p: number) => (v.length ? v[Math.min(v.length - 1, Math.ceil(p * v.length) - 1)]! : null);
  return { n: v.length, p50Ms: at(0.5), p90Ms: at(0.9) };
}

function figuresOf(rows: CaseRowSql[], load: number, capacity: number): Figures {
  const withSla = rows.filter((r) => r.has_sla === 1);
  const scores = rows.flatMap((r) => (r.csat === null ? [] : [r.csat]));
  return {
    assigned: rows.length,
    handled: rows.filter((r) => r.resolved_at !== null).length,
    firstResponse: spread(rows.flatMap((r) => (r.first_responded_at ? [r.first_responded_at - r.created_at] : []))),
    resolution: spread(rows.flatMap((r) => (r.resolved_at ? [r.resolved_at - r.created_at] : []))),
    slaCompliance: withSla.length ? withSla.filter((r) => r.breached === 0).length / withSla.length : null,
    csat: {
      responses: scores.length,
      average: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
    },
    reopened: rows.filter((r) => r.reopened > 0).length,
    load,
    capacity,
  };
}

export async function memberFigures(s: Services, shopId: string, range: { from: number; to: number }) {
  const [members, candidates, { results }] = await Promise.all([
    listMembers(s, shopId),
    loadCandidates(s, shopId),
    s
      .d1(shopId)
      .prepare(
        `SELECT c.assignee_id AS assignee, c.created_at, c.first_responded_at, c.resolved_at, c.breached,
                (c.first_response_due_at IS NOT NULL) AS has_sla,
                (SELECT v.score FROM surveys v WHERE v.shop_id = c.shop_id AND v.case_id = c.id AND v.kind = 'csat'
                   AND v.score IS NOT NULL LIMIT 1) AS csat,
                (SELECT COUNT(*) FROM case_events e WHERE e.shop_id = c.shop_id AND e.case_id = c.id
                   AND e.type = 'CaseReopened') AS reopened
           FROM cases c INDEXED BY cases_shop_assigned_created_idx
          WHERE c.shop_id = ? AND c.created_at >= ? AND c.created_at < ? AND c.assignee_id IS NOT NULL`,
      )
      .bind(shopId, range.from, range.to)
      .all<CaseRowSql>(),
  ]);
  const loadOf = new Map(candidates.map((m) => [m.memberId, m.load]));
  const byMember = new Map<string, CaseRowSql[]>();
  for (const r of results) byMember.set(r.assignee, [...(byMember.get(r.assignee) ?? []), r]);
  const perMember = members.map((m) => ({
    memberId: m.id,
    name: m.name,
    role: m.role,
    tier: tierOf(m.role),
    ...figuresOf(byMember.get(m.id) ?? [], loadOf.get(m.id) ?? 0, m.capacity),
  }));
  const perTier = ([1, 2, 3] as Tier[]).map((tier) => {
    const ids = new Set(perMember.filter((m) => m.tier === tier).map((m) => m.memberId));
    const rows = results.filter((r) => ids.has(r.assignee));
    const own = perMember.filter((m) => m.tier === tier);
    const sum = (f: (m: (typeof own)[number]) => number) => own.reduce((a, m) => a + f(m), 0);
    return {
      tier,
      members: own.length,
      ...figuresOf(
        rows,
        sum((m) => m.load),
        sum((m) => m.capacity),
      ),
    };
  });
  return { members: perMember, tiers: perTier };
}
