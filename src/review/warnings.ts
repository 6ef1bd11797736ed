/**
 * Cron step: the early warnings. Per shop, the whole UTC days since the last evaluation (on the
 * first, the last BACKFILL_DAYS) are read once (warning-counts.ts), every detector with news is
 * stepped from its stored state (warning-steps.ts), and the new states, the episodes' alert rows
 * and their notifications go in one batch. Never a rescan: each day is read when it is evaluated.
 * Duplicate or concurrent ticks change nothing twice: a state is written only past its stored
 * day, an alert is unique per (shop, kind, subject, metric, opening day), messages by dedupe key.
 */
import { allDatabases } from '../db/databases';
import { log } from '../lib/log';
import type { Services } from '../services';
import { alertStatements } from './warning-effects';
import { DAY_MS, loadWarningCounts } from './warning-counts';
import { type Detector, stepDetectors } from './warning-steps';

/** A shop's first evaluation looks back this far (a new install, the demo's history). */
export const BACKFILL_DAYS = 120;
const SHOPS_PER_TICK = 25;
const WRITES_PER_BATCH = 500;
/** The progress row: the last UTC day every detector of the shop has seen. */
export const CURSOR = { subject: '*', metric: 'evaluated' } as const;

async function shopsBehind(s: Services, lastDay: number): Promise<string[]> {
  const ids = new Set<string>();
  for (const d1 of allDatabases(s.env)) {
    const rows = await d1
      .prepare(
        `SELECT s.id FROM shops s WHERE s.status = 'active' AND COALESCE((SELECT d.last_day FROM detector_states d
           WHERE d.shop_id = s.id AND d.subject = ?2 AND d.metric = ?3), -1) < ?1 LIMIT ${SHOPS_PER_TICK}`,
      )
      .bind(lastDay, CURSOR.subject, CURSOR.metric)
      .all<{ id: string }>();
    for (const r of rows.results) ids.add(r.id);
  }
  return [...ids].slice(0, SHOPS_PER_TICK);
}

async function storedDetectors(d1: D1Database, shopId: string): Promise<Detector[]> {
  const rows = await d1
    .prepare(`SELECT subject, metric, state, last_day FROM detector_states WHERE shop_id = ?1`)
    .bind(shopId)
    .all<{ subject: string; metric: string; state: string; last_day: number }>();
  return rows.results.map((r) => ({
    subject: r.subject,
    metric: r.metric,
    state: JSON.parse(r.state),
    lastDay: r.last_day,
  }));
}

const saveState = (d1: D1Database, shopId: string, d: Detector) =>
  d1
    .prepare(
      `INSERT INTO detector_states (shop_id, subject, metric, state, last_day) VALUES (?1, ?2, ?3, ?4, ?5)
       ON CONFLICT (shop_id, subject, metric) DO UPDATE SET state = excluded.state, last_day = excluded.last_day
       WHERE detector_states.last_day < excluded.last_day`,
    )
    .bind(shopId, d.subject, d.metric, JSON.stringify(d.state), d.lastDay);

/** Evaluates one shop's days after its cursor through `last`; returns the episodes opened and closed. */
export async function evaluateShopWarnings(s: Services, shopId: string, last: number) {
  const d1 = s.d1(shopId);
  const stored = await storedDetectors(d1, shopId);
  const cursor = stored.find((d) => d.subject === CURSOR.subject && d.metric === CURSOR.metric);
  const first = cursor ? cursor.lastDay + 1 : last - BACKFILL_DAYS + 1;
  if (first > last) return { opened: 0, closed: 0 };
  const counts = await loadWarningCounts(d1, shopId, first, last);
  const stepped = stepDetectors(stored, counts, first, last);
  const effects = await alertStatements(s, shopId, stepped.events);
  const writes = [...stepped.detectors.map((d) => saveState(d1, shopId, d)), ...effects.statements];
  // In chunks for a big catalogue; safe to cut: a rerun skips every state already written, and
  // the cursor moves last.
  for (let i = 0; i < writes.length; i += WRITES_PER_BATCH) await d1.batch(writes.slice(i, i + WRITES_PER_BATCH));
  await d1.batch([saveState(d1, shopId, { ...CURSOR, state: {}, lastDay: last })]);
  await effects.afterCommit();
  return effects.counts;
}

export async function evaluateWarnings(
  s: Services,
): Promise<{ shops: number; opened: number; closed: number; errors: number }> {
  const last = Math.floor(s.clock.now() / DAY_MS) - 1;
  const total = { shops: 0, opened: 0, closed: 0, errors: 0 };
  for (const shopId of await shopsBehind(s, last)) {
    try {
      const r = await evaluateShopWarnings(s, shopId, last);
      total.shops++;
      total.opened += r.opened;
      total.closed += r.closed;
    } catch (err) {
      total.errors++;
      log({ kind: 'cron', outcome: 'error', durationMs: 0, step: 'early-warnings', shopId, error: String(err) });
    }
  }
  return total;
}
