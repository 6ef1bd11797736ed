import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import type { DashboardMetrics } from '../../src/admin/metrics/dashboard-metrics';
import { fixedClock } from '../../src/lib/clock';
import { createServices } from '../../src/services';
import { DAY, HOUR, NOW, RANGE, T0, seedMetricsShop } from './metrics-seed';

const app = createApp({ services: (e) => createServices(e, { clock: fixedClock(NOW) }) });
const auth = (shop: string) => ({
  authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm',
  'x-shop-domain': shop,
});

describe('GET /api/admin/metrics on a data set with known answers', () => {
  let m: DashboardMetrics;
  beforeAll(async () => {
    await seedMetricsShop(env.DB, 'shop_metricsA', 'metrics-a.myshopify.com');
    // Shop B has the same shape of data: none of it may leak into A's numbers.
    await seedMetricsShop(env.DB, 'shop_metricsB', 'metrics-b.myshopify.com');
    const res = await app.request(
      `/api/admin/metrics?from=${RANGE.from}&to=${RANGE.to}`,
      { headers: auth('metrics-a.myshopify.com') },
      env,
    );
    expect(res.status).toBe(200);
    m = (await res.json()) as DashboardMetrics;
  });

  it('counts the return rate over orders placed in range, ignoring rejected and complaint cases', () => {
    expect(m.returnRate).toEqual({
      orders: 4,
      returnedOrders: 2,
      orderRate: 0.5,
      items: 8,
      returnedItems: 3,
      itemRate: 0.375,
    });
  });

  it('ranks reasons by SKU and product among cases opened in range', () => {
    expect(m.reasons.totals).toEqual([
      { reason: 'too_small', quantity: 2, cases: 1 },
      { reason: 'damaged', quantity: 1, cases: 1 },
      { reason: 'too_large', quantity: 1, cases: 1 },
    ]);
    expect(m.reasons.bySku.map((r) => [r.sku, r.reason, r.quantity])).toEqual([
      ['SKU-A', 'too_small', 2],
      ['SKU-A', 'damaged', 1],
      ['SKU-C', 'too_large', 1],
    ]);
    expect(m.reasons.byProduct.map((r) => [r.product, r.title, r.quantity, r.cases])).toEqual([
      ['P1', 'Shirt', 3, 2],
      ['P3', 'Socks', 1, 1],
    ]);
  });

  it('splits refunded money from money kept (exchanges, store credit, fees)', () => {
    expect(m.money).toEqual([
      { currency: 'USD', refunded: 1800, storeCredit: 1100, exchanged: 500, fees: 200, kept: 1800 },
    ]);
  });

  it('computes SLA compliance and nearest-rank median/p90 durations in SQL', () => {
    expect(m.sla.casesWithTargets).toBe(5);
    expect(m.sla.breached).toBe(2);
    expect(m.sla.compliance).toBeCloseTo(0.6);
    expect(m.sla.firstResponse).toEqual({ n: 4, p50Ms: 2 * HOUR, p90Ms: 4 * HOUR });
    expect(m.sla.resolution).toEqual({ n: 3, p50Ms: 20 * HOUR, p90Ms: 30 * HOUR });
    // Per-target figures come from the SLA area's slaMetrics: C2 breached resolution, C4 first response.
    expect(m.sla.targets?.resolution.breached).toBe(1);
    expect(m.sla.targets?.first_response.breached).toBe(1);
    expect(m.sla.byPriority.map((g) => [g.group, g.cases])).toEqual([['normal', 5]]);
  });

  it('scores CSAT and NPS with a weekly trend', () => {
    expect(m.satisfaction.csat.responses).toBe(3);
    expect(m.satisfaction.csat.score).toBeCloseTo(66.7, 1);
    expect(m.satisfaction.nps).toMatchObject({ responses: 4, score: 25 });
    expect(m.satisfaction.bucketMs).toBe(7 * DAY);
    expect(m.satisfaction.trend.map((t) => [t.from, t.csat.score, t.nps.score])).toEqual([
      [T0, 100, 100],
      [T0 + 14 * DAY, 50, 0],
    ]);
  });

  it('counts late shipments per carrier, undelivered ones only once their estimate has passed', () => {
    expect(m.lateShipments).toEqual([
      { carrier: 'UPS', shipments: 3, late: 2, rate: 2 / 3 },
      { carrier: 'FedEx', shipments: 2, late: 0, rate: 0 },
    ]);
  });

  it('accepts calendar dates (to includes the whole day) and refuses a bad range with 400', async () => {
    const ok = await app.request(
      '/api/admin/metrics?from=2026-10-01&to=2026-10-30',
      { headers: auth('metrics-a.myshopify.com') },
      env,
    );
    expect(((await ok.json()) as DashboardMetrics).range).toEqual(RANGE);
    const iso = await app.request(
      `/api/admin/metrics?from=${new Date(RANGE.from).toISOString()}&to=${new Date(RANGE.to).toISOString()}`,
      { headers: auth('metrics-a.myshopify.com') },
      env,
    );
    expect(((await iso.json()) as DashboardMetrics).range).toEqual(RANGE);
    for (const q of ['from=yesterday', 'from=2026-10-05&to=2026-10-01', 'to=2026-13-45']) {
      const bad = await app.request(`/api/admin/metrics?${q}`, { headers: auth('metrics-a.myshopify.com') }, env);
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    }
  });
});
