/**
 * Cron step: when a member's working hours begin (in the shop's zone), the waiting unassigned
 * cases go to whoever is now on duty, them included, at once, instead of waiting for the next
 * arrival or closure. Once per member and shift start: the tick that records the start in
 * `shift_drains` (INSERT OR IGNORE) drains; later ticks, and a concurrent one, find it recorded.
 */
import { allDatabases } from '../db/databases';
import { HOUR_MS } from '../lib/durations';
import { log } from '../lib/log';
import type { Services } from '../services';
import { latestShiftStart, type WorkingHours } from './working-hours';

/** A shift start the cron missed (a gap in ticks) still drains this long after. */
const LOOKBACK_MS = 6 * HOUR_MS;
/** Recorded starts are kept a week, then pruned. */
const KEEP_MS = 7 * 24 * HOUR_MS;

interface OnShiftRow {
  id: string;
  shop_id: string;
  working_hours: string;
  timezone: string | null;
}

const membersWithHours = `
SELECT m.id, m.shop_id, m.working_hours, s.timezone FROM members m JOIN shops s ON s.id = m.shop_id
WHERE s.status = 'active' AND m.active = 1 AND m.status = 'available' AND m.working_hours IS NOT NULL`;

/** The shops where a member's shift began since the look-back and no tick has claimed it yet. */
async function claimShiftStarts(d1: D1Database, now: number): Promise<Map<string, Array<[string, number]>>> {
  const { results } = await d1.prepare(membersWithHours).all<OnShiftRow>();
  const claimed = new Map<string, Array<[string, number]>>();
  for (const m of results) {
    const hours = JSON.parse(m.working_hours) as WorkingHours;
    const start = latestShiftStart(hours, m.timezone || 'UTC', now - LOOKBACK_MS, now);
    if (start === null) continue;
    const r = await d1
      .prepare(
        `INSERT OR IGNORE INTO shift_drains (shop_id, member_id, shift_start, drained_at) VALUES (?1, ?2, ?3, ?4)`,
      )
      .bind(m.shop_id, m.id, start, now)
      .run();
    if (r.meta.changes > 0) claimed.set(m.shop_id, [...(claimed.get(m.shop_id) ?? []), [m.id, start]]);
  }
  return claimed;
}

export async function drainAtShiftStarts(s: Services): Promise<{ shifts: number; assigned: number; errors: number }> {
  const now = s.clock.now();
  const out = { shifts: 0, assigned: 0, errors: 0 };
  for (const d1 of allDatabases(s.env)) {
    for (const [shopId, starts] of await claimShiftStarts(d1, now)) {
      out.shifts += starts.length;
      try {
        out.assigned += (await s.dispatcher.drain(shopId)).length;
      } catch (err) {
        out.errors++;
        // Unclaim, so the next tick tries again.
        await d1.batch(
          starts.map(([memberId, start]) =>
            d1
              .prepare(`DELETE FROM shift_drains WHERE shop_id = ?1 AND member_id = ?2 AND shift_start = ?3`)
              .bind(shopId, memberId, start),
          ),
        );
        log({ kind: 'cron', outcome: 'error', durationMs: 0, step: 'shift-drain', shopId, error: String(err) });
      }
    }
    await d1
      .prepare(`DELETE FROM shift_drains WHERE shift_start < ?1`)
      .bind(now - KEEP_MS)
      .run();
  }
  return out;
}
