// storage: own (looks up the demo shop's fixed orders: the lookup rate limiter is per workerd, not per file)
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_SHOP_DOMAIN, DEMO_SHOP_ID } from '../../src/db/demo-data';
import { seedDemoShop } from '../../src/db/seed';
import { signShopperToken } from '../../src/portal/token';
import { createShop } from '../helpers/factory';
import { RUNS } from './arbitraries';
import { quietFetch } from './quiet-worker';
import { snapshot } from './snapshot';

const SECRET = 'test-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA';
const api = (shop: string, path: string) => `https://aftercare.test/api/portal/${shop}${path}`;

let token = '';
let lineItemId = '';
let orderId = '';
let otherShop = '';

async function withToken(t: string, shop = DEMO_SHOP_DOMAIN): Promise<{ read: number; open: number }> {
  const headers = { authorization: `Bearer ${t}`, 'content-type': 'application/json', 'cf-connecting-ip': '10.7.7.7' };
  const read = await quietFetch(new Request(api(shop, '/returns/case_00000000000000000000000000'), { headers }));
  const body = JSON.stringify({
    items: [{ lineItemId, quantity: 1, reason: 'too_small' }],
    resolution: 'refund',
    method: 'drop_off',
  });
  const open = await quietFetch(new Request(api(shop, '/returns'), { method: 'POST', headers, body }));
  await read.arrayBuffer();
  await open.arrayBuffer();
  return { read: read.status, open: open.status };
}

beforeAll(async () => {
  // Thousands of runs: the app's one-line-per-request log would only slow the run and bury failures.
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await seedDemoShop(env.DB, Date.now());
  otherShop = (await createShop(env.DB, { domain: 'other-tenant.myshopify.com' })).domain;
  const res = await quietFetch(
    new Request(api(DEMO_SHOP_DOMAIN, '/lookup'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '10.201.0.1' },
      body: JSON.stringify({ order: '#1001', email: 'shopper@example.com' }),
    }),
  );
  const json = (await res.json()) as { token: string; order: { id: string; lines: Array<{ id: string }> } };
  token = json.token;
  lineItemId = json.order.lines[0]!.id;
  const claims = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { o: string };
  orderId = claims.o;
});

describe('shopper token tampering and expiry', { timeout: 300_000 }, () => {
  it('a token with any character changed, cut, extended or re-assembled is refused (401) and writes nothing', async () => {
    const tamper = fc.oneof(
      fc
        .tuple(fc.nat(), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ '))
        .map(([i, ch]) => {
          const at = i % token.length;
          return token[at] === ch ? null : token.slice(0, at) + ch + token.slice(at + 1);
        }),
      fc.nat().map((i) => token.slice(0, i % token.length)),
      fc.string({ minLength: 1, maxLength: 40 }).map((s) => token + s),
      fc.constantFrom(
        'v2' + token.slice(2),
        token.split('.').reverse().join('.'),
        `v1.${token.split('.')[1]}.`,
        `v1..${token.split('.')[2]}`,
        token.replace(/\./g, ''),
      ),
    );
    // Refused requests write nothing: one snapshot around all the runs catches a write in any of them.
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(tamper, async (bad) => {
        // Header values are trimmed by the Fetch API: `token + ' '` arrives as the token itself.
        fc.pre(bad !== null && bad.trim() !== token && bad.trim() !== '');
        const { read, open } = await withToken(bad!);
        expect(read).toBe(401);
        expect(open).toBe(401);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(await snapshot()).toBe(before);
  });

  it('a correctly signed token past its expiry, or for another shop, or signed with another secret is refused', async () => {
    const now = Date.now();
    const forged = fc.oneof(
      fc
        .integer({ min: 0, max: 400 * 86_400_000 })
        .map((ago) => ({ secret: SECRET, shopId: DEMO_SHOP_ID, exp: now - ago, path: DEMO_SHOP_DOMAIN })),
      fc.integer({ min: 60_000, max: 86_400_000 }).map((ahead) => ({
        secret: SECRET,
        shopId: DEMO_SHOP_ID,
        exp: now + ahead,
        path: 'other-tenant.myshopify.com',
      })),
      fc
        .tuple(fc.string({ minLength: 1, maxLength: 30 }), fc.integer({ min: 60_000, max: 86_400_000 }))
        .map(([secret, ahead]) => ({
          secret: secret === SECRET ? `${secret}x` : secret,
          shopId: DEMO_SHOP_ID,
          exp: now + ahead,
          path: DEMO_SHOP_DOMAIN,
        })),
    );
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(forged, async (f) => {
        const t = await signShopperToken(f.secret, {
          shopId: f.shopId,
          orderId,
          customerId: null,
          expiresAt: f.exp,
          sessionId: 'session-abcdefgh',
        });
        const { read, open } = await withToken(t, f.path);
        expect(read).toBe(401);
        expect(open).toBe(401);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(await snapshot()).toBe(before);
    expect(otherShop).toBe('other-tenant.myshopify.com');
  });

  it('control: the untouched token and a freshly signed one are accepted, so the refusals above are about tampering', async () => {
    const fresh = await signShopperToken(SECRET, {
      shopId: DEMO_SHOP_ID,
      orderId,
      customerId: null,
      expiresAt: Date.now() + 60_000,
      sessionId: 'session-abcdefgh',
    });
    for (const t of [token, fresh]) {
      const { read } = await withToken(t);
      expect(read).toBe(404); // authenticated; that case simply does not exist
    }
  });
});
