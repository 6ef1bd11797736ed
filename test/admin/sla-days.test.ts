import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as live from '../../src/admin/metrics/queries';
import { rolledSlaCompliance } from '../../src/admin/metrics/reason-queries';
import { rebuildSlaDaysSql } from '../../src/db/sla-days';
import { allTriggersSql } from '../../src/db/triggers';
import { rangeDayPieces } from '../../src/lib/day-pieces';
import { createServices } from '../../src/services';
import { nearestRank, rolledTargetCountsSql, slaMetrics, targetCountsSql } from '../../src/sla/metrics';

/**
 * `case_sla_days` (kept by triggers) against the live per-case SLA flags it replaces, after random
 * histories of the writes that move them: cases opened with or without a clock, the CaseClock's
 * mirror (first response, breaches, resolution, close), escalations (priority, tier), deletions.
 * And the percentiles, which stay index walks (from whichever end is nearer), against a sort in JS.
 */
const db = env.DB;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const DST = Date.UTC(2026, 10, 1, 4); // New York's local midnight before the 2026 DST change
const T0 = DST - 3 * DAY;
const priorities = ['low', 'normal', 'high', 'urgent'] as const;
const targets = ['first_response', 'next_update', 'resolution'] as const;

type Op =
  | {
      op: 'case';
      at: number;
      clock: boolean;
      priority: (typeof priorities)[number];
      tier: number;
      respondedAfter: number | null;
    }
  | {
      op: 'mirror';
      kase: number;
      respondedAfter: number | null;
      resolvedAfter: number | null;
      closed: boolean;
      breaches: string[];
    }
  | { op: 'escalate'; kase: number; priority: (typeof priorities)[number]; tier: number }
  | { op: 'delete'; kase: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('case' as const),
      at: fc.integer({ min: 0, max: 6 * DAY }),
      clock: fc.boolean(),
      priority: fc.constantFrom(...priorities),
      tier: fc.integer({ min: 1, max: 3 }),
      respondedAfter: fc.option(fc.integer({ min: 0, max: 50 * HOUR })),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('mirror' as const),
      kase: fc.nat(),
      respondedAfter: fc.option(fc.integer({ min: 0, max: 50 * HOUR })),
      resolvedAfter: fc.option(fc.integer({ min: 0, max: 90 * HOUR })),
      closed: fc.boolean(),
      breaches: fc.subarray([...targets]),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('escalate' as const),
      kase: fc.nat(),
      priority: fc.constantFrom(...priorities),
      tier: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), kase: fc.nat() }) },
);

async function apply(shop: string, o: Op, cases: Array<{ id: string; created: number }>): Promise<void> {
  if (o.op === 'case') {
    const id = `${shop}_c${cases.length}`;
    const created = T0 + o.at;
    cases.push({ id, created });
    await db
      .prepare(
        `INSERT INTO cases (id, shop_id, number, type, status, priority, tier, source, currency, created_at, updated_at, first_response_due_at, first_responded_at)
         VALUES (?1, ?2, ?3, 'return', 'requested', ?4, ?5, 'portal', 'USD', ?6, ?6, ?7, ?8)`,
      )
      .bind(
        id,
        shop,
        cases.length,
        o.priority,
        o.tier,
        created,
        o.clock ? created + 8 * HOUR : null,
        o.respondedAfter === null ? null : created + o.respondedAfter,
      )
      .run();
    return;
  }
  const c = cases[o.kase % Math.max(1, cases.length)];
  if (!c) return;
  if (o.op === 'mirror') {
    // What the CaseClock's mirror and the commands write (src/sla/record-firings.ts, the case repository).
    await db
      .prepare(
        `UPDATE cases SET first_responded_at = ?2, resolved_at = ?3, closed_at = ?4, breaches = ?5, breached = ?6, updated_at = updated_at + 1 WHERE id = ?1`,
      )
      .bind(
        c.id,
        o.respondedAfter === null ? null : c.created + o.respondedAfter,
        o.resolvedAfter === null ? null : c.created + o.resolvedAfter,
        o.closed ? c.created + 99 * HOUR : null,
        JSON.stringify(o.breaches),
        o.breaches.length > 0 ? 1 : 0,
      )
      .run();
  } else if (o.op === 'escalate') {
    await db
      .prepare(`UPDATE cases SET priority = ?2, tier = ?3, version = version + 1 WHERE id = ?1`)
      .bind(c.id, o.priority, o.tier)
      .run();
  } else {
    await db.prepare(`DELETE FROM cases WHERE id = ?1`).bind(c.id).run();
  }
}

const ranges = [
  { from: T0 - DAY, to: T0 + 8 * DAY },
  { from: DST - 2 * DAY, to: DST + DAY + HOUR },
  { from: T0 + 5 * HOUR, to: T0 + 55 * HOUR },
  { from: T0 + 2 * DAY + HOUR, to: T0 + 2 * DAY + 3 * HOUR },
];

const rows = async (shop: string) =>
  (
    await db
      .prepare(`SELECT * FROM case_sla_days WHERE shop_id = ?1 AND cases <> 0 ORDER BY day, priority, tier`)
      .bind(shop)
      .all()
  ).results;

/** Nearest-rank p50/p90 of the durations, computed in JS from every row: the reference for the index walks. */
async function expectedDurations(
  shop: string,
  range: { from: number; to: number },
  col: 'first_responded_at' | 'resolved_at',
  group: string | null,
  value: string | null,
) {
  const where = group ? ` AND CAST(${group} AS TEXT) = ?4` : '';
  const r = await db
    .prepare(
      `SELECT ${col} - created_at AS v FROM cases WHERE shop_id = ?1 AND created_at >= ?2 AND created_at < ?3 AND first_response_due_at IS NOT NULL AND ${col} IS NOT NULL${where}`,
    )
    .bind(shop, range.from, range.to, ...(group ? [value] : []))
    .all<{ v: number }>();
  const v = r.results.map((x) => x.v).sort((a, b) => a - b);
  return {
    n: v.length,
    p50Ms: v.length ? v[nearestRank(v.length, 50) - 1]! : null,
    p90Ms: v.length ? v[nearestRank(v.length, 90) - 1]! : null,
  };
}

describe('case_sla_days, kept by triggers', () => {
  it('equals the live SLA counts for any range after any history, and a rebuild; percentiles equal a full sort', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 5, maxLength: 40, size: 'max' }),
        fc.integer({ min: 0, max: 7 * DAY }),
        fc.integer({ min: 1, max: 3 * DAY }),
        async (ops, start, span) => {
          const shop = `shop_sd${run++}`;
          const cases: Array<{ id: string; created: number }> = [];
          for (const o of ops) await apply(shop, o, cases);
          for (const range of [...ranges, { from: T0 - DAY + start, to: T0 - DAY + start + span }]) {
            const p = [shop, range.from, range.to];
            const pieces = rangeDayPieces(range);
            const what = JSON.stringify(range);
            expect(
              (
                await db
                  .prepare(rolledTargetCountsSql)
                  .bind(...p, ...pieces)
                  .all()
              ).results,
              what,
            ).toEqual(
              (
                await db
                  .prepare(targetCountsSql)
                  .bind(...p)
                  .all()
              ).results,
            );
            expect(
              await db
                .prepare(rolledSlaCompliance)
                .bind(...p, 10, ...pieces)
                .first(),
              what,
            ).toEqual(
              await db
                .prepare(live.slaCompliance)
                .bind(...p)
                .first(),
            );
            const m = await slaMetrics(createServices(env), shop, range);
            for (const [grouping, column] of [
              ['all', null],
              ['priority', 'priority'],
              ['tier', 'tier'],
            ] as const) {
              for (const g of m[grouping]) {
                expect(g.timeToFirstResponse, `${what} ${grouping} ${g.group}`).toEqual(
                  await expectedDurations(shop, range, 'first_responded_at', column, g.group),
                );
                expect(g.timeToResolution, `${what} ${grouping} ${g.group}`).toEqual(
                  await expectedDurations(shop, range, 'resolved_at', column, g.group),
                );
              }
            }
          }
          const kept = await rows(shop);
          await db.batch(rebuildSlaDaysSql().map((sql) => db.prepare(sql).bind(shop)));
          expect(kept).toEqual(await rows(shop));
        },
      ),
      { numRuns: 30 },
    );
  }, 180_000);

  it('the migration carries the triggers exactly as src/db generates them (npm run db:generate appends them)', async () => {
    const applied = await db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`)
      .all<{ name: string; sql: string }>();
    const norm = (s: string) => s.replace(/\s+/g, ' ').replace(/;\s*$/, '').trim();
    const generated = allTriggersSql().split('--> statement-breakpoint').map(norm);
    expect(applied.results.map((r) => norm(r.sql)).sort()).toEqual(generated.sort());
  });
});
