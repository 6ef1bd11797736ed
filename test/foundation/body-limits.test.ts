// storage: own (looks up the demo shop's fixed orders: the lookup rate limiter is per workerd, not per file)
/**
 * Every route that reads a body is limited before the body is read: 1 MiB for the APIs, admin and
 * survey forms (413 problem+json, whether the size is declared or only found while streaming), room
 * for six photos on the shopper API's upload, and nothing is written by a refused request.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { seedDemoShop } from '../../src/db/seed';
import { JSON_BODY_BYTES, UPLOAD_BODY_BYTES } from '../../src/http/body-limits';
import { signShopperToken } from '../../src/portal/token';

const BASE = 'https://aftercare.test';
const big = (n: number) => JSON.stringify({ pad: 'x'.repeat(n) });

function streamed(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, (at += 64 * 1024)));
    },
  });
}

const rows = async () => {
  const names = (
    await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'",
    ).all<{ name: string }>()
  ).results;
  let n = 0;
  for (const { name } of names)
    n += (await env.DB.prepare(`SELECT count(*) AS n FROM "${name}"`).first<number>('n')) ?? 0;
  return n;
};

describe('request body limits', () => {
  const routes: Array<[string, string]> = [
    ['/api/admin/policy', 'application/json'],
    ['/api/portal/demo-shop.myshopify.com/lookup', 'application/json'],
    ['/api/portal/demo-shop.myshopify.com/returns', 'application/json'],
    ['/admin/login', 'application/x-www-form-urlencoded'],
    ['/survey/some-token', 'application/x-www-form-urlencoded'],
  ];

  it.each(routes)('%s: a declared body over 1 MiB is a 413 problem, and nothing is written', async (path, type) => {
    const before = await rows();
    const res = await exports.default.fetch(`${BASE}${path}`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: big(JSON_BODY_BYTES + 1),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ code: 'payload_too_large', status: 413 });
    expect(await rows()).toBe(before);
  });

  it.each(routes)('%s: the same body streamed without a length is refused too', async (path, type) => {
    const res = await exports.default.fetch(`${BASE}${path}`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: streamed(big(JSON_BODY_BYTES + 1)),
    });
    expect(res.status).toBe(413);
  });

  it('a body under the limit reaches the route (its own answer, not 413)', async () => {
    const res = await exports.default.fetch(`${BASE}/api/portal/demo-shop.myshopify.com/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big(JSON_BODY_BYTES - 1024),
    });
    expect(res.status).not.toBe(413);
    expect(res.status).toBeLessThan(500);
  });

  it('the shopper API photo upload has room for its photos, and no more', async () => {
    const path = `${BASE}/api/portal/demo-shop.myshopify.com/photos`;
    // 2 MiB: over the JSON limit, inside the upload one; it reaches the route, which answers on its own
    // (no shop is seeded in this file's storage: 404).
    const form = new FormData();
    form.append('photo', new File([new Uint8Array(2 * 1024 * 1024)], 'a.jpg', { type: 'image/jpeg' }));
    const inside = await exports.default.fetch(path, { method: 'POST', body: form });
    expect(inside.status).toBe(404);
    expect(await inside.json()).toMatchObject({ code: 'not_found' });
    // The limit applies once the shopper's token is checked (the body is not read before): a shop and a token.
    await seedDemoShop(env.DB, Date.now());
    const token = await signShopperToken(env.APP_SECRET, {
      shopId: 'shop_demo',
      orderId: 'ord_demo1001',
      customerId: null,
      expiresAt: Date.now() + 60_000,
      sessionId: 'body-limits',
    });
    const over = await exports.default.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x', authorization: `Bearer ${token}` },
      body: streamed('x'.repeat(UPLOAD_BODY_BYTES + 1)),
    });
    expect(over.status).toBe(413);
  });
});
