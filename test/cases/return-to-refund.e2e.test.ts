/**
 * The whole life of a return through the Worker's own routes: the shopper looks the order up and
 * opens a return (Portal API), an agent approves and receives it and issues the refund (admin
 * API), the `issue-refund` job pays through the LOCAL Shopify adapter, and the case closes — with
 * every step in the `case_events` timeline, in order.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { runIssueRefundJob } from '../../src/commands/issue-refund';
import { createServices } from '../../src/services';
import { createOrder, createShop } from '../helpers/factory';
import { caseServices } from './helpers';

describe('return → approve → receive → refund → closed', () => {
  it('runs through the portal and admin APIs and leaves the full timeline', async () => {
    const { s, clock, shopifyAdmin } = caseServices(Date.now());
    const app = createApp({
      services: (e) => createServices(e, { clock, shopifyAdmin, stripeRefunds: s.stripeRefunds }),
    });
    const shop = await createShop(env.DB, { domain: 'e2e-cases.myshopify.com' }, clock.now());
    const { lines } = await createOrder(
      env.DB,
      shop.id,
      {
        name: '#2001',
        email: 'buyer@example.com',
        deliveredDaysAgo: 4,
        lines: [{ title: 'Tee', priceMinor: 2500, quantity: 2 }],
      },
      clock.now(),
    );
    const call = (path: string, init: RequestInit = {}) => app.request(path, init, env);
    const admin = {
      authorization: `Bearer ${env.ADMIN_TOKEN}`,
      'x-shop-domain': shop.domain,
      'content-type': 'application/json',
    };

    const lookup = await call(`/api/portal/${shop.domain}/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ order: '#2001', email: 'buyer@example.com' }),
    });
    expect(lookup.status).toBe(200);
    const { token, order } = (await lookup.json()) as { token: string; order: { lines: Array<{ id: string }> } };
    expect(order.lines.map((l) => l.id)).toEqual([lines[0]!.id]);

    const opened = await call(`/api/portal/${shop.domain}/returns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_small' }],
        resolution: 'refund',
        method: 'drop_off',
      }),
    });
    expect(opened.status).toBe(201);
    const caseId = ((await opened.json()) as { id: string }).id;

    const act = async (body: object) => {
      const res = await call(`/api/admin/cases/${caseId}/actions`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify(body),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()) as { status: string };
    };
    expect((await act({ action: 'approve' })).status).toBe('approved');
    const detail = (await (await call(`/api/admin/cases/${caseId}`, { headers: admin })).json()) as {
      items: Array<{ id: string }>;
    };
    expect(
      (await act({ action: 'receive', items: [{ itemId: detail.items[0]!.id, condition: 'as_new' }] })).status,
    ).toBe('received');
    expect((await act({ action: 'refund' })).status).toBe('resolved');

    const refund = await env.DB.prepare(
      'SELECT id, amount_minor, idempotency_key, status FROM refunds WHERE case_id = ?',
    )
      .bind(caseId)
      .first<{ id: string; amount_minor: number; idempotency_key: string; status: string }>();
    // 25.00 − return shipping 5.00 (default policy; size reasons pay their own shipping, no restocking fee)
    expect(refund).toMatchObject({ amount_minor: 2000, idempotency_key: `${caseId}:refund:1`, status: 'pending' });
    await runIssueRefundJob(s, { kind: 'issue-refund', shopId: shop.id, caseId, refundId: refund!.id });
    expect(shopifyAdmin.calls.filter((c) => c.operation === 'refundCreate').map((c) => c.idempotencyKey)).toEqual([
      `${caseId}:refund:1`,
    ]);

    const final = (await (await call(`/api/admin/cases/${caseId}`, { headers: admin })).json()) as {
      case: { status: string; closedAt: number | null };
      timeline: Array<{ type: string; fromStatus: string | null; toStatus: string; actor: string }>;
      refunds: Array<{ status: string; providerRef: string }>;
      customer: { returnCount: number };
    };
    expect(final.case.status).toBe('closed');
    expect(final.refunds).toMatchObject([{ status: 'succeeded' }]);
    expect(final.timeline.map((e) => [e.type, e.fromStatus, e.toStatus, e.actor])).toEqual([
      ['ReturnRequested', null, 'requested', 'shopper'],
      ['ReturnApproved', 'requested', 'approved', 'operator'],
      ['ReturnReceived', 'approved', 'received', 'operator'],
      ['CaseResolved', 'received', 'resolved', 'operator'],
      ['RefundSucceeded', 'resolved', 'resolved', 'shopify'],
      ['CaseClosed', 'resolved', 'closed', 'system'],
    ]);
    expect(final.customer.returnCount).toBe(1);
  });
});
