import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids';
import { createServices } from '../../src/services';
import { percentileSql, slaMetrics, targetCountsSql } from '../../src/sla/metrics';
import { createShop } from '../helpers/factory';

const M = 60_000;
const T0 = Date.UTC(2026, 5, 1);
let number = 2000;

async function addCase(
  shopId: string,
  c: {
    priority?: string;
    tier?: number;
    createdAt?: number;
    respondedAfter?: number | null;
    resolvedAfter?: number | null;
    breaches?: string[];
  },
) {
  const createdAt = c.createdAt ?? T0;
  await env.DB.prepare(
    `INSERT INTO cases (id, shop_id, number, type, status, priority, tier, source, currency, created_at, updated_at,
       first_response_due_at, resolution_due_at, first_responded_at, resolved_at, breached, breaches)
     VALUES (?, ?, ?, 'return', 'requested', ?, ?, 'portal', 'USD', ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(
      newId('case'),
      shopId,
      number++,
      c.priority ?? 'normal',
      c.tier ?? 1,
      createdAt,
      createdAt,
      createdAt + 60 * M,
      createdAt + 600 * M,
      c.respondedAfter != null ? createdAt + c.respondedAfter : null,
      c.resolvedAfter != null ? createdAt + c.resolvedAfter : null,
      (c.breaches ?? []).length > 0 ? 1 : 0,
      JSON.stringify(c.breaches ?? []),
    )
    .run();
}

describe('SLA metrics', () => {
  it('computes target shares and nearest-rank median/p90 per priority and tier, for one shop and range', async () => {
    const shop = await createShop(env.DB);
    const other = await createShop(env.DB);
    // Ten normal/tier-1 cases answered after 1…10 min; the two slowest missed first response.
    for (let i = 1; i <= 10; i++) {
      await addCase(shop.id, {
        respondedAfter: i * M,
        resolvedAfter: i * 100 * M,
        breaches: i >= 9 ? ['first_response'] : [],
      });
    }
    // Two escalated cases: urgent, tier 2, still unresolved, resolution missed.
    await addCase(shop.id, {
      priority: 'urgent',
      tier: 2,
      respondedAfter: 30 * M,
      breaches: ['first_response', 'resolution'],
    });
    await addCase(shop.id, { priority: 'urgent', tier: 2, respondedAfter: null, breaches: ['resolution'] });
    // Noise that must not count: another shop, and a case opened after the range.
    await addCase(other.id, { respondedAfter: 999 * M, breaches: ['first_response'] });
    await addCase(shop.id, { createdAt: T0 + 10 * 86_400_000, respondedAfter: 999 * M });

    const m = await slaMetrics(createServices(env), shop.id, { from: T0, to: T0 + 86_400_000 });
    const all = m.all[0]!;
    expect(all.cases).toBe(12);
    expect(all.targets.first_response).toEqual({ met: 8, breached: 3, open: 1, share: 8 / 11 });
    expect(all.targets.resolution).toEqual({ met: 10, breached: 2, open: 0, share: 10 / 12 });
    // 11 responses: 1…10 min and 30 min → rank 6 is 6 min, rank 10 is 10 min.
    expect(all.timeToFirstResponse).toEqual({ n: 11, p50Ms: 6 * M, p90Ms: 10 * M });

    const normal = m.priority.find((g) => g.group === 'normal')!;
    expect(normal.timeToFirstResponse).toEqual({ n: 10, p50Ms: 5 * M, p90Ms: 9 * M });
    expect(normal.timeToResolution).toEqual({ n: 10, p50Ms: 500 * M, p90Ms: 900 * M });
    const urgent = m.priority.find((g) => g.group === 'urgent')!;
    expect(urgent.targets.resolution).toEqual({ met: 0, breached: 2, open: 0, share: 0 });
    expect(urgent.timeToResolution).toEqual({ n: 0, p50Ms: null, p90Ms: null });
    expect(m.tier.map((g) => [g.group, g.cases])).toEqual([
      ['1', 10],
      ['2', 2],
    ]);
  });

  it('ranks in the database: each percentile walks the duration index to its rank, without sorting or reading rows', async () => {
    for (const [group, extra] of [
      ['all', []],
      ['priority', ['normal']],
      ['tier', [2]],
    ] as const) {
      for (const metric of ['ttfr', 'ttr'] as const) {
        const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${percentileSql(group, metric)}`)
          .bind('shop_x', 0, 1, 0, ...extra)
          .all<{ detail: string }>();
        const text = plan.results.map((r) => r.detail).join(' | ');
        expect(text).toContain(`COVERING INDEX cases_shop_${metric}_idx`);
        expect(text).not.toContain('TEMP B-TREE');
      }
    }
  });

  it('counts every grouping in one pass over the covering SLA index', async () => {
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${targetCountsSql}`)
      .bind('shop_x', 0, 1)
      .all<{ detail: string }>();
    const text = plan.results.map((r) => r.detail).join(' | ');
    expect(text).toContain('COVERING INDEX cases_shop_created_sla_idx');
    expect(text.match(/SEARCH cases/g)).toHaveLength(1);
  });
});
