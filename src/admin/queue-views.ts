/**
 * The queue's views by assignee: "Mine", "Unassigned", "My team" (the members of my tier), with
 * the open-case count of each, from the `(shop_id, assignee_id, status)` index.
 */
import type { Services } from '../services';
import type { MemberRow } from '../team/members';
import type { Principal } from '../team/principal';
import { tierOf } from '../team/roles';
import { terminalStatuses } from '../cases/vocabulary';
import { sqlInList } from '../lib/sql-list';
import type { QueueFilter, queueViews } from './queue';

export type QueueView = (typeof queueViews)[number];
type Whose = Pick<QueueFilter, 'assignee' | 'assigneeIn'>;

/** Who each view shows; the operator has no cases of their own, so "Mine" is empty for them. */
export function whoseCases(view: QueueView, who: Principal, members: readonly MemberRow[]): Whose {
  if (view === 'mine') return { assigneeIn: who.memberId ? [who.memberId] : [] };
  if (view === 'unassigned') return { assignee: null };
  if (view === 'team') {
    const tier = tierOf(who.role);
    return { assigneeIn: members.filter((m) => m.active && tierOf(m.role) === tier).map((m) => m.id) };
  }
  return {};
}

const OPEN = `status NOT IN ${sqlInList(terminalStatuses)}`;

/** Open cases per view, for the tabs. */
export async function viewCounts(s: Services, shopId: string, who: Principal, members: readonly MemberRow[]) {
  const d1 = s.d1(shopId);
  const countOf = async (whose: Whose): Promise<number> => {
    if (whose.assigneeIn?.length === 0) return 0;
    const ids = whose.assigneeIn ?? [];
    const clause = whose.assignee === null ? 'assignee_id IS NULL' : `assignee_id IN (${ids.map(() => '?').join(',')})`;
    const row = await d1
      .prepare(`SELECT COUNT(*) AS n FROM cases WHERE shop_id = ? AND ${clause} AND ${OPEN}`)
      .bind(shopId, ...ids)
      .first<{ n: number }>();
    return row?.n ?? 0;
  };
  const [mine, unassigned, team] = await Promise.all(
    (['mine', 'unassigned', 'team'] as const).map((v) => countOf(whoseCases(v, who, members))),
  );
  return { mine: mine!, unassigned: unassigned!, team: team! };
}
