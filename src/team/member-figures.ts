/**
 * Each member's figures for a date range (cases opened in it), and the same per tier: cases
 * handled, first response and resolution (median, p90), SLA compliance, CSAT, reopened cases,
 * first-contact resolution, and load against capacity now. Read from the per-day per-member
 * rollups (`case_handling_days`, `case_time_days`, src/db/handling-range.ts) plus the range's
 * partial days, never by scanning cases; percentiles come from the duration buckets (to within a
 * bucket, about 1.5x wide). Load is live, from the `(shop_id, assignee_id, status)` index.
 */
import { loadMemberHandling, type MemberHandling } from '../db/handling-range';
import type { Spread } from '../lib/duration-histogram';
import { combined, handlingFigures } from '../db/handling-figures';
import type { Services } from '../services';
import { loadCandidates } from './dispatch-store';
import { listMembers } from './members';
import { type Tier, tierOf } from './roles';

export type { Spread };

export interface Figures {
  assigned: number;
  handled: number;
  firstResponse: Spread;
  resolution: Spread;
  /** Share of cases with an SLA that never breached it (0–1), null without any. */
  slaCompliance: number | null;
  csat: { responses: number; average: number | null };
  reopened: number;
  /** Of the cases done, the share needing one reply at most and never reopened. */
  firstContactRate: number | null;
  load: number;
  capacity: number;
}

function figuresOf(rows: readonly MemberHandling[], load: number, capacity: number): Figures {
  const f = handlingFigures(combined(rows));
  return {
    assigned: f.cases,
    handled: f.done,
    firstResponse: f.firstReply,
    resolution: f.resolution,
    slaCompliance: f.sla.compliance,
    csat: { responses: f.csat.responses, average: f.csat.average },
    reopened: f.reopened,
    firstContactRate: f.firstContactRate,
    load,
    capacity,
  };
}

export async function memberFigures(s: Services, shopId: string, range: { from: number; to: number }) {
  const [members, candidates, handling] = await Promise.all([
    listMembers(s, shopId),
    loadCandidates(s, shopId),
    loadMemberHandling(s.d1(shopId), shopId, range),
  ]);
  const loadOf = new Map(candidates.map((m) => [m.memberId, m.load]));
  const rowsOf = (ids: ReadonlySet<string>) => handling.filter((h) => ids.has(h.member));
  const perMember = members.map((m) => ({
    memberId: m.id,
    name: m.name,
    role: m.role,
    tier: tierOf(m.role),
    ...figuresOf(rowsOf(new Set([m.id])), loadOf.get(m.id) ?? 0, m.capacity),
  }));
  const perTier = ([1, 2, 3] as Tier[]).map((tier) => {
    const own = perMember.filter((m) => m.tier === tier);
    const sum = (f: (m: (typeof own)[number]) => number) => own.reduce((a, m) => a + f(m), 0);
    return {
      tier,
      members: own.length,
      ...figuresOf(
        rowsOf(new Set(own.map((m) => m.memberId))),
        sum((m) => m.load),
        sum((m) => m.capacity),
      ),
    };
  });
  return { members: perMember, tiers: perTier };
}
