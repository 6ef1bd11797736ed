import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as live from '../../src/admin/metrics/queries';
import { fixedClock } from '../../src/lib/clock';
import { reviewFor } from '../../src/review/review-store';
import { addWeeks, parseIsoWeek, weekRange } from '../../src/review/week';
import { createServices } from '../../src/services';

/**
 * The kept weekly review (rollups + live edges, src/review/review-inputs.ts) against the
 * dashboard's live queries over the same local week, on random histories of orders, cases with
 * items, SLA outcomes, refunds and surveys. The week is New York's 2026-W44, which ends the night
 * daylight time does (its last day is 25 hours), so the edges cut UTC days unevenly.
 */
const db = env.DB;
const DAY = 86_400_000;
const ZONE = 'America/New_York';
const WEEK = parseIsoWeek('2026-W44')!;
const RANGE = weekRange(ZONE, WEEK);
const START = weekRange(ZONE, addWeeks(WEEK, -4)).from - DAY;
const SPAN = RANGE.to + DAY - START;
const statuses = ['requested', 'approved', 'resolved', 'closed', 'rejected'] as const;

const item = fc.record({
  sku: fc.constantFrom('SKU-A', 'SKU-B', 'SKU-C', null),
  reason: fc.constantFrom('too_small', 'damaged', 'late'),
  qty: fc.integer({ min: 1, max: 3 }),
});
const kase = fc.record({
  at: fc.integer({ min: 0, max: SPAN - 1 }),
  status: fc.constantFrom(...statuses),
  resolution: fc.constantFrom('refund', 'exchange', 'store_credit', null),
  fee: fc.constantFrom(0, 150),
  sla: fc.boolean(),
  breached: fc.boolean(),
  tier: fc.integer({ min: 1, max: 3 }),
  assignee: fc.constantFrom('mem_a', 'mem_b', null),
  items: fc.array(item, { maxLength: 3 }),
});
const refund = fc.record({
  at: fc.integer({ min: 0, max: SPAN - 1 }),
  kind: fc.constantFrom('refund', 'store_credit'),
  amount: fc.integer({ min: 1, max: 5000 }),
  status: fc.constantFrom('succeeded', 'failed'),
});
const survey = fc.record({
  at: fc.integer({ min: 0, max: SPAN - 1 }),
  kind: fc.constantFrom('csat', 'nps', 'ces'),
  score: fc.integer({ min: 0, max: 7 }),
  comment: fc.constantFrom('slow', null),
});
const history = fc.record({
  orders: fc.array(fc.integer({ min: 0, max: SPAN - 1 }), { maxLength: 30 }),
  cases: fc.array(kase, { maxLength: 40 }),
  refunds: fc.array(refund, { maxLength: 10 }),
  surveys: fc.array(survey, { maxLength: 15 }),
});
type History = typeof history extends fc.Arbitrary<infer T> ? T : never;

function seed(shop: string, h: History): Promise<unknown> {
  const statements = [
    db
      .prepare(
        `INSERT INTO shops (id, domain, name, timezone, created_at, updated_at) VALUES (?1, ?2, 'Shop', ?3, 0, 0)`,
      )
      .bind(shop, `${shop}.myshopify.com`, ZONE),
    ...h.orders.map((at, i) =>
      db
        .prepare(
          `INSERT INTO orders (id, shop_id, platform_id, name, currency, processed_at, created_at, updated_at) VALUES (?1, ?2, ?1, ?3, 'USD', ?4, 0, 0)`,
        )
        .bind(`${shop}_o${i}`, shop, `#${i}`, START + at),
    ),
    ...h.cases.flatMap((c, i) => [
      db
        .prepare(
          `INSERT INTO cases (id, shop_id, number, type, status, source, currency, resolution, fee_minor, tier, assignee, breached,
             first_response_due_at, created_at, updated_at) VALUES (?1, ?2, ?3, 'return', ?4, 'portal', 'USD', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)`,
        )
        .bind(
          `${shop}_c${i}`,
          shop,
          i + 1,
          c.status,
          c.resolution,
          c.fee,
          c.tier,
          c.assignee,
          c.sla && c.breached ? 1 : 0,
          c.sla ? START + c.at + DAY : null,
          START + c.at,
        ),
      ...c.items.map((it, j) =>
        db
          .prepare(
            `INSERT INTO case_items (id, shop_id, case_id, sku, quantity, reason, unit_price_minor, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1000, 0)`,
          )
          .bind(`${shop}_c${i}_i${j}`, shop, `${shop}_c${i}`, it.sku, it.qty, it.reason),
      ),
    ]),
    ...h.refunds.map((r, i) =>
      db
        .prepare(
          `INSERT INTO refunds (id, shop_id, provider, kind, idempotency_key, amount_minor, currency, status, created_at, updated_at)
           VALUES (?1, ?2, 'shopify', ?3, ?1, ?4, 'USD', ?5, ?6, ?6)`,
        )
        .bind(`${shop}_r${i}`, shop, r.kind, r.amount, r.status, START + r.at),
    ),
    ...h.surveys.map((v, i) =>
      db
        .prepare(
          `INSERT INTO surveys (id, shop_id, subject, kind, status, due_at, score, comment, answered_at, created_at, updated_at)
           VALUES (?1, ?2, ?1, ?3, 'answered', 0, ?4, ?5, ?6, 0, 0)`,
        )
        .bind(
          `${shop}_s${i}`,
          shop,
          v.kind,
          v.kind === 'csat' ? Math.max(1, Math.min(5, v.score)) : v.score,
          v.comment,
          START + v.at,
        ),
    ),
  ];
  return db.batch(statements);
}

type Row = Record<string, number | string | null>;
async function all(sql: string, ...binds: unknown[]): Promise<Row[]> {
  return (
    await db
      .prepare(sql)
      .bind(...binds)
      .all<Row>()
  ).results;
}

async function livePairs(shop: string, range: { from: number; to: number }) {
  const rows = await all(live.reasonsBySku, shop, range.from, range.to, 1000);
  return new Map(rows.map((r) => [`${r.sku}|${r.reason}`, Number(r.quantity)]));
}

async function expectMatchesLive(shop: string, h: History): Promise<void> {
  await seed(shop, h);
  const s = createServices(env, { clock: fixedClock(RANGE.to + 7 * DAY) });
  const review = await reviewFor(s, shop, '2026-W44');
  const base = [shop, RANGE.from, RANGE.to] as const;

  const [orders] = await all(
    `SELECT COUNT(*) AS n FROM orders WHERE shop_id = ?1 AND processed_at >= ?2 AND processed_at < ?3`,
    ...base,
  );
  expect(review.volume.orders).toBe(orders?.n);
  expect(review.volume.cases).toBe(h.cases.filter((c) => START + c.at >= RANGE.from && START + c.at < RANGE.to).length);

  const top = await all(live.reasonsBySku, ...base, 10);
  expect(review.topProblems.map((p) => [p.sku, p.reason, p.quantity, p.cases])).toEqual(
    top.map((r) => [r.sku, r.reason, r.quantity, r.cases]),
  );
  const before = await Promise.all([1, 2, 3, 4].map((n) => livePairs(shop, weekRange(ZONE, addWeeks(WEEK, -n)))));
  for (const p of review.topProblems) {
    const history = before.map((w) => w.get(`${p.sku}|${p.reason}`) ?? 0);
    expect(p.previous).toBe(history[0]);
    expect(p.fourWeekAverage).toBeCloseTo(history.reduce((a, b) => a + b, 0) / 4, 9);
  }
  const reasons = await all(live.reasonTotals, ...base);
  expect(review.topReasons.map((p) => [p.reason, p.quantity, p.cases])).toEqual(
    reasons.map((r) => [r.reason, r.quantity, r.cases]),
  );

  const [sla] = await all(live.slaCompliance, ...base);
  expect([review.sla.cases, review.sla.breached]).toEqual([sla?.with_targets, sla?.breached]);
  const tiers = await all(
    `SELECT tier, COUNT(*) AS cases, SUM(breached) AS breached FROM cases WHERE shop_id = ?1 AND created_at >= ?2 AND created_at < ?3
     AND first_response_due_at IS NOT NULL GROUP BY tier ORDER BY tier`,
    ...base,
  );
  expect(review.sla.byTier.map((t) => [t.tier, t.cases, t.breached])).toEqual(
    tiers.map((t) => [t.tier, t.cases, t.breached]),
  );

  const out = await all(live.moneyOut, ...base);
  const kept = await all(live.moneyKept, ...base);
  const sum = (rows: Row[], kind: string) =>
    rows.filter((r) => r.kind === kind).reduce((a, r) => a + Number(r.amount), 0);
  const usd = review.money.find((m) => m.currency === 'USD');
  expect(usd?.refunded ?? 0).toBe(sum(out, 'refund'));
  expect(usd?.storeCredit ?? 0).toBe(sum(out, 'store_credit'));
  expect(usd?.exchanged ?? 0).toBe(Number(kept[0]?.exchanged ?? 0));
  expect(usd?.fees ?? 0).toBe(Number(kept[0]?.fees ?? 0));

  const surveys = await all(live.surveyTotals, ...base);
  const kind = (k: string) => surveys.find((r) => r.kind === k);
  expect(review.satisfaction.csat.responses).toBe(Number(kind('csat')?.n ?? 0));
  expect(review.satisfaction.nps.responses).toBe(Number(kind('nps')?.n ?? 0));
  expect(review.satisfaction.ces.responses).toBe(Number(kind('ces')?.n ?? 0));
}

describe('the weekly review against the live queries', () => {
  it('has the same figures as the live queries over the same local week, for any history', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(history, async (h) => {
        await expectMatchesLive(`shop_rv${run++}`, h);
      }),
      { numRuns: 25 },
    );
  });
});
