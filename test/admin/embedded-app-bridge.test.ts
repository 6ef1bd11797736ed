/**
 * Embedded in Shopify: App Bridge (script from Shopify's CDN and the shopify-api-key meta), its
 * title bar, navigation menu and toast script only when the request is embedded; the CSP allows the
 * CDN on /admin and lets only that shop's admin frame it; a session token (URL, form or Bearer)
 * authenticates without the cookie. Standalone pages carry none of it.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { fixedClock } from '../../src/lib/clock';
import { createServices } from '../../src/services';
import { createShop } from '../helpers/factory';
import { embeddedAdminScript } from '../../src/views/inline-scripts';
import { adminSession } from './admin-session';
import { sessionToken, shopClaims } from './session-token';

const NOW = Date.UTC(2026, 10, 25, 12);
const app = createApp({ services: (e) => createServices(e, { clock: fixedClock(NOW) }) });
const SHOP = 'bridge-shop.myshopify.com';
const APP_BRIDGE = '<script src="https://cdn.shopify.com/shopifycloud/app-bridge.js"></script>';
const META = '<meta name="shopify-api-key" content="dev-shopify-key"/>';

const csp = (res: Response) =>
  new Map(
    (res.headers.get('content-security-policy') ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map((d) => [d[0]!, d.slice(1)]),
  );

beforeAll(async () => {
  await createShop(env.DB, { domain: 'standalone-bridge.myshopify.com' }, NOW);
});

describe('embedded in Shopify', () => {
  it('a page opened with a session token carries App Bridge, its meta, title bar, menu and script', async () => {
    const token = await sessionToken(shopClaims(SHOP, NOW));
    const res = await app.request(
      `https://app.test/admin/dashboard?embedded=1&host=YWRtaW4&id_token=${token}`,
      { headers: { 'accept-language': 'de' } },
      env,
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(META);
    expect(html).toContain(APP_BRIDGE);
    // App Bridge must come first among the scripts, in the head.
    expect(html.indexOf(APP_BRIDGE)).toBeLessThan(html.indexOf('</head>'));
    expect(html).toContain('<ui-title-bar title="Übersicht"></ui-title-bar>');
    expect(html).toMatch(/<ui-nav-menu><a href="\/admin" rel="home">Warteschlange<\/a><a href="\/admin\/dashboard">/);
    expect(html).toContain(`<script>${embeddedAdminScript}</script>`); // toasts, tokens on links and forms
    expect(html).not.toContain('<header class="top">'); // Shopify's frame replaces ours

    const policy = csp(res);
    expect(policy.get('script-src')).toContain('https://cdn.shopify.com');
    expect(policy.get('frame-ancestors')).toEqual([`https://${SHOP}`, 'https://admin.shopify.com']);
  });

  it('a form posted with a session token needs no cookie (and no CSRF field: a token is never ambient)', async () => {
    const token = await sessionToken(shopClaims(SHOP, NOW));
    const res = await app.request(
      'https://app.test/admin/me/settings',
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ uiLocale: 'de', id_token: token }).toString(),
      },
      env,
    );
    expect(res.status).toBe(303);
    const row = await env.DB.prepare(
      `SELECT m.ui_locale FROM members m JOIN shops s ON s.id = m.shop_id WHERE s.domain = ? AND m.shopify_user_id = '42'`,
    )
      .bind(SHOP)
      .first();
    expect(row?.ui_locale).toBe('de');
    const forged = await sessionToken(shopClaims(SHOP, NOW), 'not-the-secret');
    const refused = await app.request(
      'https://app.test/admin/me/settings',
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ uiLocale: 'en', id_token: forged }).toString(),
      },
      env,
    );
    expect(refused.status).toBe(401);
  });

  it("App Bridge's fetch (Authorization: Bearer <session token>) opens a screen without a cookie", async () => {
    const token = await sessionToken(shopClaims(SHOP, NOW));
    const res = await app.request(
      'https://app.test/admin/team',
      { headers: { authorization: `Bearer ${token}` } },
      env,
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(APP_BRIDGE);
  });

  it('a session begun by a token stays embedded on the next page, without the token', async () => {
    const token = await sessionToken(shopClaims(SHOP, NOW));
    const first = await app.request(`https://app.test/admin?id_token=${token}`, {}, env);
    const cookie = (first.headers as unknown as { getSetCookie(): string[] })
      .getSetCookie()
      .find((c) => c.startsWith('aftercare_admin='))!
      .split(';')[0]!;
    const next = await app.request('https://app.test/admin/team', { headers: { cookie } }, env);
    expect(next.status).toBe(200);
    expect(await next.text()).toContain(APP_BRIDGE);
  });
});

describe('standalone', () => {
  it('has no App Bridge script, meta, title bar or menu, and keeps its own navigation', async () => {
    const session = await adminSession('standalone-bridge.myshopify.com', NOW);
    const res = await app.request(session.get('/admin/dashboard'), undefined, env);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('cdn.shopify.com');
    expect(html).not.toContain('shopify-api-key');
    expect(html).not.toContain('<ui-title-bar');
    expect(html).not.toContain('<ui-nav-menu');
    expect(html).not.toContain('<script');
    expect(html).toContain('<header class="top">');
    const login = await app.request('https://app.test/admin/login', {}, env);
    expect(await login.text()).not.toContain('app-bridge.js');
  });

  it('the shopper page may not load App Bridge (its CSP allows hashed inline scripts only)', async () => {
    const res = await app.request('https://app.test/portal/standalone-bridge.myshopify.com', {}, env);
    expect(csp(res).get('script-src')).not.toContain('https://cdn.shopify.com');
  });
});
