// storage: own (looks up the demo shop's fixed orders: the lookup rate limiter is per workerd, not per file)
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { signShopperToken } from '../../src/portal/token';
import { fixedClock } from '../../src/lib/clock';
import { removeOrphanedPhotos } from '../../src/portal/photo-sweep';
import { MAX_PHOTOS_PER_ORDER, ORPHANED_PHOTO_MS } from '../../src/portal/photos';
import { createServices } from '../../src/services';
import { bearer, call, demoShop, jpeg, SHOP, shopperToken, tokenFor } from './helpers';

beforeAll(demoShop);

const json = (token: string, body: unknown) => ({
  method: 'POST',
  headers: bearer(token, { 'content-type': 'application/json' }),
  body: JSON.stringify(body),
});

async function upload(token: string, file: File) {
  const form = new FormData();
  form.append('photo', file);
  return call(`/api/portal/${SHOP}/photos`, { method: 'POST', headers: bearer(token), body: form });
}

describe('POST /api/portal/:shop/returns', () => {
  it('opens a refund return (201), records it with a shopper-visible timeline and queues the confirmation email in the same write', async () => {
    const { token, order } = await tokenFor('#1001');
    const jeans = order.lines.find((l) => l.title === 'Selvedge Jeans')!;
    const res = await call(
      `/api/portal/${SHOP}/returns`,
      json(token, {
        items: [{ lineItemId: jeans.id, quantity: 1, reason: 'too_large', note: 'a bit long' }],
        resolution: 'refund',
        method: 'drop_off',
      }),
    );
    expect(res.status).toBe(201);
    const created = await res.json<{
      id: string;
      number: string;
      status: string;
      refund: { amount: number; currency: string };
      items: Array<{ title: string; quantity: number }>;
      timeline: Array<{ type: string }>;
    }>();
    expect(created.id).toMatch(/^case_/);
    expect(created.number).toMatch(/^R-\d+$/);
    expect(created.items).toEqual([expect.objectContaining({ title: 'Selvedge Jeans', quantity: 1 })]);
    // 98.00 minus the 5.00 return shipping the shopper pays for "too large".
    expect(created.refund).toEqual({ amount: 9300, currency: 'USD' });
    expect(created.timeline.length).toBeGreaterThan(0);
    expect(res.headers.get('location')).toBe(`/api/portal/${SHOP}/returns/${created.id}`);

    const mail = await env.DB.prepare('SELECT kind, recipient, status FROM notifications WHERE case_id = ?')
      .bind(created.id)
      .all();
    expect(mail.results).toEqual([
      expect.objectContaining({ kind: 'return_confirmation', recipient: 'shopper@example.com' }),
    ]);

    const again = await call(`/api/portal/${SHOP}/returns/${created.id}`, { headers: bearer(token) });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: created.id, status: created.status, order: '#1001' });
  });

  it('opens an exchange for another in-stock size with an uploaded photo', async () => {
    const { token, order } = await tokenFor('#1002');
    const sneaker = order.lines[0]!;
    const up = await upload(token, jpeg());
    expect(up.status).toBe(201);
    const { photos } = await up.json<{ photos: Array<{ key: string }> }>();
    const target = sneaker.exchangeOptions.find((o) => o.available > 0)!;
    const res = await call(
      `/api/portal/${SHOP}/returns`,
      json(token, {
        items: [{ lineItemId: sneaker.id, quantity: 1, reason: 'damaged', photos: [photos[0]!.key] }],
        resolution: 'exchange',
        exchange: { variantId: target.variantId },
        method: 'drop_off',
      }),
    );
    expect(res.status).toBe(201);
    const body = await res.json<{
      resolution: string;
      items: Array<{ exchangeVariantId: string; photos: string[] }>;
    }>();
    expect(body.resolution).toBe('exchange');
    expect(body.items[0]).toMatchObject({ exchangeVariantId: target.variantId, photos: [photos[0]!.key] });
  });

  it('refuses ineligible items with 422 naming each of them, and writes nothing', async () => {
    const { token, order } = await tokenFor('#1004');
    const scarf = order.lines.find((l) => l.title === 'Clearance Scarf')!;
    const before = await env.DB.prepare('SELECT count(*) AS n FROM cases').first<number>('n');
    const res = await call(
      `/api/portal/${SHOP}/returns`,
      json(token, {
        items: [{ lineItemId: scarf.id, quantity: 1, reason: 'changed_mind' }],
        resolution: 'refund',
        method: 'drop_off',
      }),
    );
    expect(res.status).toBe(422);
    const body = await res.json<{ detail: string; items: Array<{ lineItemId: string; code: string }> }>();
    expect(body.detail).toContain('Clearance Scarf');
    expect(body.items).toEqual([expect.objectContaining({ lineItemId: scarf.id, code: 'final_sale' })]);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM cases').first<number>('n')).toBe(before);
  });

  it('refuses a reason that needs a photo when none is sent (422 photo_required)', async () => {
    const { token, order } = await tokenFor('#1010');
    const res = await call(
      `/api/portal/${SHOP}/returns`,
      json(token, {
        items: [{ lineItemId: order.lines[0]!.id, quantity: 1, reason: 'defective' }],
        resolution: 'refund',
        method: 'drop_off',
      }),
    );
    expect(res.status).toBe(422);
    expect((await res.json<{ items: Array<{ code: string }> }>()).items[0]!.code).toBe('photo_required');
  });

  it('refuses an exchange for an out-of-stock variant (422)', async () => {
    const { token, order } = await tokenFor('#1010');
    const tee = order.lines[0]!;
    const res = await call(
      `/api/portal/${SHOP}/returns`,
      json(token, {
        items: [
          {
            lineItemId: tee.id,
            quantity: 1,
            reason: 'too_small',
            exchangeVariantId: 'gid://shopify/ProductVariant/70013',
          },
        ],
        resolution: 'exchange',
        method: 'drop_off',
      }),
    );
    expect(res.status).toBe(422);
    expect((await res.json<{ items: Array<{ code: string }> }>()).items[0]!.code).toBe('exchange_unavailable');
  });

  it('refuses a pickup without address and window (400) before anything is checked or written', async () => {
    const { token, order } = await tokenFor('#1010');
    const res = await call(
      `/api/portal/${SHOP}/returns`,
      json(token, {
        items: [{ lineItemId: order.lines[0]!.id, quantity: 1, reason: 'too_small' }],
        resolution: 'refund',
        method: 'pickup',
      }),
    );
    expect(res.status).toBe(400);
  });
});

describe('shopper token', () => {
  const body = {
    items: [{ lineItemId: 'line_x', quantity: 1, reason: 'too_small' }],
    resolution: 'refund',
    method: 'drop_off',
  };

  it('is required, and a tampered one is refused with 401', async () => {
    expect(
      (
        await call(`/api/portal/${SHOP}/returns`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).status,
    ).toBe(401);
    const { token } = await tokenFor('#1001');
    const [v, claims, sig] = token.split('.') as [string, string, string];
    const forged = JSON.parse(atob(claims.replaceAll('-', '+').replaceAll('_', '/')));
    forged.o = 'ord_demo1002';
    const forgedClaims = btoa(JSON.stringify(forged)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
    for (const bad of [`${v}.${forgedClaims}.${sig}`, `${v}.${claims}.${sig.slice(0, -2)}xx`, 'garbage']) {
      const res = await call(`/api/portal/${SHOP}/returns`, json(bad, body));
      expect(res.status, bad).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/invalid_token/);
    }
  });

  it('is refused with 401 once expired, and for another shop', async () => {
    const expired = await signShopperToken('test-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA', {
      shopId: 'shop_demo',
      orderId: 'ord_demo1001',
      customerId: 'cus_demo',
      expiresAt: Date.now() - 1000,
      sessionId: 'sess-expired-1',
    });
    expect((await call(`/api/portal/${SHOP}/returns/case_x`, { headers: bearer(expired) })).status).toBe(401);
    const otherShop = await signShopperToken('test-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA', {
      shopId: 'shop_other',
      orderId: 'ord_demo1001',
      customerId: null,
      expiresAt: Date.now() + 60_000,
      sessionId: 'sess-other-1',
    });
    expect((await call(`/api/portal/${SHOP}/returns/case_x`, { headers: bearer(otherShop) })).status).toBe(401);
  });

  it("never shows another order's case", async () => {
    const a = await tokenFor('#1009');
    const res = await call(
      `/api/portal/${SHOP}/returns`,
      json(a.token, {
        items: [{ lineItemId: a.order.lines[0]!.id, quantity: 1, reason: 'changed_mind' }],
        resolution: 'store_credit',
        method: 'drop_off',
      }),
    );
    expect(res.status).toBe(201);
    const { id } = await res.json<{ id: string }>();
    const b = await tokenFor('#1007');
    expect((await call(`/api/portal/${SHOP}/returns/${id}`, { headers: bearer(b.token) })).status).toBe(404);
  });
});

describe('photo upload', () => {
  it('refuses a photo over 8 MB with 413 and a non-image with 415, storing nothing', async () => {
    const token = await shopperToken('ord_demo1001');
    const big = await upload(token, jpeg(8 * 1024 * 1024 + 1));
    expect(big.status).toBe(413);
    const exe = await upload(
      token,
      new File([new TextEncoder().encode('MZ\x90\x00 not a picture')], 'cat.jpg', { type: 'image/jpeg' }),
    );
    expect(exe.status).toBe(415);
    const listed = await env.PHOTOS.list({ prefix: 'shop_demo/pending-ord_demo1001/' });
    expect(listed.objects.length).toBe(0);
  });

  it('serves a photo only to the shopper of the order it was uploaded for', async () => {
    const owner = { token: await shopperToken('ord_demo1001') };
    const up = await upload(owner.token, jpeg(2048));
    const { photos } = await up.json<{ photos: Array<{ key: string }> }>();
    const key = photos[0]!.key;
    expect(key).toMatch(/^shop_demo\/pending-ord_demo1001\/[A-Za-z0-9_-]+\.jpg$/);
    const mine = await call(`/api/portal/${SHOP}/photos/${key}`, { headers: bearer(owner.token) });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('image/jpeg');
    expect((await mine.arrayBuffer()).byteLength).toBe(2048);
    const other = { token: await shopperToken('ord_demo1002') };
    expect((await call(`/api/portal/${SHOP}/photos/${key}`, { headers: bearer(other.token) })).status).toBe(404);
    expect((await call(`/api/portal/${SHOP}/photos/${key}`)).status).toBe(401);
  });
});

describe('photo quota and abandoned uploads', () => {
  it(`stores at most ${MAX_PHOTOS_PER_ORDER} photos per order (422 past it, storing none), other orders unaffected`, async () => {
    const token = await shopperToken('ord_demo1008');
    const many = (n: number) => {
      const form = new FormData();
      for (let i = 0; i < n; i++) form.append('photo', jpeg(64));
      return call(`/api/portal/${SHOP}/photos`, { method: 'POST', headers: bearer(token), body: form });
    };
    for (let i = 0; i < MAX_PHOTOS_PER_ORDER / 5; i++) expect((await many(5)).status).toBe(201);
    const over = await many(1);
    expect(over.status).toBe(422);
    expect(await over.text()).toContain(`at most ${MAX_PHOTOS_PER_ORDER} photos`);
    const listed = await env.PHOTOS.list({ prefix: 'shop_demo/pending-ord_demo1008/' });
    expect(listed.objects.length).toBe(MAX_PHOTOS_PER_ORDER);
    expect((await upload(await shopperToken('ord_demo1006'), jpeg(64))).status).toBe(201);
  });

  it('the sweep deletes uploads no case holds once a day old, and keeps those a case holds and newer ones', async () => {
    const token = await shopperToken('ord_demo1009');
    const keyOf = async () =>
      (await (await upload(token, jpeg(64))).json<{ photos: Array<{ key: string }> }>()).photos[0]!.key;
    const [held, abandoned] = [await keyOf(), await keyOf()];
    await env.DB.prepare(
      `INSERT INTO cases (id, shop_id, number, order_id, type, status, source, currency, created_at, updated_at)
       VALUES ('case_sweep', 'shop_demo', 990001, 'ord_demo1009', 'return', 'requested', 'portal', 'USD', 0, 0)`,
    ).run();
    await env.DB.prepare(
      `INSERT INTO case_items (id, shop_id, case_id, quantity, reason, photo_keys, created_at)
       VALUES ('item_sweep', 'shop_demo', 'case_sweep', 1, 'damaged', ?, 0)`,
    )
      .bind(JSON.stringify([held]))
      .run();
    const sweep = async (at: number) => {
      let removed = 0;
      // Walk the whole bucket (a page a tick).
      for (let i = 0; i < 20; i++) {
        removed += (await removeOrphanedPhotos(createServices(env, { clock: fixedClock(at) }))).removed;
        if (!(await env.PHOTOS.head('_sweep/orphaned-photos-cursor'))) break;
      }
      return removed;
    };
    await sweep(Date.now() + 60 * 60 * 1000);
    expect(await env.PHOTOS.head(abandoned)).not.toBeNull();
    await sweep(Date.now() + ORPHANED_PHOTO_MS + 60_000);
    expect(await env.PHOTOS.head(abandoned)).toBeNull();
    expect(await env.PHOTOS.head(held)).not.toBeNull();
  });
});

describe('POST /api/portal/:shop/returns with Idempotency-Key', () => {
  it('a retried request answers the case the first opened (Idempotent-Replayed) and opens nothing; a new key opens another', async () => {
    const { createOrder } = await import('../helpers/factory');
    const o = await createOrder(env.DB, 'shop_demo', { name: '#8711', deliveredDaysAgo: 2, lines: [{ quantity: 3 }] });
    const token = await signShopperToken('test-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA', {
      shopId: 'shop_demo',
      orderId: o.order.id,
      customerId: null,
      expiresAt: Date.now() + 600_000,
      sessionId: 'sess-idem-1',
    });
    const body = {
      items: [{ lineItemId: o.lines[0]!.id, quantity: 1, reason: 'too_small' }],
      resolution: 'refund',
      method: 'drop_off',
    };
    const post = (key: string) =>
      call(`/api/portal/${SHOP}/returns`, {
        method: 'POST',
        headers: bearer(token, { 'content-type': 'application/json', 'idempotency-key': key }),
        body: JSON.stringify(body),
      });
    const count = () =>
      env.DB.prepare('SELECT count(*) AS n FROM cases WHERE order_id = ?').bind(o.order.id).first<number>('n');
    const mails = () =>
      env.DB.prepare("SELECT count(*) AS n FROM notifications WHERE order_id = ? AND kind = 'return_confirmation'")
        .bind(o.order.id)
        .first<number>('n');

    const first = await post('retry-1');
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const { id } = await first.json<{ id: string }>();
    // The client timed out and sends the very same request again, three times at once.
    const again = await Promise.all([post('retry-1'), post('retry-1'), post('retry-1')]);
    for (const r of again) {
      expect(r.status).toBe(201);
      expect(r.headers.get('idempotent-replayed')).toBe('true');
      expect((await r.json<{ id: string }>()).id).toBe(id);
    }
    expect(await count()).toBe(1);
    expect(await mails()).toBe(1);

    // A different key is a different request: the second unit is returned too.
    const other = await post('retry-2');
    expect(other.status).toBe(201);
    expect((await other.json<{ id: string }>()).id).not.toBe(id);
    expect(await count()).toBe(2);
  });

  it('opened at the same moment by copies of one request, exactly one case exists (the unique key decides)', async () => {
    const { createOrder } = await import('../helpers/factory');
    const o = await createOrder(env.DB, 'shop_demo', { name: '#8712', deliveredDaysAgo: 2, lines: [{ quantity: 5 }] });
    const token = await signShopperToken('test-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA', {
      shopId: 'shop_demo',
      orderId: o.order.id,
      customerId: null,
      expiresAt: Date.now() + 600_000,
      sessionId: 'sess-idem-2',
    });
    const body = JSON.stringify({
      items: [{ lineItemId: o.lines[0]!.id, quantity: 1, reason: 'too_small' }],
      resolution: 'refund',
      method: 'drop_off',
    });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        call(`/api/portal/${SHOP}/returns`, {
          method: 'POST',
          headers: bearer(token, { 'content-type': 'application/json', 'idempotency-key': 'burst' }),
          body,
        }),
      ),
    );
    const ids = new Set<string>();
    for (const r of answers) {
      expect(r.status).toBe(201);
      ids.add((await r.json<{ id: string }>()).id);
    }
    expect(ids.size).toBe(1);
    expect(
      await env.DB.prepare('SELECT count(*) AS n FROM cases WHERE order_id = ?').bind(o.order.id).first<number>('n'),
    ).toBe(1);
  });

  it('refuses a malformed key with 400 and writes nothing', async () => {
    const { createOrder } = await import('../helpers/factory');
    const o = await createOrder(env.DB, 'shop_demo', { name: '#8713', deliveredDaysAgo: 2, lines: [{ quantity: 1 }] });
    const token = await signShopperToken('test-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA', {
      shopId: 'shop_demo',
      orderId: o.order.id,
      customerId: null,
      expiresAt: Date.now() + 600_000,
      sessionId: 'sess-idem-3',
    });
    const body = JSON.stringify({
      items: [{ lineItemId: o.lines[0]!.id, quantity: 1, reason: 'too_small' }],
      resolution: 'refund',
      method: 'drop_off',
    });
    for (const key of ['', 'x'.repeat(256), 'has space']) {
      const r = await call(`/api/portal/${SHOP}/returns`, {
        method: 'POST',
        headers: bearer(token, { 'content-type': 'application/json', 'idempotency-key': key }),
        body,
      });
      expect(r.status, JSON.stringify(key)).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(
      await env.DB.prepare('SELECT count(*) AS n FROM cases WHERE order_id = ?').bind(o.order.id).first<number>('n'),
    ).toBe(0);
  });
});
