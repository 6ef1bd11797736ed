import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { casesFingerprintSql } from '../../src/admin/metrics/case-figures';
import * as q from '../../src/admin/metrics/queries';
import * as rolled from '../../src/admin/metrics/reason-queries';
import { queueQuerySchema, queueSql } from '../../src/admin/queue';
import { customersWithTwinsSql } from '../../src/conversations/merge-customers';
import { percentileSql, rolledTargetCountsSql } from '../../src/sla/metrics';

/**
 * The queue and the dashboard must stay index-driven at 100,000 cases (`npm run bench` measures
 * the time). Each query's plan must start from a `(shop_id, …)` index and never scan a whole table.
 */
async function plan(sql: string, params: unknown[]): Promise<string[]> {
  const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return rows.results.map((r) => r.detail);
}

/** A full scan of a real table (by name or by the alias the queries use); CTE scans are fine. */
const noFullScan = (lines: string[]) =>
  lines.filter((l) =>
    /^SCAN (c\d?|o\d?|l|ci|cases|orders|order_lines|case_items|refunds|surveys|shipments)( |$)/.test(l),
  );

describe('query plans', () => {
  const queue = (query: Record<string, string>) => queueSql('shop_x', queueQuerySchema.parse(query), 51, 0);

  it.each([
    [{}, 'cases_shop_due_idx'],
    [{ status: 'requested' }, 'cases_shop_status_due_idx'],
    [{ breached: 'true' }, 'cases_shop_breached_idx'],
    [{ priority: 'high', tier: '2', type: 'return' }, 'cases_shop_due_idx'],
    [{ tag: 'vip' }, 'cases_shop_due_idx'],
  ])('queue %j walks %s in due order without sorting', async (query, index) => {
    const { due } = queue(query);
    const lines = await plan(due.sql, due.params);
    expect(lines.join('\n')).toContain(index);
    expect(lines.join('\n')).not.toContain('USE TEMP B-TREE FOR ORDER BY');
    expect(noFullScan(lines)).toEqual([]);
  });

  it('queue search goes through the case number and order name/email indexes', async () => {
    const { due } = queue({ q: 'R-1001' });
    const text = (await plan(due.sql, due.params)).join('\n');
    expect(text).toMatch(/orders_shop_name_idx|orders_shop_email_idx/);
    expect(noFullScan(text.split('\n'))).toEqual([]);
  });

  it('the nothing-due tail of the queue reads the shop’s cases by index', async () => {
    const tail = queue({ status: 'closed' }).undue(51, 0);
    const lines = await plan(tail.sql, tail.params);
    expect(lines.join('\n')).toMatch(/cases_shop_status_due_idx|cases_shop_created_idx/);
    expect(noFullScan(lines)).toEqual([]);
  });

  const base = ['shop_x', 0, 1];
  it.each([
    ['returnRateOrders', q.returnRateOrders, base, 'orders_shop_processed_idx'],
    ['returnRateItems', q.returnRateItems, base, 'orders_shop_processed_idx'],
    ['reasonsBySku', q.reasonsBySku, [...base, 10], 'COVERING INDEX cases_shop_created_cover_idx'],
    ['reasonsByProduct', q.reasonsByProduct, [...base, 10], 'COVERING INDEX cases_shop_created_cover_idx'],
    ['reasonTotals', q.reasonTotals, base, 'COVERING INDEX cases_shop_created_cover_idx'],
    ['moneyOut', q.moneyOut, base, 'refunds_shop_created_idx'],
    ['moneyKept', q.moneyKept, base, 'cases_shop_created_cover_idx'],
    ['slaCompliance', q.slaCompliance, base, 'COVERING INDEX cases_shop_created_sla_idx'],
    [
      'casesFingerprint',
      casesFingerprintSql,
      ['shop_x'],
      'case_write_counts USING INDEX sqlite_autoindex_case_write_counts_1',
    ],
    ['surveyTotals', q.surveyTotals, base, 'surveys_shop_answered_idx'],
    ['surveyTrend', q.surveyTrend, [...base, 86_400_000], 'surveys_shop_answered_idx'],
    ['lateByCarrier', q.lateByCarrier, [...base, 1], 'shipments_shop_status_eta_idx'],
  ])('dashboard %s starts from %s', async (_name, sql, params, index) => {
    const lines = await plan(sql, params);
    expect(lines.join('\n')).toContain(index);
    expect(noFullScan(lines)).toEqual([]);
  });

  // The reasons read the per-day rollup by its primary key and the live edges by the covering index.
  it.each([
    ['rolledReasonsBySku', rolled.rolledReasonsBySku],
    ['rolledReasonsByProduct', rolled.rolledReasonsByProduct],
    ['rolledReasonTotals', rolled.rolledReasonTotals],
  ])('dashboard %s sums case_reason_days by key and reads only the partial days live', async (_name, sql) => {
    const text = (await plan(sql, ['shop_x', 0, 1, 10, 0, 1, 0, 1])).join('\n');
    expect(text).toMatch(
      /SEARCH case_reason_days USING INDEX sqlite_autoindex_case_reason_days_1 \(shop_id=\? AND dim=\? AND day>\? AND day<\?\)/,
    );
    expect(
      text.match(
        /SEARCH c USING COVERING INDEX cases_shop_created_cover_idx \(shop_id=\? AND created_at>\? AND created_at<\?\)/g,
      ),
    ).toHaveLength(2);
    expect(noFullScan(text.split('\n'))).toEqual([]);
  });

  it('dashboard rolledMoneyKept sums case_money_days and reads only the partial days live', async () => {
    const text = (await plan(rolled.rolledMoneyKept, ['shop_x', 0, 1, 10, 0, 1, 0, 1])).join('\n');
    expect(text).toMatch(
      /SEARCH case_money_days USING INDEX sqlite_autoindex_case_money_days_1 \(shop_id=\? AND day>\? AND day<\?\)/,
    );
    expect(
      text.match(
        /SEARCH c USING COVERING INDEX cases_shop_created_cover_idx \(shop_id=\? AND created_at>\? AND created_at<\?\)/g,
      ),
    ).toHaveLength(2);
    expect(noFullScan(text.split('\n'))).toEqual([]);
  });

  it.each([
    ['rolledSlaCompliance', rolled.rolledSlaCompliance, ['shop_x', 0, 1, 10, 0, 1, 0, 1]],
    ['rolledTargetCountsSql', rolledTargetCountsSql, ['shop_x', 0, 1, 0, 1, 0, 1]],
  ])('dashboard %s sums case_sla_days and reads only the partial days live', async (_name, sql, params) => {
    const text = (await plan(sql, params)).join('\n');
    expect(text).toMatch(
      /SEARCH case_sla_days USING INDEX sqlite_autoindex_case_sla_days_1 \(shop_id=\? AND day>\? AND day<\?\)/,
    );
    expect(
      text.match(
        /SEARCH cases USING COVERING INDEX cases_shop_created_sla_idx \(shop_id=\? AND created_at>\? AND created_at<\?\)/g,
      ),
    ).toHaveLength(2);
    expect(noFullScan(text.split('\n'))).toEqual([]);
  });

  it('a percentile nearer the top walks the (per-group) duration index backwards, still without sorting', async () => {
    for (const [group, extra] of [
      ['all', []],
      ['priority', ['normal']],
      ['tier', [2]],
    ] as const) {
      for (const metric of ['ttfr', 'ttr'] as const) {
        const text = (await plan(percentileSql(group, metric, true), ['shop_x', 0, 1, 0, ...extra])).join('\n');
        // A group's lookup walks the group's own index (its entries only), from the top.
        expect(text).toContain(
          `COVERING INDEX cases_shop_${metric}_idx${group === 'all' ? ' ' : `_by_${group} (shop_id=? AND ${group}=?)`}`,
        );
        expect(text).not.toContain('TEMP B-TREE');
      }
    }
  });

  it('returned items start from the orders in range, never from every case item of the shop', async () => {
    const lines = await plan(q.returnRateItems, base);
    const items = lines.findIndex((l) => /\bci\b/.test(l));
    const orders = lines.findIndex(
      (l, i) =>
        i > lines.findIndex((x) => x.includes('SCALAR SUBQUERY 2')) &&
        /\bo\b USING INDEX orders_shop_processed_idx/.test(l),
    );
    expect(orders).toBeGreaterThan(-1);
    expect(items).toBeGreaterThan(orders);
  });
});

describe('the customer-merge read of every orders batch', () => {
  it('finds twins through indexes only: the email-only index, orders by customer, cases by order', async () => {
    const lines = await plan(customersWithTwinsSql, ['shop_x', JSON.stringify(['gid://shopify/Customer/1'])]);
    const text = lines.join('\n');
    expect(text).toContain('customers_shop_email_only_idx');
    expect(text).toContain('orders_shop_customer_idx');
    expect(text).toContain('cases_shop_order_idx');
    // No table searched per row of another by anything but an index (the old OR re-ran a subquery per customer).
    expect(lines.filter((l) => /^(SCAN|SEARCH) \w+$/.test(l.trim()))).toEqual([]);
    expect(lines.filter((l) => /CORRELATED/.test(l))).toEqual([]);
  });
});
