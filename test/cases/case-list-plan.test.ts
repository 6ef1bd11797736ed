/**
 * `GET /api/admin/cases` runs the queue's index-driven query (src/admin/queue.ts#filterSql): its
 * plans, for the JSON API's default (every status) and its filters, start from a `(shop_id, …)`
 * index, never scan the cases table, and walk the default sort from the index instead of sorting.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { filterSql, listQueue, queueQuerySchema, type QueueFilter } from '../../src/admin/queue';
import { createApp } from '../../src/app';
import { openReturn } from '../../src/commands/open-return';
import { createServices } from '../../src/services';
import { pageRowsWhere } from '../../src/admin/case-queries';
import { cases } from '../../src/db/schema';
import { createOrder, createShop } from '../helpers/factory';
import { caseServices } from './helpers';

async function plan(q: { sql: string; params: unknown[] }): Promise<string[]> {
  const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${q.sql}`)
    .bind(...q.params)
    .all<{ detail: string }>();
  return rows.results.map((r) => r.detail);
}

/** A scan of the cases table (or its `c` alias) that no index drives. */
const unindexedCaseScan = (lines: string[]) =>
  lines.filter((l) => /^SCAN (c|cases)\b/.test(l) && !/USING (COVERING )?INDEX/.test(l));
const anyCaseScan = (lines: string[]) => lines.filter((l) => /^SCAN (c|cases)\b/.test(l));

describe('the JSON case list uses the queue index', () => {
  const all: QueueFilter = { status: 'all' };

  it('default (every status): due cases by cases_shop_due_idx in order, no temp B-tree, no scan', async () => {
    const { due, undue } = filterSql('shop_x', all, 51, 0);
    const lines = await plan(due);
    expect(lines.join('\n')).toContain('cases_shop_due_idx');
    expect(lines.join('\n')).not.toContain('USE TEMP B-TREE FOR ORDER BY');
    expect(anyCaseScan(lines)).toEqual([]);
    const tail = await plan(undue(51, 0));
    expect(tail.join('\n')).not.toContain('USE TEMP B-TREE FOR ORDER BY');
    expect(unindexedCaseScan(tail)).toEqual([]);
  });

  it.each<[string, QueueFilter]>([
    ['one status', { status: ['requested'] }],
    ['several statuses', { status: ['requested', 'approved'] }],
    ['types and priorities', { status: 'all', type: ['return', 'exchange'], priority: ['high'] }],
    ['breached', { status: 'all', breached: true }],
    ['tier and tag', { status: 'all', tier: 2, tag: 'vip' }],
    ['search', { status: 'all', q: 'SKU-R2' }],
  ])('%s: no unindexed scan of cases', async (_name, f) => {
    const { due, undue } = filterSql('shop_x', f, 51, 0);
    for (const q of [due, undue(51, 0)]) {
      const lines = await plan(q);
      expect(unindexedCaseScan(lines), lines.join('\n')).toEqual([]);
      expect(lines.join('\n')).toMatch(/INDEX|PRIMARY KEY/);
    }
  });
});

describe('the JSON list and the queue screen are one query', () => {
  it('same cases in the same order: due soonest first, then nothing-due newest first; limit/offset pages through it', async () => {
    const { s, clock, shopifyAdmin, stripeRefunds } = caseServices(Date.now());
    const app = createApp({ services: (e) => createServices(e, { clock, shopifyAdmin, stripeRefunds }) });
    const shop = await createShop(env.DB, { domain: 'list-plan.myshopify.com' }, clock.now());
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      const { order, lines } = await createOrder(
        env.DB,
        shop.id,
        { name: `#70${i}`, deliveredDaysAgo: 2 },
        clock.now(),
      );
      ids.push(
        (
          await openReturn(s, {
            shopId: shop.id,
            orderId: order.id,
            items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_small' }],
            resolution: 'refund',
            method: 'drop_off',
          })
        ).caseId,
      );
    }
    await env.DB.prepare('UPDATE cases SET next_due_at = NULL WHERE shop_id = ?').bind(shop.id).run();
    await env.DB.prepare('UPDATE cases SET next_due_at = ? WHERE id = ?')
      .bind(clock.now() + 9000, ids[1])
      .run();
    await env.DB.prepare('UPDATE cases SET next_due_at = ? WHERE id = ?')
      .bind(clock.now() + 1000, ids[3])
      .run();
    const headers = { authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm', 'x-shop-domain': shop.domain };
    const json = async (q: string) =>
      (await (await app.request(`/api/admin/cases?${q}`, { headers }, env)).json()) as {
        cases: Array<{ id: string; number: string }>;
        nextOffset: number | null;
      };
    const expected = [ids[3], ids[1], ids[4], ids[2], ids[0]];
    expect((await json('')).cases.map((c) => c.id)).toEqual(expected);
    const queue = await listQueue(s, shop.id, queueQuerySchema.parse({ status: 'all' }));
    expect(queue.rows.map((r) => r.id)).toEqual(expected);
    const first = await json('limit=2');
    const second = await json('limit=2&offset=2');
    const third = await json('limit=2&offset=4');
    expect([first, second, third].map((p) => p.nextOffset)).toEqual([2, 4, null]);
    expect([...first.cases, ...second.cases, ...third.cases].map((c) => c.id)).toEqual(expected);
    expect(first.cases[0]!.number).toMatch(/^R-\d+$/);
  });

  it('then loads the page rows by primary key, not by walking every case of the shop', async () => {
    const db = createServices(env).db('shop_x');
    const query = db
      .select()
      .from(cases)
      .where(pageRowsWhere('shop_x', ['case_A', 'case_B']))
      .toSQL();
    const lines = await plan({ sql: query.sql, params: query.params });
    expect(lines).toEqual([expect.stringMatching(/^SEARCH cases USING INDEX sqlite_autoindex_cases_1 \(id=\?\)/)]);
  });
});
