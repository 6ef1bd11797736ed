// storage: own (looks up the demo shop's fixed orders: the lookup rate limiter is per workerd, not per file)
/**
 * What one shopper request costs in calls out of the Worker (locally each D1 round trip is ~1–2 ms
 * of CPU in the D1 simulation, more than the request's own JavaScript): the lookup form page reads
 * the shop once (both `/portal/:shop` middlewares matched it and read it twice), and a lookup reads
 * the shop, then the orders with that number and all their facts in one batch: two round trips (it
 * was four: the order twice, then three with the facts after the order).
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app';
import { DEMO_SHOP_DOMAIN } from '../../src/db/demo-data';
import { seedDemoShop } from '../../src/db/seed';
import { meteredD1, type Meter } from '../scaling/d1-meter';

const app = createApp();

async function measured(path: string, init: RequestInit = {}) {
  const meter: Meter = { queries: 0, rowsRead: 0, rowsWritten: 0, unmetered: 0, roundTrips: 0 };
  let limits = 0;
  const limiter = env.LOOKUP_LIMITER!;
  const res = await app.request(`https://aftercare.test${path}`, init, {
    ...env,
    DB: meteredD1(env.DB, meter),
    LOOKUP_LIMITER: { limit: (o: { key: string }) => (limits++, limiter.limit(o)) },
  });
  return { status: res.status, roundTrips: meter.roundTrips, limits };
}

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await seedDemoShop(env.DB, Date.now());
});

describe('shopper requests, calls out of the Worker', () => {
  it('renders the lookup page with one D1 round trip (the shop)', async () => {
    expect(await measured(`/portal/${DEMO_SHOP_DOMAIN}`)).toEqual({ status: 200, roundTrips: 1, limits: 0 });
    expect(await measured(`/portal/${DEMO_SHOP_DOMAIN}?lang=de`)).toEqual({ status: 200, roundTrips: 1, limits: 0 });
  });

  it('answers a lookup with two D1 round trips (the shop; the orders with that number and their facts) and the three limiter keys', async () => {
    const res = await measured(`/api/portal/${DEMO_SHOP_DOMAIN}/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '10.99.0.1' },
      body: JSON.stringify({ order: '#1001', email: 'shopper@example.com' }),
    });
    expect(res).toEqual({ status: 200, roundTrips: 2, limits: 3 });
  });
});
