/**
 * Tampering and expiry of every credential besides the shopper token (tokens.property.test.ts) and
 * the CSRF / draft tokens of the forms (portal-forms, portal-submit, admin-forms): the survey link
 * token, the admin session cookie, the Shopify App Bridge session token (JWT), the app proxy
 * signature and the OAuth install callback's HMAC and state. Each: a character changed, cut or added, re-signed with another secret, past its
 * expiry (or before nbf), for another purpose → refused, and nothing written. Each has a control
 * showing the untouched credential is accepted, so a refusal is about the tampering.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { newSession, operatorTokenTag, signSession } from '../../src/admin/auth/cookie-session';
import { DEMO_SHOP_DOMAIN, DEMO_SHOP_ID } from '../../src/db/demo-data';
import { seedDemoShop } from '../../src/db/seed';
import { signSurveyToken } from '../../src/surveys/token';
import { hmacSha256, toHex } from '../../src/lib/crypto';
import { signProxyQuery } from '../../src/portal/app-proxy';
import { sessionToken, shopClaims } from '../admin/session-token';
import { RUNS } from './arbitraries';
import { quietFetch } from './quiet-worker';
import { snapshot } from './snapshot';

const DAY = 86_400_000;
/** Requests sent per property: a property that skipped its runs cannot pass as proof. */
const runs = { survey: 0, cookie: 0, jwt: 0, proxy: 0, oauth: 0 };
const get = (url: string, headers: Record<string, string> = {}) =>
  quietFetch(new Request(`https://aftercare.test${url}`, { headers, redirect: 'manual' }));

/** Any one character changed, a prefix, or junk appended. */
const tampered = (good: string, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.') =>
  fc
    .oneof(
      fc
        .tuple(fc.nat(), fc.constantFrom(...alphabet))
        .map(([i, ch]) => good.slice(0, i % good.length) + ch + good.slice((i % good.length) + 1)),
      fc.nat().map((i) => good.slice(0, i % good.length)),
      fc.string({ minLength: 1, maxLength: 20, unit: fc.constantFrom(...alphabet) }).map((s) => good + s),
    )
    .filter((t) => t !== good);

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await seedDemoShop(env.DB, Date.now());
  const now = Date.now();
  await env.DB.prepare(
    "INSERT INTO surveys (id, shop_id, subject, kind, status, recipient, locale, due_at, sent_at, created_at, updated_at) VALUES ('svy_hostile', ?, 'delivery:hostile', 'nps', 'sent', 'a@example.com', 'en', ?, ?, ?, ?)",
  )
    .bind(DEMO_SHOP_ID, now, now, now, now)
    .run();
});

describe('credential tampering and expiry', { timeout: 300_000 }, () => {
  it('survey link tokens: altered, expired, re-signed, for the other purpose or another shop → the invalid-link page, nothing written', async () => {
    const now = Date.now();
    const claims = { s: 'svy_hostile', h: DEMO_SHOP_ID, p: 'a' as const, v: 9, e: now + 30 * DAY };
    const good = await signSurveyToken('test-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA', claims);
    const signed = [
      await signSurveyToken('test-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA', { ...claims, e: now - 1 }),
      await signSurveyToken('test-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA', { ...claims, e: now - 400 * DAY }),
      await signSurveyToken('test-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA', { ...claims, p: 'u' }),
      await signSurveyToken('test-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA', { ...claims, h: 'shop_other' }),
      await signSurveyToken('another-secret', claims),
    ];
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(tampered(good), fc.constantFrom(...signed)),
        fc.constantFrom('GET', 'POST'),
        async (token, method) => {
          runs.survey += 1;
          const res =
            method === 'GET'
              ? await get(`/survey/${encodeURIComponent(token)}`)
              : await quietFetch(
                  new Request(`https://aftercare.test/survey/${encodeURIComponent(token)}`, {
                    method,
                    headers: { 'content-type': 'application/x-www-form-urlencoded' },
                    body: 'score=0&comment=angry',
                  }),
                );
          await res.arrayBuffer();
          expect([404], token).toContain(res.status);
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(await snapshot()).toBe(before);
    // Control: the untouched link's page records nothing; its form post records the score (a write),
    // so the snapshot above could have moved.
    expect((await get(`/survey/${good}`)).status).toBe(200);
    expect(await snapshot()).toBe(before);
    const answered = await quietFetch(
      new Request(`https://aftercare.test/survey/${good}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'score=0&comment=angry',
      }),
    );
    expect(answered.status).toBe(200);
    expect(await snapshot()).not.toBe(before);
  });

  it('admin session cookie: altered, expired, re-signed → the login page (GET) or 401 (POST), nothing written', async () => {
    const now = Date.now();
    const tag = await operatorTokenTag(
      'test-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA',
      'test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm',
    );
    const session = newSession(DEMO_SHOP_DOMAIN, 'operator', now, 0, tag);
    const good = await signSession('test-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA', session);
    const signed = [
      await signSession('test-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA', { ...session, exp: now - 1 }),
      await signSession('test-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA', { ...session, exp: now - 30 * DAY }),
      await signSession('another-secret', session),
    ];
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(fc.oneof(tampered(good), fc.constantFrom(...signed)), async (cookie) => {
        fc.pre(!/[;,\s]/.test(cookie));
        runs.cookie += 1;
        const page = await get('/admin/policy', { cookie: `aftercare_admin=${cookie}` });
        await page.arrayBuffer();
        expect(page.status).toBe(303);
        expect(page.headers.get('location') ?? '').toMatch(/^\/admin\/login/);
        const post = await quietFetch(
          new Request('https://aftercare.test/admin/policy/blocklist', {
            method: 'POST',
            headers: { cookie: `aftercare_admin=${cookie}`, 'content-type': 'application/x-www-form-urlencoded' },
            body: 'value=x%40example.com&reason=fraud',
          }),
        );
        await post.arrayBuffer();
        expect(post.status).toBe(401);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(await snapshot()).toBe(before);
    expect((await get('/admin/policy', { cookie: `aftercare_admin=${good}` })).status).toBe(200);
  });

  it('App Bridge session tokens: altered, expired, not yet valid, wrong algorithm, audience, issuer or secret → 401 on the admin API, nothing written', async () => {
    const now = Date.now();
    const base = shopClaims(DEMO_SHOP_DOMAIN, now);
    const good = await sessionToken(base);
    const sec = Math.floor(now / 1000);
    const forged = fc.oneof(
      fc
        .integer({ min: 11, max: 400 * 86_400 })
        .map((ago) => ({ claims: { ...base, exp: sec - ago }, secret: 'dev-shopify-secret', alg: 'HS256' })),
      // (Past the 10 s leeway by a margin: the run itself takes seconds, and `sec` was read at its start.)
      fc
        .integer({ min: 120, max: 86_400 })
        .map((ahead) => ({ claims: { ...base, nbf: sec + ahead }, secret: 'dev-shopify-secret', alg: 'HS256' })),
      fc
        .constantFrom('none', 'HS512', 'RS256', 'hs256', '')
        .map((alg) => ({ claims: base, secret: 'dev-shopify-secret', alg })),
      fc
        .constantFrom('other-key', '', 'dev-shopify-key ')
        .map((aud) => ({ claims: { ...base, aud }, secret: 'dev-shopify-secret', alg: 'HS256' })),
      fc.constant({
        claims: { ...base, iss: 'https://other-tenant.myshopify.com/admin' },
        secret: 'dev-shopify-secret',
        alg: 'HS256',
      }),
      fc
        .string({ minLength: 1, maxLength: 30 })
        .filter((s) => s !== 'dev-shopify-secret')
        .map((secret) => ({ claims: base, secret, alg: 'HS256' })),
    );
    // The signature's last character carries 2 padding bits: its "siblings" decode to the same bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const siblings = [1, 2, 3].map((x) => good.slice(0, -1) + alphabet[alphabet.indexOf(good.at(-1)!) ^ x]);
    const token = fc.oneof(
      tampered(good),
      fc.constantFrom(...siblings),
      forged.map((f) => sessionToken(f.claims, f.secret, { alg: f.alg, typ: 'JWT' })),
    );
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(token, async (t) => {
        runs.jwt += 1;
        const jwt = await t;
        const res = await get('/api/admin/policy', { authorization: `Bearer ${jwt}` });
        await res.arrayBuffer();
        expect(res.status, jwt).toBe(401);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(await snapshot()).toBe(before);
    expect((await get('/api/admin/policy', { authorization: `Bearer ${good}` })).status).toBe(200);
  });

  it('app proxy signatures: altered signature or parameter, stale or future timestamp, another secret → 401, nothing written', async () => {
    const sign = async (params: Record<string, string>, secret = 'dev-shopify-secret') => {
      const q = new URLSearchParams(params);
      q.set('signature', await signProxyQuery(secret, q));
      return q;
    };
    const ts = (offsetSec: number) => String(Math.floor(Date.now() / 1000) + offsetSec);
    const params = {
      shop: DEMO_SHOP_DOMAIN,
      logged_in_customer_id: '',
      path_prefix: '/apps/returns',
      timestamp: ts(0),
    };
    const good = (await sign(params)).toString();
    const mutated = fc.oneof(
      tampered((await sign(params)).get('signature')!, '0123456789abcdef').map((sig) => {
        const q = new URLSearchParams(good);
        q.set('signature', sig);
        return q.toString();
      }),
      fc
        .tuple(
          fc.constantFrom('shop', 'timestamp', 'path_prefix', 'logged_in_customer_id', 'extra'),
          fc.string({ maxLength: 30 }),
        )
        .map(([k, v]) => {
          const q = new URLSearchParams(good);
          if (k === 'extra') q.append('shop', v);
          else q.set(k, q.get(k) === v ? `${v}x` : v);
          return q.toString();
        }),
      fc
        .oneof(fc.integer({ min: 86_401, max: 10 * 86_400 }), fc.integer({ min: -10 * 86_400, max: -86_401 }))
        .map(async (off) => (await sign({ ...params, timestamp: ts(off) })).toString()),
      fc
        .string({ minLength: 1, maxLength: 20 })
        .filter((s) => s !== 'dev-shopify-secret')
        .map(async (secret) => (await sign(params, secret)).toString()),
      fc.constant(new URLSearchParams(params).toString()),
    );
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(mutated, async (m) => {
        const query = await m;
        fc.pre(query !== good);
        runs.proxy += 1;
        const res = await get(`/apps/returns?${query}`);
        await res.arrayBuffer();
        expect(res.status, query).toBe(401);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(await snapshot()).toBe(before);
    expect((await get(`/apps/returns?${good}`)).status).toBe(200);
  });

  it('Shopify OAuth install callback: altered HMAC or parameter, stale timestamp, another secret, wrong state → 401/403, no shop installed', async () => {
    const sign = async (params: Record<string, string>, secret = 'dev-shopify-secret') => {
      const message = Object.keys(params)
        .sort()
        .map((k) => `${k}=${params[k]}`)
        .join('&');
      return new URLSearchParams({ ...params, hmac: toHex(await hmacSha256(secret, message)) });
    };
    const params = {
      code: 'abc',
      shop: 'oauth-hostile.myshopify.com',
      state: 'st8',
      timestamp: String(Math.floor(Date.now() / 1000)),
    };
    const good = (await sign(params)).toString();
    const mutated = fc.oneof(
      tampered(new URLSearchParams(good).get('hmac')!, '0123456789abcdef').map((h) => {
        const q = new URLSearchParams(good);
        q.set('hmac', h);
        return { query: q.toString(), state: 'st8' };
      }),
      fc
        .tuple(
          fc.constantFrom('code', 'shop', 'state', 'timestamp', 'host'),
          fc.string({ minLength: 1, maxLength: 30 }),
        )
        .map(([k, v]) => {
          const q = new URLSearchParams(good);
          q.set(k, q.get(k) === v ? `${v}x` : v);
          return { query: q.toString(), state: k === 'state' ? q.get('state')! : 'st8' };
        }),
      fc
        .oneof(fc.integer({ min: 86_401, max: 10 * 86_400 }), fc.integer({ min: -10 * 86_400, max: -86_401 }))
        .map(async (off) => ({
          query: (await sign({ ...params, timestamp: String(Math.floor(Date.now() / 1000) + off) })).toString(),
          state: 'st8',
        })),
      fc
        .string({ minLength: 1, maxLength: 20 })
        .filter((x) => x !== 'dev-shopify-secret')
        .map(async (secret) => ({ query: (await sign(params, secret)).toString(), state: 'st8' })),
      fc.constantFrom('', 'other', 'st8x').map((state) => ({ query: good, state })),
    );
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(mutated, async (m) => {
        const { query, state } = await m;
        fc.pre(!(query === good && state === 'st8'));
        runs.oauth += 1;
        const res = await get(
          `/auth/shopify/callback?${query}`,
          state ? { cookie: `aftercare_oauth_state=${state}` } : {},
        );
        await res.arrayBuffer();
        expect([400, 401, 403], `${query} state=${state}`).toContain(res.status);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(await snapshot()).toBe(before);
    const ok = await get(`/auth/shopify/callback?${good}`, { cookie: 'aftercare_oauth_state=st8' });
    expect(ok.status).toBe(303);
    expect(await snapshot()).not.toBe(before);
  });

  it('regression: a session token whose signature differs only in the padding bits of its last character is refused', async () => {
    const good = await sessionToken(shopClaims(DEMO_SHOP_DOMAIN, Date.now()));
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = good.slice(0, -1) + alphabet[alphabet.indexOf(good.at(-1)!) ^ 1];
    expect((await get('/api/admin/policy', { authorization: `Bearer ${sibling}` })).status).toBe(401);
  });

  it('ran every property at least RUNS times', () => {
    for (const [k, n] of Object.entries(runs)) expect(n, k).toBeGreaterThanOrEqual(RUNS);
  });
});
