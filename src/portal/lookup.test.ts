// storage: own (looks up the demo shop's fixed orders: the lookup rate limiter is per workerd, not per file)
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_SHOP_DOMAIN, DEMO_SHOP_ID } from '../db/demo-data';
import { seedDemoShop } from '../db/seed';
import { findShopByDomain } from '../db/shops';
import { createServices } from '../services';
import { lookupOrder } from './lookup';

const MANY = 3_000;

/** Every statement the code under test binds, so it can be replayed for its `rows_read`. */
function recordingD1(d1: D1Database, seen: Array<{ sql: string; params: unknown[] }>): D1Database {
  return new Proxy(d1, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => {
          const stmt = target.prepare(sql);
          return new Proxy(stmt, {
            get(st, p) {
              if (p === 'bind') return (...params: unknown[]) => (seen.push({ sql, params }), st.bind(...params));
              const v = Reflect.get(st, p) as unknown;
              return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(st) : v;
            },
          });
        };
      }
      const v = Reflect.get(target, prop) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await seedDemoShop(env.DB, Date.now());
  // A shop with history: thousands of other orders, and thousands of cases with their items.
  const series = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${MANY})`;
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO orders (id, shop_id, platform_id, name, number, email, currency, created_at, updated_at)
       ${series} SELECT 'ord_many_' || i, '${DEMO_SHOP_ID}', 'gid://shopify/Order/9' || i, '#' || (50000 + i), '' || (50000 + i), 'many' || i || '@example.com', 'USD', i, i FROM n`,
    ),
    env.DB.prepare(
      `INSERT INTO cases (id, shop_id, number, order_id, type, status, priority, tier, source, resolution, method, currency, refund_minor, fee_minor, breached, breaches, created_at, updated_at)
       ${series} SELECT 'case_many_' || i, '${DEMO_SHOP_ID}', 900000 + i, 'ord_many_' || i, 'return', 'requested', 'normal', 1, 'portal', 'refund', 'pickup', 'USD', 100, 0, 0, '[]', i, i FROM n`,
    ),
    env.DB.prepare(
      `INSERT INTO case_items (id, shop_id, case_id, sku, title, quantity, reason, unit_price_minor, refund_minor, created_at)
       ${series} SELECT 'item_many_' || i, '${DEMO_SHOP_ID}', 'case_many_' || i, 'SKU', 'x', 1, 'damaged', 100, 100, i FROM n`,
    ),
  ]);
});

describe('order lookup cost', () => {
  it(`reads a few dozen rows, not the shop's ${MANY.toLocaleString('en')} orders and case items, to answer one lookup`, async () => {
    const seen: Array<{ sql: string; params: unknown[] }> = [];
    const s = createServices({ ...env, DB: recordingD1(env.DB, seen) });
    const shop = (await findShopByDomain(s, DEMO_SHOP_DOMAIN))!;
    seen.length = 0;
    const { token, so } = await lookupOrder(s, shop, '10.77.0.1', '#1001', 'shopper@example.com');
    expect(token).toMatch(/^v1\./);
    expect(so.order.name).toBe('#1001');

    let rowsRead = 0;
    const perQuery: string[] = [];
    for (const q of seen) {
      const { meta } = await env.DB.prepare(q.sql)
        .bind(...q.params)
        .all();
      rowsRead += meta.rows_read;
      perQuery.push(`${meta.rows_read} rows: ${q.sql.slice(0, 120)}`);
    }
    expect(seen.length).toBeGreaterThanOrEqual(7);
    // Before the fix: the order match scanned all ~3,000 orders, the returned-units query walked
    // all ~3,000 case items (and their cases): ~9,000 rows per lookup, growing with the shop.
    expect(rowsRead, perQuery.join('\n')).toBeLessThan(60);
  });
});
