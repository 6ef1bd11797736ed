/**
 * The lookup reads the orders with a number and all their facts in one batch (src/db/order-facts.ts).
 * Every statement must find the candidates through the shop's name or number index (SQLite's
 * MULTI-INDEX OR), never by walking the shop's orders, and each fact through its own index.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/cases/policy-schema';
import { createDb } from '../../src/db/client';
import { loadOrdersByNumberWithFacts } from '../../src/db/order-facts';

/** A D1 that records each statement of the batch (and answers no rows). */
function recordingD1() {
  const statements: Array<{ sql: string; params: unknown[] }> = [];
  const statement = (sql: string, params: unknown[] = []) => ({
    sql,
    params,
    bind: (...p: unknown[]) => statement(sql, p),
  });
  const d1 = {
    prepare: (sql: string) => statement(sql),
    batch: async (list: Array<{ sql: string; params: unknown[] }>) => {
      statements.push(...list);
      return list.map(() => ({ results: [], success: true, meta: {} }));
    },
  } as unknown as D1Database;
  return { d1, statements };
}

describe('the lookup batch', () => {
  it('finds the candidates by name or number index and every fact by its index, one round trip', async () => {
    const { d1, statements } = recordingD1();
    const db = createDb(d1);
    const s = { d1: () => d1, db: () => db, clock: { now: () => Date.now() } } as never;
    const found = await loadOrdersByNumberWithFacts(
      s,
      { id: 'shop_x', timezone: 'UTC' },
      defaultPolicy(),
      '1001',
      'a@b.c',
    );
    expect(found.candidates).toEqual([]);
    expect(statements).toHaveLength(7);
    for (const { sql, params } of statements) {
      const plan = (
        await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .bind(...params)
          .all<{ detail: string }>()
      ).results.map((r) => r.detail);
      const text = plan.join('\n');
      expect(text, sql).toMatch(/orders_shop_name_idx/);
      expect(text, sql).toMatch(/orders_shop_number_idx/);
      expect(text, sql).not.toMatch(/orders_shop_processed_idx|SCAN orders/);
      expect(
        plan.filter((l) => /^SCAN /.test(l)),
        sql,
      ).toEqual([]);
    }
  });
});
