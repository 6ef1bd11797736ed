// storage: own (looks up the demo shop's fixed orders: the lookup rate limiter is per workerd, not per file)
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { fixedClock } from '../../src/lib/clock';
import { PROXY_TOKEN_TTL_MS, SHOPPER_TOKEN_TTL_MS, verifyShopperToken } from '../../src/portal/token';
import { createServices } from '../../src/services';
import { hidden } from './browser';
import { demoShop, freshIp, proxied, SHOP } from './helpers';

const clock = fixedClock(Date.now());
const app = createApp({ services: (e) => createServices(e, { clock }) });
const MIN = 60_000;

const proxiedAt = async (path: string, extra: Record<string, string> = {}) =>
  `https://aftercare.test${await proxied(path, extra, clock.now())}`;
const call = async (path: string, init: RequestInit = {}) =>
  app.request(path, { ...init, headers: { 'cf-connecting-ip': freshIp(), ...(init.headers ?? {}) } }, env);
const tokenIn = (res: Response) => new URL(res.headers.get('location')!, 'https://x').searchParams.get('t')!;
const tokenOnPage = (html: string) => hidden(html, 't');

describe('shopper tokens in app proxy URLs are short-lived and bound to the order', () => {
  beforeAll(demoShop);

  it('each page hands on a 30-minute token; unused for longer it expires; renewals stop at the session limit', async () => {
    const started = clock.now();
    const start = await (await call(await proxiedAt('/apps/returns'))).text();
    const res = await call(await proxiedAt('/apps/returns/lookup'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: hidden(start, '_csrf'), order: '#1001', email: 'shopper@example.com' }),
    });
    expect(res.status).toBe(303);
    let t = tokenIn(res);
    const claims = (await verifyShopperToken(env.APP_SECRET, t, clock.now(), (await shopId())!))!;
    expect(claims.expiresAt).toBe(started + PROXY_TOKEN_TTL_MS);
    expect(claims.maxExpiresAt).toBe(started + SHOPPER_TOKEN_TTL_MS);

    // Browsing every 20 minutes keeps the session, each page carrying a fresh token…
    for (let i = 0; i < 5; i++) {
      clock.advance(20 * MIN);
      const page = await call(await proxiedAt('/apps/returns/order', { t }));
      expect(page.status, `page ${i}`).toBe(200);
      t = tokenOnPage(await page.text());
    }
    // …a token left unused for 31 minutes is refused…
    const idle = t;
    clock.advance(31 * MIN);
    expect((await call(await proxiedAt('/apps/returns/order', { t: idle }))).headers.get('location')).toMatch(
      /expired=1/,
    );
    // …and no renewal outlives the session's two hours from lookup.
    clock.set(started + SHOPPER_TOKEN_TTL_MS - MIN);
    const late = (await verifyShopperToken(env.APP_SECRET, t, started + 110 * MIN, (await shopId())!))!;
    expect(late.maxExpiresAt).toBe(started + SHOPPER_TOKEN_TTL_MS);
    expect(late.expiresAt).toBeLessThanOrEqual(started + SHOPPER_TOKEN_TTL_MS);
  });
});

async function shopId() {
  return (await env.DB.prepare('SELECT id FROM shops WHERE domain = ?').bind(SHOP).first<{ id: string }>())?.id;
}
