/**
 * Cron step: open cases that show no due time although they should be timed — their clock never
 * started (a lost `sla` effect, a bulk import) or its start never reached the row — are re-armed
 * through the same `resyncCases` as `POST /api/admin/sla/resync`, a bounded page per database per
 * tick. What counts as "should be timed": not resolved/closed/rejected, not paused by the clock
 * (`sla_paused_at` NULL), no `next_due_at`, and the resolution target not already breached (a
 * running clock always has resolution pending until then). A case the resync arms leaves the set,
 * so a second tick finds nothing to do. `cases_undue_open_idx` (partial) keeps the scan to those rows.
 */
import { terminalStatuses } from '../cases/vocabulary';
import { sqlInList } from '../lib/sql-list';
import { findShopById, shopPolicy } from '../db/shops';
import type { Env } from '../env';
import { eachDatabase } from '../db/databases';
import { createServices, type Services } from '../services';
import { resyncCases, type ResyncRow } from './clock-client';

export const RESYNC_PAGE = 100;

/** The rows the step picks; the WHERE repeats the partial index's predicate so SQLite can use it. */
export const undueOpenCasesSql = `
SELECT id, shop_id AS shopId, status, priority, tier, assignee, created_at AS createdAt, sla_paused_at AS slaPausedAt,
  updated_at AS updatedAt, next_due_at AS nextDueAt
FROM cases
WHERE next_due_at IS NULL AND sla_paused_at IS NULL AND status NOT IN ${sqlInList(terminalStatuses)}
  AND instr(breaches, '"resolution"') = 0
ORDER BY created_at LIMIT ?`;

export async function resyncUndueCases(
  s: Services,
  page = RESYNC_PAGE,
): Promise<{ checked: number; armed: number; failed: number; errors: number }> {
  let checked = 0;
  let armed = 0;
  let failed = 0;
  const errors = await eachDatabase(s.env, 'sla-resync', async (d1) => {
    const { results } = await d1
      .prepare(undueOpenCasesSql)
      .bind(page)
      .all<ResyncRow & { shopId: string; nextDueAt: number | null }>();
    const byShop = new Map<string, typeof results>();
    for (const r of results) byShop.set(r.shopId, [...(byShop.get(r.shopId) ?? []), r]);
    for (const [shopId, rows] of byShop) {
      const shop = await findShopById(s, shopId);
      if (!shop) continue;
      const done = await resyncCases(s, shopId, rows, shopPolicy(shop).sla);
      checked += rows.length;
      armed += done.armed;
      failed += done.failed;
    }
  });
  return { checked, armed, failed, errors };
}

export const slaResyncStep = (env: Env) => resyncUndueCases(createServices(env));
