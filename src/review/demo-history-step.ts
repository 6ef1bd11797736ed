/**
 * Cron step, local demo only (`DEMO_HISTORY=1`, which `npm run dev` sets, and `INTEGRATIONS=local`): puts the demo shop's 90 days of history in on
 * the first tick after `npm run dev` seeded the shop, through the Worker's own D1 binding in a few
 * batches (~3 s). Through `wrangler d1 execute --file` the same 6 MB of SQL took 40 s and more,
 * most of it wrangler reading the file, so it is not on the start path. Idempotent: skipped once
 * the history's first order is there, and every row is INSERT OR IGNORE.
 */
import { DEMO_SHOP_ID } from '../db/demo-data';
import type { Services } from '../services';
import { historySeedStatements } from './seed-history';

const STATEMENTS_PER_BATCH = 2000;

export async function seedDemoHistoryStep(s: Services): Promise<{ seeded: number }> {
  if (s.env.DEMO_HISTORY !== '1' || s.settings.INTEGRATIONS !== 'local') return { seeded: 0 };
  const d1 = s.d1(DEMO_SHOP_ID);
  const shop = await d1
    .prepare(
      `SELECT (SELECT 1 FROM shops WHERE id = ?1) AS shop, (SELECT 1 FROM orders WHERE shop_id = ?1 AND name = '#5001') AS seeded`,
    )
    .bind(DEMO_SHOP_ID)
    .first<{ shop: number | null; seeded: number | null }>();
  if (!shop?.shop || shop.seeded) return { seeded: 0 };
  const statements = historySeedStatements(s.clock.now()).map((st) => d1.prepare(st.sql).bind(...st.params));
  for (let i = 0; i < statements.length; i += STATEMENTS_PER_BATCH)
    await d1.batch(statements.slice(i, i + STATEMENTS_PER_BATCH));
  return { seeded: statements.length };
}
