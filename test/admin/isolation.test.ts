import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { addBlocklistEntry } from '../../src/admin/settings-store';
import { openReturn } from '../../src/commands/open-return';
import { newId } from '../../src/lib/ids';
import { createServices } from '../../src/services';
import { createOrder, createShop } from '../helpers/factory';
import { adminSession } from './admin-session';
import { sessionToken, shopClaims } from './session-token';

/**
 * Tenant isolation, walked over EVERY route the app registers under /api/admin (and the /admin
 * screens): without credentials → 401 (screens: to the login page); with shop B's credentials and
 * shop A's ids → never shop A's data, and nothing of shop A changes.
 */
const app = createApp();
const A = 'tenant-a.myshopify.com';
const B = 'tenant-b.myshopify.com';
const A_EMAIL = 'alice-only-in-a@example.com';

let ids: Record<string, string>;
let markers: string[];

async function snapshotA(shopId: string) {
  const q = (sql: string) => env.DB.prepare(sql).bind(shopId).first<Record<string, unknown>>();
  return JSON.stringify([
    await q('SELECT policy, updated_at FROM shops WHERE id = ?'),
    await q('SELECT status, tags, version, updated_at FROM cases WHERE shop_id = ?'),
    await q('SELECT COUNT(*) AS n FROM case_events WHERE shop_id = ?'),
    await q('SELECT status, attempts FROM webhook_events WHERE shop_id = ?'),
    await q('SELECT COUNT(*) AS n FROM tags WHERE shop_id = ?'),
    await q('SELECT COUNT(*) AS n FROM shop_events WHERE shop_id = ?'),
  ]);
}

/** A body that the route would accept for its own shop, so a refusal is about tenancy, not shape. */
function bodyFor(method: string, path: string): string | undefined {
  if (method === 'GET') return undefined;
  if (path.endsWith('/actions')) return JSON.stringify({ action: 'note', text: 'from shop B' });
  return JSON.stringify({});
}

function concrete(path: string): string[] {
  if (!path.includes(':')) return [path];
  // Every param gets every one of shop A's ids (case, order id and name, event, notification…).
  return Object.values(ids).map((v) => path.replace(/:\w+/g, encodeURIComponent(v)));
}

describe('tenant isolation of every admin route', () => {
  let shopA: string;
  let bHeaders: Record<string, string>[];
  beforeAll(async () => {
    const s = createServices(env);
    shopA = (await createShop(env.DB, { domain: A })).id;
    await createShop(env.DB, { domain: B });
    const o = await createOrder(env.DB, shopA, {
      name: '#7001',
      email: A_EMAIL,
      deliveredDaysAgo: 2,
      lines: [{ title: 'Secret A item', sku: 'A-SECRET-SKU' }],
    });
    const c = await openReturn(s, {
      shopId: shopA,
      orderId: o.order.id,
      items: [{ lineItemId: o.lines[0]!.id, quantity: 1, reason: 'too_small' }],
      resolution: 'refund',
      method: 'drop_off',
    });
    // An audit event of shop A's naming its customer: the activity walk must never show it to B.
    await addBlocklistEntry(s, shopA, { kind: 'email', value: A_EMAIL, reason: 'only in A' }, 'operator');
    const evt = newId('evt');
    await env.DB.prepare(
      "INSERT INTO webhook_events (id, source, delivery_id, topic, shop_domain, shop_id, headers, body, status, attempts, last_error, received_at) VALUES (?, 'shopify', ?, 'orders/create', ?, ?, '{}', '{\"id\":1}', 'failed', 5, 'boom', ?)",
    )
      .bind(evt, `dlv-${evt}`, A, shopA, Date.now())
      .run();
    const ntf = await env.DB.prepare('SELECT id FROM notifications WHERE shop_id = ? LIMIT 1')
      .bind(shopA)
      .first<string>('id');
    ids = {
      case: c.caseId,
      order: o.order.id,
      orderPlatform: o.order.platformId,
      orderName: '#7001',
      event: evt,
      ...(ntf ? { notification: ntf } : {}),
      shop: shopA,
    };
    markers = [A_EMAIL, A, c.caseId, o.order.id, evt, 'A-SECRET-SKU', 'Secret A item', shopA];
    bHeaders = [
      { authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm', 'x-shop-domain': B },
      { authorization: `Bearer ${await sessionToken(shopClaims(B, Date.now()))}` },
    ];
  });

  const adminRoutes = () => {
    const seen = new Set<string>();
    return app.routes
      .filter((r) => r.path.startsWith('/api/admin/') && r.method !== 'ALL')
      .filter((r) => !seen.has(`${r.method} ${r.path}`) && !!seen.add(`${r.method} ${r.path}`));
  };

  it('finds the admin routes to walk', () => {
    const routes = adminRoutes().map((r) => `${r.method} ${r.path}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/admin/metrics',
        'GET /api/admin/cases',
        'POST /api/admin/cases/:id/actions',
        'GET /api/admin/events',
        'GET /api/admin/policy',
        'GET /api/admin/activity',
      ]),
    );
  });

  it('answers 401 to every admin route without credentials or with a forged session token', async () => {
    const forged = await sessionToken(shopClaims(A, Date.now()), 'not-the-app-secret');
    for (const r of adminRoutes()) {
      for (const path of concrete(r.path)) {
        for (const headers of [
          {},
          { authorization: `Bearer ${forged}` },
          { authorization: 'Bearer wrong-admin-token', 'x-shop-domain': A },
        ] as Record<string, string>[]) {
          const res = await app.request(
            path,
            {
              method: r.method,
              headers: { ...headers, 'content-type': 'application/json' },
              body: bodyFor(r.method, r.path),
            },
            env,
          );
          expect(res.status, `${r.method} ${path}`).toBe(401);
        }
      }
    }
  });

  it('never shows or changes shop A’s data for shop B’s credentials, on any admin route', async () => {
    const before = await snapshotA(shopA);
    let walked = 0;
    for (const headers of bHeaders) {
      for (const r of adminRoutes()) {
        for (const path of concrete(r.path)) {
          const res = await app.request(
            path,
            {
              method: r.method,
              headers: { ...headers, 'content-type': 'application/json' },
              body: bodyFor(r.method, r.path),
            },
            env,
          );
          const text = await res.text();
          walked++;
          expect(res.status, `${r.method} ${path}`).toBeLessThan(500);
          if (r.path.includes(':'))
            expect([400, 403, 404, 422], `${r.method} ${path} → ${res.status}`).toContain(res.status);
          // An id the caller sent may be echoed in the error; anything else of shop A may not appear.
          for (const m of markers)
            if (!decodeURIComponent(path).includes(m))
              expect(text.includes(m), `${r.method} ${path} leaked ${m}`).toBe(false);
        }
      }
    }
    expect(walked).toBeGreaterThan(10);
    expect(await snapshotA(shopA)).toBe(before);
  });

  it('keeps the /admin screens to the session’s shop too', async () => {
    const b = await adminSession(B);
    const screens = app.routes.filter(
      (r) => r.path.startsWith('/admin/') && r.method === 'GET' && !r.path.startsWith('/admin/login'),
    );
    const before = await snapshotA(shopA);
    for (const r of screens) {
      for (const path of concrete(r.path)) {
        const anon = await app.request(path, {}, env);
        expect(anon.status, `anonymous ${path}`).toBe(303);
        expect(anon.headers.get('location')).toMatch(/^\/admin\/login/);
        const res = await app.request(path, { headers: { cookie: b.cookie } }, env);
        const text = await res.text();
        for (const m of markers)
          if (!decodeURIComponent(path).includes(m)) expect(text.includes(m), `${path} leaked ${m}`).toBe(false);
      }
    }
    const post = await app.fetch(b.post(`/admin/cases/${ids.case}/actions`, { action: 'note', text: 'from B' }), env);
    expect(post.status).toBe(404);
    expect(await snapshotA(shopA)).toBe(before);
  });
});
