import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handlingLiveSql, rebuildHandlingDaysSql, timesLiveSql } from '../../src/db/handling-days';
import { handlingByMemberSql, handlingRangeBinds, timesByMemberSql } from '../../src/db/handling-range';

/**
 * `case_handling_days` and `case_time_days` (kept by triggers) against the same shares read live
 * from the cases, after random histories of the writes that move them: cases opened and assigned,
 * replies, information requests and reopenings recorded as case events, first responses,
 * resolutions and closes, breaches, reassignment, CSAT answers given and changed, deletions.
 */
const db = env.DB;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const DST = Date.UTC(2026, 10, 1, 4);
const T0 = DST - 3 * DAY;
const members = [null, 'mem_a', 'mem_b'] as const;

type Op =
  | { op: 'case'; at: number; member: number; clock: boolean; respondedAfter: number | null }
  | { op: 'event'; kase: number; type: 'ReplySent' | 'InfoRequested' | 'CaseReopened' | 'NoteAdded' }
  | {
      op: 'mirror';
      kase: number;
      respondedAfter: number | null;
      resolvedAfter: number | null;
      closed: boolean;
      breached: boolean;
    }
  | { op: 'assign'; kase: number; member: number }
  | { op: 'survey'; kase: number; kind: 'csat' | 'nps'; score: number | null }
  | { op: 'delete'; kase: number };

const kase = fc.nat();
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('case' as const),
      at: fc.integer({ min: 0, max: 6 * DAY }),
      member: fc.integer({ min: 0, max: 2 }),
      clock: fc.boolean(),
      respondedAfter: fc.option(fc.integer({ min: 0, max: 50 * HOUR })),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('event' as const),
      kase,
      type: fc.constantFrom(
        'ReplySent' as const,
        'InfoRequested' as const,
        'CaseReopened' as const,
        'NoteAdded' as const,
      ),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('mirror' as const),
      kase,
      respondedAfter: fc.option(fc.integer({ min: 0, max: 50 * HOUR })),
      resolvedAfter: fc.option(fc.integer({ min: 0, max: 400 * HOUR })),
      closed: fc.boolean(),
      breached: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('assign' as const), kase, member: fc.integer({ min: 0, max: 2 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('survey' as const),
      kase,
      kind: fc.constantFrom('csat' as const, 'nps' as const),
      score: fc.option(fc.integer({ min: 1, max: 5 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), kase }) },
);

async function apply(shop: string, o: Op, cases: Array<{ id: string; created: number }>, seq: { n: number }) {
  if (o.op === 'case') {
    const id = `${shop}_c${cases.length}`;
    const created = T0 + o.at;
    cases.push({ id, created });
    await db
      .prepare(
        `INSERT INTO cases (id, shop_id, number, type, status, source, currency, created_at, updated_at, assignee_id, first_response_due_at, first_responded_at)
         VALUES (?1, ?2, ?3, 'return', 'requested', 'portal', 'USD', ?4, ?4, ?5, ?6, ?7)`,
      )
      .bind(
        id,
        shop,
        cases.length,
        created,
        members[o.member],
        o.clock ? created + 8 * HOUR : null,
        o.respondedAfter === null ? null : created + o.respondedAfter,
      )
      .run();
    return;
  }
  const c = cases[o.kase % Math.max(1, cases.length)];
  if (!c) return;
  const n = seq.n++;
  if (o.op === 'event') {
    await db
      .prepare(`INSERT INTO case_events (id, shop_id, case_id, type, actor, at) VALUES (?1, ?2, ?3, ?4, 'agent', ?5)`)
      .bind(`${shop}_e${n}`, shop, c.id, o.type, c.created + n)
      .run();
  } else if (o.op === 'mirror') {
    await db
      .prepare(
        `UPDATE cases SET first_responded_at = ?2, resolved_at = ?3, closed_at = ?4, breached = ?5, updated_at = updated_at + 1 WHERE id = ?1`,
      )
      .bind(
        c.id,
        o.respondedAfter === null ? null : c.created + o.respondedAfter,
        o.resolvedAfter === null ? null : c.created + o.resolvedAfter,
        o.closed ? c.created + 99 * HOUR : null,
        o.breached ? 1 : 0,
      )
      .run();
  } else if (o.op === 'assign') {
    await db.prepare(`UPDATE cases SET assignee_id = ?2 WHERE id = ?1`).bind(c.id, members[o.member]).run();
  } else if (o.op === 'survey') {
    // One survey per case subject: a second answer on the same case changes the score.
    await db
      .prepare(
        `INSERT INTO surveys (id, shop_id, case_id, subject, kind, status, due_at, score, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'answered', 0, ?6, 0, 0)
         ON CONFLICT (shop_id, subject) DO UPDATE SET score = excluded.score, kind = excluded.kind`,
      )
      .bind(`${shop}_v${n}`, shop, c.id, `case:${c.id}`, o.kind, o.score)
      .run();
  } else {
    await db.prepare(`DELETE FROM cases WHERE id = ?1`).bind(c.id).run();
  }
}

const snapshot = async (shop: string) => [
  (
    await db
      .prepare(`SELECT * FROM case_handling_days WHERE shop_id = ?1 AND cases <> 0 ORDER BY day, member`)
      .bind(shop)
      .all()
  ).results,
  (
    await db
      .prepare(`SELECT * FROM case_time_days WHERE shop_id = ?1 AND n <> 0 ORDER BY day, member, metric, bucket`)
      .bind(shop)
      .all()
  ).results,
];

const memberKey = ["COALESCE(c.assignee_id, '') AS member"];
const whole = 'c.shop_id = ?1 AND c.created_at >= ?2 AND c.created_at < ?3';

describe('case_handling_days and case_time_days, kept by triggers', () => {
  it('equal the live shares for any range after any history, and a rebuild', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 5, maxLength: 40, size: 'max' }),
        fc.integer({ min: 0, max: 7 * DAY }),
        fc.integer({ min: 1, max: 3 * DAY }),
        async (ops, start, span) => {
          const shop = `shop_hd${run++}`;
          const cases: Array<{ id: string; created: number }> = [];
          const seq = { n: 0 };
          for (const o of ops) await apply(shop, o, cases, seq);
          const ranges = [
            { from: T0 - DAY, to: T0 + 8 * DAY },
            { from: DST - 2 * DAY, to: DST + DAY + HOUR },
            { from: T0 + 5 * HOUR, to: T0 + 55 * HOUR },
            { from: T0 - DAY + start, to: T0 - DAY + start + span },
          ];
          for (const range of ranges) {
            const what = JSON.stringify(range);
            const binds = handlingRangeBinds(shop, range);
            const rolled = await db
              .prepare(handlingByMemberSql)
              .bind(...binds)
              .all();
            const live = await db
              .prepare(`${handlingLiveSql(whole, memberKey)} HAVING COUNT(*) > 0 ORDER BY member`)
              .bind(shop, range.from, range.to)
              .all();
            expect(rolled.results, what).toEqual(live.results);
            const rolledTimes = await db
              .prepare(`${timesByMemberSql} ORDER BY 1, 2, 3`)
              .bind(...binds)
              .all();
            const liveTimes = await db
              .prepare(`SELECT * FROM (${timesLiveSql(whole, memberKey)}) ORDER BY 1, 2, 3`)
              .bind(shop, range.from, range.to)
              .all();
            expect(rolledTimes.results, what).toEqual(liveTimes.results);
          }
          const kept = await snapshot(shop);
          await db.batch(rebuildHandlingDaysSql().map((q) => db.prepare(q).bind(shop)));
          expect(await snapshot(shop)).toEqual(kept);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('counts replies and reopenings onto the case, and first-contact resolution from them', async () => {
    const shop = 'shop_hd_fcr';
    const cases: Array<{ id: string; created: number }> = [];
    const seq = { n: 0 };
    for (let i = 0; i < 3; i++)
      await apply(shop, { op: 'case', at: HOUR, member: 1, clock: true, respondedAfter: HOUR }, cases, seq);
    const done = { respondedAfter: HOUR, resolvedAfter: 5 * HOUR, closed: false, breached: false } as const;
    // Case 0: one reply, resolved → first contact. Case 1: two replies. Case 2: one reply, reopened.
    await apply(shop, { op: 'event', kase: 0, type: 'ReplySent' }, cases, seq);
    await apply(shop, { op: 'event', kase: 1, type: 'ReplySent' }, cases, seq);
    await apply(shop, { op: 'event', kase: 1, type: 'InfoRequested' }, cases, seq);
    await apply(shop, { op: 'event', kase: 2, type: 'ReplySent' }, cases, seq);
    await apply(shop, { op: 'event', kase: 2, type: 'CaseReopened' }, cases, seq);
    for (const k of [0, 1, 2]) await apply(shop, { op: 'mirror', kase: k, ...done }, cases, seq);
    const row = await db
      .prepare(
        `SELECT cases, done, first_contact, reopened, replies FROM case_handling_days WHERE shop_id = ?1 AND member = 'mem_a'`,
      )
      .bind(shop)
      .first();
    expect(row).toEqual({ cases: 3, done: 3, first_contact: 1, reopened: 1, replies: 4 });
  });
});
