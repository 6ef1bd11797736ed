import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { verifySessionToken } from '../../src/admin/auth/session-token';
import { fixedClock } from '../../src/lib/clock';
import { createServices } from '../../src/services';
import { createShop } from '../helpers/factory';
import { sessionToken, setCookies, shopClaims } from './session-token';

const NOW = Date.UTC(2026, 10, 25, 12);
const clock = fixedClock(NOW);
const app = createApp({ services: (e) => createServices(e, { clock }) });
const SHOP = 'login-shop.myshopify.com';
const opts = { apiKey: 'dev-shopify-key', apiSecret: 'dev-shopify-secret', now: NOW };

function cookiesOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of setCookies(res)) {
    const [pair] = c.split(';');
    const i = pair!.indexOf('=');
    out[pair!.slice(0, i)] = pair!.slice(i + 1);
  }
  return out;
}
const cookieHeader = (c: Record<string, string>) =>
  Object.entries(c)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
const form = (o: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(o).toString(),
});

describe('Shopify session tokens', () => {
  it('accepts a token signed with the app secret for this app and names its shop', async () => {
    const claims = await verifySessionToken(await sessionToken(shopClaims(SHOP, NOW)), opts);
    expect(claims).toMatchObject({ shop: SHOP, user: '42' });
  });

  it('refuses wrong signature, audience, algorithm, expiry, not-before and mismatched issuer', async () => {
    const bad = [
      await sessionToken(shopClaims(SHOP, NOW), 'another-secret'),
      await sessionToken(shopClaims(SHOP, NOW, { aud: 'another-app' })),
      await sessionToken(shopClaims(SHOP, NOW), 'dev-shopify-secret', { alg: 'none' }),
      await sessionToken(shopClaims(SHOP, NOW, { exp: NOW / 1000 - 11 })),
      await sessionToken(shopClaims(SHOP, NOW, { nbf: NOW / 1000 + 11 })),
      await sessionToken(shopClaims(SHOP, NOW, { iss: 'https://evil.myshopify.com/admin' })),
      await sessionToken(shopClaims(SHOP, NOW, { dest: 'https://example.com' })),
      'a.b.c',
    ];
    for (const t of bad) expect(await verifySessionToken(t, opts)).toBeNull();
  });

  it('tolerates a few seconds of clock skew on exp and nbf', async () => {
    expect(
      await verifySessionToken(
        await sessionToken(shopClaims(SHOP, NOW, { exp: NOW / 1000 - 5, nbf: NOW / 1000 + 5 })),
        opts,
      ),
    ).not.toBeNull();
  });
});

describe('admin API with a session token', () => {
  let shopId: string;
  beforeAll(async () => {
    shopId = (await createShop(env.DB, { domain: SHOP })).id;
  });

  it('authenticates the bearer session token without X-Shop-Domain', async () => {
    const token = await sessionToken(shopClaims(SHOP, NOW));
    const res = await app.request('/api/admin/metrics', { headers: { authorization: `Bearer ${token}` } }, env);
    expect(res.status).toBe(200);
    expect(shopId).toMatch(/^shop_/);
  });

  it('refuses an expired session token with 401', async () => {
    const token = await sessionToken(shopClaims(SHOP, NOW, { exp: NOW / 1000 - 60 }));
    const res = await app.request('/api/admin/metrics', { headers: { authorization: `Bearer ${token}` } }, env);
    expect(res.status).toBe(401);
  });
});

describe('standalone login, cookie session, CSRF and logout', () => {
  beforeAll(async () => {
    if (!(await env.DB.prepare('SELECT 1 FROM shops WHERE domain = ?').bind(SHOP).first()))
      await createShop(env.DB, { domain: SHOP });
  });

  async function login(token = 'test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm') {
    const page = await app.request('/admin/login', {}, env);
    expect(page.status).toBe(200);
    const nonce = cookiesOf(page)['aftercare_login']!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const res = await app.request(
      '/admin/login',
      {
        ...form({ _csrf: csrf, shop: SHOP, token, next: '/admin/dashboard' }),
        headers: { ...form({}).headers, cookie: `aftercare_login=${nonce}` },
      },
      env,
    );
    return res;
  }

  it('sends a visitor without a session to the login page', async () => {
    const res = await app.request('/admin/dashboard', {}, env);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fdashboard');
  });

  it('refuses a wrong admin token and a login form without its nonce', async () => {
    expect((await login('wrong-token-123')).status).toBe(401);
    const res = await app.request(
      '/admin/login',
      form({ _csrf: 'x', shop: SHOP, token: 'test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm' }),
      env,
    );
    expect(res.status).toBe(403);
  });

  it('exchanges the admin token for an http-only SameSite=Lax cookie that opens the screens', async () => {
    const res = await login();
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/dashboard');
    const setCookie = setCookies(res).find((c) => c.startsWith('aftercare_admin='))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Max-Age=28800/);
    const session = cookiesOf(res)['aftercare_admin']!;
    const page = await app.request('/admin/dashboard', { headers: { cookie: `aftercare_admin=${session}` } }, env);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Return rate');
  });

  it('refuses a tampered or expired cookie', async () => {
    const session = cookiesOf(await login())['aftercare_admin']!;
    const [payload, sig] = session.split('.');
    const tampered = `${payload!.slice(0, -2)}AA.${sig}`;
    expect(
      (await app.request('/admin/dashboard', { headers: { cookie: `aftercare_admin=${tampered}` } }, env)).status,
    ).toBe(303);
    clock.advance(9 * 3_600_000);
    try {
      expect(
        (await app.request('/admin/dashboard', { headers: { cookie: `aftercare_admin=${session}` } }, env)).status,
      ).toBe(303);
    } finally {
      clock.set(NOW);
    }
  });

  it('refuses a form post without the session CSRF token, and logs out with it', async () => {
    const session = cookiesOf(await login())['aftercare_admin']!;
    const page = await (
      await app.request('/admin/dashboard', { headers: { cookie: `aftercare_admin=${session}` } }, env)
    ).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const headers = { 'content-type': 'application/x-www-form-urlencoded', cookie: `aftercare_admin=${session}` };
    expect((await app.request('/admin/logout', { method: 'POST', headers, body: '_csrf=forged' }, env)).status).toBe(
      403,
    );
    const out = await app.request(
      '/admin/logout',
      { method: 'POST', headers, body: `_csrf=${encodeURIComponent(csrf)}` },
      env,
    );
    expect(out.status).toBe(303);
    expect(setCookies(out).join()).toMatch(/aftercare_admin=;.*Max-Age=0/);
  });

  it("logout revokes the session server-side: a copy of the old cookie, and the shop's other sessions, stop working", async () => {
    const first = cookiesOf(await login())['aftercare_admin']!;
    const other = cookiesOf(await login())['aftercare_admin']!;
    const open = (cookie: string) =>
      app.request('/admin/dashboard', { headers: { cookie: `aftercare_admin=${cookie}` } }, env);
    expect((await open(first)).status).toBe(200);
    const page = await (await open(first)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const out = await app.request(
      '/admin/logout',
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `aftercare_admin=${first}` },
        body: `_csrf=${encodeURIComponent(csrf)}`,
      },
      env,
    );
    expect(out.status).toBe(303);
    for (const copy of [first, other]) {
      const res = await open(copy);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/admin/login');
    }
    // Signing in again starts a session at the new generation.
    expect((await open(cookiesOf(await login())['aftercare_admin']!)).status).toBe(200);
  });
});

describe('embedded in Shopify: the App Bridge id_token opens the screens', () => {
  it('installs the shop by token exchange, starts a partitioned cross-site session, and refuses a bad token', async () => {
    const shop = 'embedded-shop.myshopify.com';
    const token = await sessionToken(shopClaims(shop, NOW));
    const res = await app.request(`https://app.test/admin/dashboard?id_token=${token}`, {}, env);
    expect(res.status).toBe(200);
    const cookie = setCookies(res).find((c) => c.startsWith('aftercare_admin='))!;
    expect(cookie).toMatch(/SameSite=None/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Partitioned/);
    const row = await env.DB.prepare(
      'SELECT access_token_enc, refresh_token_enc, access_token_expires_at FROM shops WHERE domain = ?',
    )
      .bind(shop)
      .first<Record<string, unknown>>();
    expect(String(row?.access_token_enc)).toMatch(/^v2\.app\./);
    expect(String(row?.refresh_token_enc)).toMatch(/^v2\.app\./);
    expect(row?.access_token_expires_at).toBe(NOW + 3_600_000);
    const forged = await sessionToken(shopClaims(shop, NOW), 'wrong-secret');
    expect((await app.request(`https://app.test/admin/dashboard?id_token=${forged}`, {}, env)).status).toBe(401);
  });
});
