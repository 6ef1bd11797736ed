import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as live from '../../src/admin/metrics/queries';
import {
  reasonRangeParams,
  rolledMoneyKept,
  rolledReasonsByProduct,
  rolledReasonsBySku,
  rolledReasonTotals,
} from '../../src/admin/metrics/reason-queries';
import type { DateRange } from '../../src/admin/metrics/range';
import { rebuildMoneyDaysSql } from '../../src/db/money-days';
import { rebuildReasonDaysSql } from '../../src/db/reason-days';
import { shopScopedTables } from '../../src/events/privacy-redact';

/**
 * `case_reason_days` and `case_money_days` (kept by triggers) against the live queries they replace: after any history of
 * case writes (new cases and items, approvals, rejections and reopenings, refunds and exchanges,
 * edited and deleted items, order lines renamed, re-pointed or deleted, cases deleted) the rolled
 * up reasons equal the live queries for any range, and the table equals a rebuild from scratch.
 */
const db = env.DB;
const DAY = 86_400_000;
const HOUR = 3_600_000;
// 2026-11-01: New York leaves daylight time (local midnight is 04:00Z before, 05:00Z after).
const DST = Date.UTC(2026, 10, 1, 4);
const T0 = DST - 3 * DAY;
const statuses = ['requested', 'approved', 'received', 'resolved', 'closed', 'rejected'] as const;

type Op =
  | { op: 'case'; n: number; at: number; status: (typeof statuses)[number]; resolution: string | null }
  | {
      op: 'item';
      n: number;
      kase: number;
      sku: string | null;
      reason: string;
      qty: number;
      line: number | null;
      title: string | null;
    }
  | { op: 'status'; kase: number; status: (typeof statuses)[number]; resolution?: string | null; fee?: number }
  | { op: 'editItem'; item: number; reason: string; qty: number; sku: string | null }
  | { op: 'deleteItem'; item: number }
  | { op: 'deleteCase'; kase: number }
  | { op: 'line'; line: number; product: string | null; title: string }
  | { op: 'deleteLine'; line: number };

const sku = fc.constantFrom('SKU-A', 'SKU-B', 'SKU-C', null);
const reason = fc.constantFrom('too_small', 'damaged', 'late');
const title = fc.constantFrom('Shirt', 'Shirt v2', 'Shoes', null);
const lineTitle = fc.constantFrom('Shirt', 'Shirt v2', 'Socks');
const idx = fc.nat({ max: 11 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('case' as const),
      n: fc.nat(),
      at: fc.integer({ min: 0, max: 6 * DAY }),
      status: fc.constantFrom(...statuses),
      resolution: fc.constantFrom('refund', 'exchange', 'store_credit', null),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('item' as const),
      n: fc.nat(),
      kase: idx,
      sku,
      reason,
      qty: fc.integer({ min: 0, max: 3 }),
      line: fc.option(fc.nat({ max: 3 })),
      title,
    }),
  },
  // Rejection (and reopening) is what moves a case in or out of the counts: ask for it often.
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('status' as const),
      kase: idx,
      status: fc.oneof(fc.constant('rejected' as const), fc.constantFrom(...statuses)),
      resolution: fc.constantFrom('refund', 'exchange', 'store_credit', null),
      fee: fc.constantFrom(0, 150, 500),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('editItem' as const),
      item: idx,
      reason,
      qty: fc.integer({ min: 1, max: 3 }),
      sku,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteItem' as const), item: idx }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteCase' as const), kase: idx }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('line' as const),
      line: fc.nat({ max: 3 }),
      product: fc.constantFrom('P1', 'P2', null),
      title: lineTitle,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteLine' as const), line: fc.nat({ max: 3 }) }) },
);

/** Applies one op in raw SQL (as any writer might): the triggers, not the caller, keep the rollup. */
async function apply(shop: string, o: Op, ids: { cases: string[]; items: string[] }): Promise<void> {
  const pickCase = (i: number) => ids.cases[i % Math.max(1, ids.cases.length)];
  const pickItem = (i: number) => ids.items[i % Math.max(1, ids.items.length)];
  const line = (n: number) => `${shop}_line${n}`;
  switch (o.op) {
    case 'case': {
      const id = `${shop}_case${ids.cases.length}`;
      ids.cases.push(id);
      await db
        .prepare(
          `INSERT INTO cases (id, shop_id, number, type, status, source, currency, resolution, created_at, updated_at) VALUES (?1, ?2, ?3, 'return', ?4, 'portal', 'USD', ?5, ?6, ?6)`,
        )
        .bind(id, shop, ids.cases.length, o.status, o.resolution, T0 + o.at)
        .run();
      return;
    }
    case 'item': {
      const kase = pickCase(o.kase);
      if (!kase) return;
      const id = `${shop}_item${ids.items.length}`;
      ids.items.push(id);
      await db
        .prepare(
          `INSERT INTO case_items (id, shop_id, case_id, order_line_id, sku, title, quantity, reason, unit_price_minor, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1000, 0)`,
        )
        .bind(id, shop, kase, o.line === null ? null : line(o.line), o.sku, o.title, o.qty, o.reason)
        .run();
      return;
    }
    case 'status': {
      const kase = pickCase(o.kase);
      // A resolution (refund, exchange, store credit) and a fee come with the status, as the commands write them.
      if (kase)
        await db
          .prepare(
            `UPDATE cases SET status = ?1, resolution = COALESCE(?3, resolution), fee_minor = COALESCE(?4, fee_minor), version = version + 1 WHERE id = ?2`,
          )
          .bind(o.status, kase, o.resolution ?? null, o.fee ?? null)
          .run();
      return;
    }
    case 'editItem': {
      const item = pickItem(o.item);
      if (item)
        await db
          .prepare(`UPDATE case_items SET reason = ?1, quantity = ?2, sku = ?3 WHERE id = ?4`)
          .bind(o.reason, o.qty, o.sku, item)
          .run();
      return;
    }
    case 'deleteItem': {
      const item = pickItem(o.item);
      if (item) await db.prepare(`DELETE FROM case_items WHERE id = ?1`).bind(item).run();
      return;
    }
    case 'deleteCase': {
      const kase = pickCase(o.kase);
      if (kase) await db.prepare(`DELETE FROM cases WHERE id = ?1`).bind(kase).run();
      return;
    }
    case 'line':
      // An upsert like the order webhook's: the first time an insert, then an update.
      await db
        .prepare(
          `INSERT INTO order_lines (id, shop_id, order_id, platform_id, product_id, sku, title, quantity, price_minor, created_at, updated_at)
           VALUES (?1, ?2, 'order_x', ?1, ?3, 'SKU-A', ?4, 1, 1000, 0, 0)
           ON CONFLICT(id) DO UPDATE SET product_id = excluded.product_id, title = excluded.title`,
        )
        .bind(line(o.line), shop, o.product, o.title)
        .run();
      return;
    case 'deleteLine':
      await db.prepare(`DELETE FROM order_lines WHERE id = ?1`).bind(line(o.line)).run();
      return;
  }
}

type Rows = Array<Record<string, unknown>>;
async function rolled(shop: string, range: DateRange, top: number): Promise<Rows[]> {
  const p = [shop, range.from, range.to, top, ...reasonRangeParams(range)];
  return Promise.all(
    [rolledReasonsBySku, rolledReasonsByProduct, rolledReasonTotals, rolledMoneyKept].map(
      async (sql) =>
        (
          await db
            .prepare(sql)
            .bind(...p)
            .all()
        ).results,
    ),
  );
}
async function liveRows(shop: string, range: DateRange, top: number): Promise<Rows[]> {
  const p = [shop, range.from, range.to];
  return [
    (
      await db
        .prepare(live.reasonsBySku)
        .bind(...p, top)
        .all()
    ).results,
    (
      await db
        .prepare(live.reasonsByProduct)
        .bind(...p, top)
        .all()
    ).results,
    (
      await db
        .prepare(live.reasonTotals)
        .bind(...p)
        .all()
    ).results,
    (
      await db
        .prepare(`${live.moneyKept} ORDER BY currency`)
        .bind(...p)
        .all()
    ).results,
  ];
}
/** The table's rows that count anything, in a stable order. */
async function table(shop: string): Promise<Rows> {
  const r = await db
    .prepare(
      `SELECT dim, day, key, reason, quantity, cases FROM case_reason_days WHERE shop_id = ?1 AND (quantity <> 0 OR cases <> 0) ORDER BY 1, 2, 3, 4`,
    )
    .bind(shop)
    .all();
  const m = await db
    .prepare(
      `SELECT day, currency, cases, exchanged_minor, fees_minor FROM case_money_days WHERE shop_id = ?1 AND cases <> 0 ORDER BY 1, 2`,
    )
    .bind(shop)
    .all();
  return [...r.results, ...m.results];
}
/** The shop's rows rebuilt from scratch by one grouped join (`rebuildReasonDaysSql`). */
async function rebuilt(shop: string): Promise<Rows> {
  await db.batch([...rebuildReasonDaysSql(), ...rebuildMoneyDaysSql()].map((sql) => db.prepare(sql).bind(shop)));
  return table(shop);
}

/** Ranges that cut days in every way: whole UTC days, New York local days across the DST change, one hour, mid-day spans. */
/**
 * A hand-written history that touches every trigger: cases opened either side of the DST change,
 * refunded, exchanged, rejected and reopened; items added, edited, deleted; a product renamed on
 * Shopify, a line re-pointed to another product, a line deleted; a case deleted.
 */
const mix: Op[] = [
  { op: 'line', line: 0, product: 'P1', title: 'Shirt' },
  { op: 'line', line: 1, product: 'P2', title: 'Socks' },
  { op: 'case', n: 0, at: 3 * DAY - HOUR, status: 'resolved', resolution: 'refund' }, // just before the change
  { op: 'item', n: 0, kase: 0, sku: 'SKU-A', reason: 'too_small', qty: 2, line: 0, title: null },
  { op: 'item', n: 1, kase: 0, sku: 'SKU-A', reason: 'too_small', qty: 1, line: 0, title: null }, // same key twice: one case
  { op: 'case', n: 1, at: 3 * DAY + HOUR, status: 'resolved', resolution: 'exchange' }, // just after
  { op: 'item', n: 2, kase: 1, sku: 'SKU-B', reason: 'damaged', qty: 1, line: 1, title: null },
  { op: 'item', n: 3, kase: 1, sku: null, reason: 'late', qty: 1, line: null, title: 'Hat' },
  { op: 'case', n: 2, at: 4 * DAY + 20 * HOUR, status: 'requested', resolution: 'store_credit' },
  { op: 'item', n: 4, kase: 2, sku: 'SKU-A', reason: 'damaged', qty: 3, line: 0, title: null },
  { op: 'status', kase: 2, status: 'rejected' },
  { op: 'status', kase: 0, status: 'rejected' },
  { op: 'status', kase: 0, status: 'approved' }, // reopened
  { op: 'line', line: 0, product: 'P1', title: 'Shirt v2' }, // renamed on Shopify
  { op: 'line', line: 1, product: 'P1', title: 'Socks' }, // re-pointed to another product
  { op: 'editItem', item: 3, reason: 'damaged', qty: 2, sku: 'SKU-C' },
  { op: 'deleteItem', item: 1 },
  { op: 'deleteLine', line: 1 },
  { op: 'case', n: 3, at: 5 * DAY, status: 'closed', resolution: 'refund' },
  { op: 'item', n: 5, kase: 3, sku: 'SKU-B', reason: 'late', qty: 1, line: 1, title: 'Socks' },
  { op: 'deleteCase', kase: 1 },
];

const ranges: DateRange[] = [
  { from: T0 - DAY, to: T0 + 8 * DAY },
  { from: DST - 2 * DAY, to: DST + DAY + HOUR }, // local midnights: 04:00Z, then 05:00Z after the change
  { from: T0 + 5 * HOUR, to: T0 + 5 * HOUR + 50 * HOUR },
  { from: T0 + 2 * DAY + HOUR, to: T0 + 2 * DAY + 2 * HOUR },
  { from: T0 + DAY, to: T0 + 2 * DAY },
];

describe('case_reason_days and case_money_days, kept by triggers', () => {
  it('equal the live reasons and money kept for any range after any history of writes, and a rebuild from scratch', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 5, maxLength: 40, size: 'max' }),
        fc.integer({ min: 0, max: 7 * DAY }),
        fc.integer({ min: 1, max: 3 * DAY }),
        async (ops, start, span) => {
          const shop = `shop_rd${run++}`;
          const ids = { cases: [] as string[], items: [] as string[] };
          for (const o of ops) await apply(shop, o, ids);
          for (const range of [...ranges, { from: T0 - DAY + start, to: T0 - DAY + start + span }]) {
            for (const top of [100, 2])
              expect(await rolled(shop, range, top), JSON.stringify({ range, top })).toEqual(
                await liveRows(shop, range, top),
              );
          }
          expect(await table(shop)).toEqual(await rebuilt(shop));
        },
      ),
      {
        numRuns: 30,
        examples: [
          [mix, 0, DAY],
          [mix, 3 * DAY + 5 * HOUR, 2 * DAY],
        ],
      },
    );
  }, 180_000);

  it('shop/redact leaves no rollup rows: the shop tables are deleted with the rollups last', async () => {
    const shop = 'shop_rdRedact';
    const ids = { cases: [] as string[], items: [] as string[] };
    for (const o of mix) await apply(shop, o, ids);
    await db
      .prepare(
        `INSERT INTO cases (id, shop_id, number, type, status, source, currency, created_at, updated_at, first_response_due_at) VALUES (?1, ?2, 99, 'return', 'requested', 'portal', 'USD', ?3, ?3, ?3)`,
      )
      .bind(`${shop}_clocked`, shop, T0)
      .run();
    expect((await table(shop)).length).toBeGreaterThan(0);
    expect(
      (await db.prepare(`SELECT COUNT(*) AS n FROM case_sla_days WHERE shop_id = ?1`).bind(shop).first<{ n: number }>())
        ?.n,
    ).toBeGreaterThan(0);
    expect(
      (
        await db
          .prepare(`SELECT COUNT(*) AS n FROM case_money_days WHERE shop_id = ?1`)
          .bind(shop)
          .first<{ n: number }>()
      )?.n,
    ).toBeGreaterThan(0);
    const tables = shopScopedTables();
    // The rollups go after the tables whose deletes fire their triggers.
    for (const rollup of ['case_reason_days', 'case_sla_days', 'case_money_days']) {
      for (const source of ['cases', 'case_items', 'order_lines'])
        expect(tables.indexOf(rollup)).toBeGreaterThan(tables.indexOf(source));
    }
    // The statements applyShopRedact runs, in its order (it also deletes R2 photos and the directory row).
    await db.batch(tables.map((name) => db.prepare(`DELETE FROM ${name} WHERE shop_id = ?1`).bind(shop)));
    const left = await db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM case_reason_days WHERE shop_id = ?1) + (SELECT COUNT(*) FROM case_sla_days WHERE shop_id = ?1) + (SELECT COUNT(*) FROM case_money_days WHERE shop_id = ?1) AS n`,
      )
      .bind(shop)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});
