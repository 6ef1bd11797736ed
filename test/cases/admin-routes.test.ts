/**
 * `/api/admin/cases*`, `/api/admin/orders/:id`, `/api/admin/policy`, `/api/admin/taxonomy`:
 * the happy paths, bad input as 4xx problem+json that changes nothing, and shop scoping.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import { openReturn } from '../../src/commands/open-return';
import { defaultPolicy } from '../../src/cases/policy-schema';
import { createServices } from '../../src/services';
import { createOrder, createShop } from '../helpers/factory';
import { caseServices } from './helpers';

const { s, clock, shopifyAdmin, stripeRefunds } = caseServices(Date.now());
const app = createApp({ services: (e) => createServices(e, { clock, shopifyAdmin, stripeRefunds }) });
const call = (path: string, init: RequestInit = {}) => app.request(path, init, env);
const headers = (domain: string) => ({
  authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm',
  'x-shop-domain': domain,
  'content-type': 'application/json',
});

let shop: Awaited<ReturnType<typeof createShop>>;
let other: Awaited<ReturnType<typeof createShop>>;
const caseIds: string[] = [];

beforeAll(async () => {
  shop = await createShop(env.DB, { domain: 'routes-a.myshopify.com' }, clock.now());
  other = await createShop(env.DB, { domain: 'routes-b.myshopify.com' }, clock.now());
  for (const [i, reason] of ['too_small', 'damaged', 'changed_mind'].entries()) {
    const { order, lines } = await createOrder(
      env.DB,
      shop.id,
      {
        name: `#30${i}`,
        email: `c${i}@example.com`,
        deliveredDaysAgo: 2,
        lines: [{ sku: `SKU-R${i}`, title: `Thing ${i}`, priceMinor: 1000 * (i + 1) }],
      },
      clock.now(),
    );
    const r = await openReturn(s, {
      shopId: shop.id,
      orderId: order.id,
      items: [{ lineItemId: lines[0]!.id, quantity: 1, reason, photos: ['x'] }],
      resolution: 'refund',
      method: 'drop_off',
    });
    caseIds.push(r.caseId);
  }
  // An SLA due time on two of them, to check the queue order (NULLS LAST).
  await env.DB.prepare('UPDATE cases SET next_due_at = ? WHERE id = ?')
    .bind(clock.now() + 5000, caseIds[2])
    .run();
  await env.DB.prepare('UPDATE cases SET next_due_at = ?, breached = 1 WHERE id = ?')
    .bind(clock.now() + 1000, caseIds[1])
    .run();
  await applyCaseAction(s, {
    shopId: shop.id,
    caseId: caseIds[0]!,
    actor: 'agent:ana',
    action: { action: 'tag', add: ['fit'], remove: [] },
  });
});

describe('GET /api/admin/cases', () => {
  it("lists the shop's cases by next SLA due time, nothing due last", async () => {
    const res = await call('/api/admin/cases', { headers: headers(shop.domain) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { cases: Array<{ id: string }>; nextOffset: number | null };
    expect(body.cases.map((c) => c.id)).toEqual([caseIds[1], caseIds[2], caseIds[0]]);
    expect(body.nextOffset).toBeNull();
  });

  it.each([
    ['breached=true', (ids: string[]) => [ids[1]]],
    ['priority=high', (ids: string[]) => [ids[1]]],
    ['tag=fit', (ids: string[]) => [ids[0]]],
    ['q=SKU-R2', (ids: string[]) => [ids[2]]],
    ['q=%23301', (ids: string[]) => [ids[1]]],
    ['status=requested,approved&limit=1', (ids: string[]) => [ids[1]]],
  ])('filters by %s', async (query, expected) => {
    const body = (await (await call(`/api/admin/cases?${query}`, { headers: headers(shop.domain) })).json()) as {
      cases: Array<{ id: string }>;
    };
    expect(body.cases.map((c) => c.id)).toEqual(expected(caseIds));
  });

  it('rejects bad filters with 400 problem+json', async () => {
    for (const q of ['status=lost', 'limit=0', 'tier=9', 'breached=maybe']) {
      const res = await call(`/api/admin/cases?${q}`, { headers: headers(shop.domain) });
      expect(res.status, q).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
  });

  it("never shows another shop's cases", async () => {
    const body = (await (await call('/api/admin/cases', { headers: headers(other.domain) })).json()) as {
      cases: unknown[];
    };
    expect(body.cases).toEqual([]);
    expect((await call(`/api/admin/cases/${caseIds[0]}`, { headers: headers(other.domain) })).status).toBe(404);
    const act = await call(`/api/admin/cases/${caseIds[0]}/actions`, {
      method: 'POST',
      headers: headers(other.domain),
      body: JSON.stringify({ action: 'approve' }),
    });
    expect(act.status).toBe(404);
  });

  it('needs the admin token', async () => {
    expect((await call('/api/admin/cases', { headers: { 'x-shop-domain': shop.domain } })).status).toBe(401);
  });
});

describe('GET /api/admin/cases/:id and actions', () => {
  it('shows items, timeline, SLA, refunds, pickups, notifications, survey and the customer profile', async () => {
    const body = (await (
      await call(`/api/admin/cases/${caseIds[0]}`, { headers: headers(shop.domain) })
    ).json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      [
        'case',
        'customer',
        'items',
        'messages',
        'notifications',
        'order',
        'pickups',
        'refunds',
        'sla',
        'survey',
        'timeline',
      ].sort(),
    );
    expect((body.timeline as Array<{ type: string }>).map((e) => e.type)).toEqual(['ReturnRequested', 'CaseTagged']);
    expect(body.customer).toMatchObject({ orderCount: 1, returnCount: 1, returnRate: 1 });
    expect((body.notifications as Array<{ kind: string }>).map((n) => n.kind)).toContain('return_confirmation');
  });

  it('refuses an impossible transition with 409 and changes nothing', async () => {
    const res = await call(`/api/admin/cases/${caseIds[2]}/actions`, {
      method: 'POST',
      headers: headers(shop.domain),
      body: JSON.stringify({ action: 'refund' }),
    });
    expect(res.status).toBe(409);
    const n = await env.DB.prepare('SELECT COUNT(*) AS n FROM case_events WHERE case_id = ?')
      .bind(caseIds[2])
      .first<number>('n');
    expect(n).toBe(1);
  });

  it.each([
    ['unknown action', { action: 'teleport' }],
    ['reject without reason', { action: 'reject' }],
    ['negative refund', { action: 'refund', amountMinor: -5 }],
    ['bad condition', { action: 'receive', items: [{ itemId: 'item_x', condition: 'shiny' }] }],
  ])('400 for %s', async (_n, body) => {
    const res = await call(`/api/admin/cases/${caseIds[2]}/actions`, {
      method: 'POST',
      headers: headers(shop.domain),
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
  });

  it('400 for a malformed id or body, 404 for an unknown case', async () => {
    expect((await call('/api/admin/cases/nope', { headers: headers(shop.domain) })).status).toBe(400);
    expect(
      (
        await call(`/api/admin/cases/${caseIds[2]}/actions`, {
          method: 'POST',
          headers: headers(shop.domain),
          body: '{not json',
        })
      ).status,
    ).toBe(400);
    expect(
      (await call('/api/admin/cases/case_00000000000000000000000000', { headers: headers(shop.domain) })).status,
    ).toBe(404);
  });

  it('approve with a note answers the new status and the refreshed case', async () => {
    const res = await call(`/api/admin/cases/${caseIds[2]}/actions`, {
      method: 'POST',
      headers: headers(shop.domain),
      body: JSON.stringify({ action: 'approve', note: 'ok' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'approved', events: ['ReturnApproved'] });
  });
});

describe('orders, policy and taxonomy', () => {
  it('finds an order by #name or Shopify id, with shipments and cases', async () => {
    const byName = (await (
      await call(`/api/admin/orders/${encodeURIComponent('#300')}`, { headers: headers(shop.domain) })
    ).json()) as { order: { platformId: string }; shipments: unknown[]; cases: unknown[] };
    expect(byName.shipments).toHaveLength(1);
    expect(byName.cases).toHaveLength(1);
    const gidNumber = byName.order.platformId.replace('gid://shopify/Order/', '');
    expect((await call(`/api/admin/orders/${gidNumber}`, { headers: headers(shop.domain) })).status).toBe(200);
    expect((await call('/api/admin/orders/%23999', { headers: headers(shop.domain) })).status).toBe(404);
    expect(
      (await call(`/api/admin/orders/${encodeURIComponent('#300')}`, { headers: headers(other.domain) })).status,
    ).toBe(404);
  });

  it('PUT /policy takes what GET returns, changed; invalid documents are refused and change nothing', async () => {
    const got = (await (await call('/api/admin/policy', { headers: headers(shop.domain) })).json()) as ReturnType<
      typeof defaultPolicy
    >;
    expect(got).toEqual(defaultPolicy());
    const changed = { ...got, returnWindowDays: 45, restockingFee: { kind: 'percent', basisPoints: 1000 } };
    const put = await call('/api/admin/policy', {
      method: 'PUT',
      headers: headers(shop.domain),
      body: JSON.stringify(changed),
    });
    expect(put.status).toBe(200);
    expect(
      (
        (await (await call('/api/admin/policy', { headers: headers(shop.domain) })).json()) as {
          returnWindowDays: number;
        }
      ).returnWindowDays,
    ).toBe(45);
    for (const bad of [
      { ...changed, returnWindowDays: -1 },
      { ...changed, reasons: [] },
      { ...changed, sla: { ...changed.sla, calendar: 'business' } },
      { ...changed, reasons: [...changed.reasons, changed.reasons[0]] },
    ]) {
      const res = await call('/api/admin/policy', {
        method: 'PUT',
        headers: headers(shop.domain),
        body: JSON.stringify(bad),
      });
      expect(res.status).toBe(400);
    }
    expect(
      (
        (await (await call('/api/admin/policy', { headers: headers(shop.domain) })).json()) as {
          returnWindowDays: number;
        }
      ).returnWindowDays,
    ).toBe(45);
  });

  it('taxonomy defaults to the policy reasons and is replaced whole by PUT', async () => {
    const first = (await (await call('/api/admin/taxonomy', { headers: headers(other.domain) })).json()) as {
      tags: unknown[];
      reasons: Array<{ code: string }>;
    };
    expect(first.tags).toEqual([]);
    expect(first.reasons.map((r) => r.code)).toContain('damaged');
    const body = {
      tags: [
        { code: 'fit', label: 'Fit issue' },
        { code: 'carrier', label: 'Carrier' },
      ],
      reasons: [{ code: 'too_small', label: 'Too small', labels: { 'zh-CN': '尺码偏小' } }],
    };
    expect(
      (await call('/api/admin/taxonomy', { method: 'PUT', headers: headers(other.domain), body: JSON.stringify(body) }))
        .status,
    ).toBe(200);
    const next = { tags: [{ code: 'fit', label: 'Fit' }], reasons: body.reasons };
    const res = (await (
      await call('/api/admin/taxonomy', { method: 'PUT', headers: headers(other.domain), body: JSON.stringify(next) })
    ).json()) as { tags: Array<{ code: string; label: string }> };
    expect(res.tags).toEqual([{ code: 'fit', label: 'Fit', labels: {} }]);
    const dup = await call('/api/admin/taxonomy', {
      method: 'PUT',
      headers: headers(other.domain),
      body: JSON.stringify({
        tags: [
          { code: 'a', label: 'A' },
          { code: 'a', label: 'B' },
        ],
        reasons: [],
      }),
    });
    expect(dup.status).toBe(400);
  });
});
