import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { getShopAccessToken } from '../../src/integrations/shopify/shop-credentials';
import { createShopifyTokens, LocalShopifyTokens } from '../../src/integrations/shopify/shopify-tokens';
import { decryptSecret, encryptSecret } from '../../src/integrations/shopify/token-vault';
import { findShopByDomain } from '../../src/db/shops';
import { fixedClock } from '../../src/lib/clock';
import { hmacSha256, toHex } from '../../src/lib/crypto';
import { createServices } from '../../src/services';
import { createShop } from '../helpers/factory';
import { json, mockHttp } from '../helpers/msw';
import { setCookies } from './session-token';

/** The vault of the test env: no TOKEN_ENCRYPTION_KEYS, so the key derived from APP_SECRET. */
const VAULT = { APP_SECRET: env.APP_SECRET };
const NOW = Date.UTC(2026, 10, 25, 12);
const clock = fixedClock(NOW);
const services = () => createServices(env, { clock });
const app = createApp({ services: (e) => createServices(e, { clock }) });

// Shopify's token endpoint, through MSW; the token client runs on its production path (global fetch).
const mock = mockHttp();

/** `shop`'s token endpoint answers from a queue of canned token responses; `calls` has the JSON bodies. */
function recordingFetch(answers: Array<Record<string, unknown>>, shop = 'a.myshopify.com') {
  mock.on('post', `https://${shop}/admin/oauth/access_token`, () => json(answers.shift() ?? { errors: 'no answer' }));
  return {
    get calls() {
      return mock.requests.map((r) => ({
        url: r.url,
        method: r.method,
        headers: r.headers,
        body: r.json as Record<string, string>,
      }));
    },
  };
}

describe('platform tokens at rest', () => {
  it('encrypts with AES-GCM bound to the shop: another shop or another key cannot read it', async () => {
    const sealed = await encryptSecret(VAULT, 'shop_A', 'shpat_secret');
    expect(sealed).toMatch(/^v2\.app\./);
    expect(sealed).not.toContain('shpat_secret');
    expect(await decryptSecret(VAULT, 'shop_A', sealed)).toBe('shpat_secret');
    expect(await decryptSecret(VAULT, 'shop_B', sealed)).toBeNull();
    expect(
      await decryptSecret({ APP_SECRET: 'other-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA' }, 'shop_A', sealed),
    ).toBeNull();
  });
});

describe('Shopify token endpoint requests (documented shapes)', () => {
  const answer = {
    access_token: 'shpat_new',
    scope: 'read_orders',
    expires_in: 3600,
    refresh_token: 'shprt_new',
    refresh_token_expires_in: 7_776_000,
  };

  it('token exchange posts the id_token for an expiring offline token', async () => {
    const rec = recordingFetch([answer]);
    const grant = await createShopifyTokens({
      apiKey: 'key',
      apiSecret: 'secret',
      now: () => NOW,
    }).exchangeSessionToken('a.myshopify.com', 'jwt.token.here');
    expect(rec.calls[0]).toMatchObject({
      url: 'https://a.myshopify.com/admin/oauth/access_token',
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: {
        client_id: 'key',
        client_secret: 'secret',
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: 'jwt.token.here',
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
        requested_token_type: 'urn:shopify:params:oauth:token-type:offline-access-token',
        expiring: '1',
      },
    });
    expect(grant).toEqual({
      accessToken: 'shpat_new',
      scope: 'read_orders',
      expiresAt: NOW + 3_600_000,
      refreshToken: 'shprt_new',
      refreshTokenExpiresAt: NOW + 7_776_000_000,
    });
  });

  it('code grant and refresh post their documented bodies', async () => {
    const rec = recordingFetch([answer, answer]);
    const client = createShopifyTokens({ apiKey: 'key', apiSecret: 'secret', now: () => NOW });
    await client.exchangeCode('a.myshopify.com', 'code123');
    await client.refresh('a.myshopify.com', 'shprt_old');
    expect(rec.calls[0]!.body).toEqual({ client_id: 'key', client_secret: 'secret', code: 'code123', expiring: '1' });
    expect(rec.calls[1]!.body).toEqual({
      client_id: 'key',
      client_secret: 'secret',
      grant_type: 'refresh_token',
      refresh_token: 'shprt_old',
    });
  });
});

describe('getShopAccessToken before background jobs', () => {
  it('refreshes an offline token that expires within five minutes and stores the rotated pair encrypted', async () => {
    const s = services();
    const shop = await createShop(env.DB, { domain: 'refresh-shop.myshopify.com' });
    await env.DB.prepare(
      'UPDATE shops SET access_token_enc = ?, refresh_token_enc = ?, access_token_expires_at = ? WHERE id = ?',
    )
      .bind(
        await encryptSecret(VAULT, shop.id, 'shpat_old'),
        await encryptSecret(VAULT, shop.id, 'shprt_old'),
        NOW + 4 * 60_000,
        shop.id,
      )
      .run();
    const rec = recordingFetch(
      [
        {
          access_token: 'shpat_fresh',
          scope: 'read_orders',
          expires_in: 3600,
          refresh_token: 'shprt_fresh',
          refresh_token_expires_in: 7_776_000,
        },
      ],
      'refresh-shop.myshopify.com',
    );
    const tokens = createShopifyTokens({ apiKey: 'dev-shopify-key', apiSecret: 'dev-shopify-secret', now: () => NOW });
    expect(await getShopAccessToken(s, shop.id, tokens)).toBe('shpat_fresh');
    expect(rec.calls[0]!.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'shprt_old' });
    const row = (await findShopByDomain(s, 'refresh-shop.myshopify.com'))!;
    expect(row.accessTokenExpiresAt).toBe(NOW + 3_600_000);
    expect(await decryptSecret(VAULT, shop.id, row.refreshTokenEnc!)).toBe('shprt_fresh');
    // Fresh now: no second refresh.
    expect(await getShopAccessToken(s, shop.id, tokens)).toBe('shpat_fresh');
    expect(rec.calls).toHaveLength(1);
  });

  it('answers a dev token in local mode when the shop has none', async () => {
    const shop = await createShop(env.DB, { domain: 'local-token.myshopify.com' });
    expect(await getShopAccessToken(services(), shop.id, new LocalShopifyTokens(() => NOW))).toBe(
      'shpat_local_dev_local-token.myshopify.com',
    );
  });
});

describe('OAuth install', () => {
  async function signedQuery(params: Record<string, string>) {
    const message = Object.keys(params)
      .sort()
      .map((k) => `${k}=${params[k]}`)
      .join('&');
    return new URLSearchParams({ ...params, hmac: toHex(await hmacSha256('dev-shopify-secret', message)) });
  }

  it('redirects to the shop consent screen with client id, scopes, redirect and a state cookie', async () => {
    const res = await app.request('http://aftercare.test/auth/shopify?shop=new-shop.myshopify.com', {}, env);
    expect(res.status).toBe(302);
    const url = new URL(res.headers.get('location')!);
    expect(url.origin + url.pathname).toBe('https://new-shop.myshopify.com/admin/oauth/authorize');
    expect(url.searchParams.get('client_id')).toBe('dev-shopify-key');
    expect(url.searchParams.get('redirect_uri')).toBe('http://aftercare.test/auth/shopify/callback');
    expect(setCookies(res).join()).toContain(`aftercare_oauth_state=${url.searchParams.get('state')}`);
  });

  it('installs the shop on a valid callback and refuses a bad HMAC or a state mismatch', async () => {
    const q = await signedQuery({
      code: 'abc',
      shop: 'new-shop.myshopify.com',
      state: 'st8',
      timestamp: String(NOW / 1000),
    });
    const cookie = { cookie: 'aftercare_oauth_state=st8' };
    const tampered = new URLSearchParams(q);
    tampered.set('code', 'other');
    expect((await app.request(`/auth/shopify/callback?${tampered}`, { headers: cookie }, env)).status).toBe(401);
    expect(
      (await app.request(`/auth/shopify/callback?${q}`, { headers: { cookie: 'aftercare_oauth_state=nope' } }, env))
        .status,
    ).toBe(403);
    const ok = await app.request(`/auth/shopify/callback?${q}`, { headers: cookie }, env);
    expect(ok.status).toBe(303);
    expect(setCookies(ok).join()).toContain('aftercare_admin=');
    const shop = (await findShopByDomain(services(), 'new-shop.myshopify.com'))!;
    expect(shop.accessTokenEnc).toMatch(/^v2\.app\./);
    expect(await decryptSecret(VAULT, shop.id, shop.accessTokenEnc!)).toMatch(/^shpat_local_new-shop/);
  });
});
