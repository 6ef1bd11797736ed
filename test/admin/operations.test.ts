import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { newId } from '../../src/lib/ids';
import orderCreate from '../fixtures/shopify/orders__create.json';
import { createShop } from '../helpers/factory';
import { adminSession } from './admin-session';
import { seedMetricsShop } from './metrics-seed';

const app = createApp();
const call = (req: Request) => app.fetch(req, env);
const SHOP = 'ops-shop.myshopify.com';

describe('operations screen', () => {
  let a: Awaited<ReturnType<typeof adminSession>>;
  let evt: string;
  beforeAll(async () => {
    const shop = await createShop(env.DB, { domain: SHOP });
    evt = newId('evt');
    // A dead-lettered orders/create whose body is Shopify's published sample: replay must apply it.
    await env.DB.prepare(
      "INSERT INTO webhook_events (id, source, delivery_id, topic, shop_domain, shop_id, headers, body, status, attempts, last_error, received_at) VALUES (?, 'shopify', ?, 'orders/create', ?, ?, ?, ?, 'failed', 5, 'D1 was down', ?)",
    )
      .bind(
        evt,
        `dlv-${evt}`,
        SHOP,
        shop.id,
        JSON.stringify({ 'x-shopify-topic': 'orders/create', 'x-shopify-shop-domain': SHOP }),
        JSON.stringify(orderCreate),
        Date.now(),
      )
      .run();
    await env.DB.prepare(
      "INSERT INTO notifications (id, shop_id, kind, recipient, subject, body_text, status, dedupe_key, created_at, updated_at) VALUES (?, ?, 'refund_issued', 'ann@example.com', 'Your refund of $5.00', 'We refunded you.', 'sent', 'k1', ?, ?)",
    )
      .bind(newId('ntf'), shop.id, Date.now(), Date.now())
      .run();
    a = await adminSession(SHOP);
  });

  it('lists dead-lettered events and the outbox', async () => {
    const html = await (await call(a.get('/admin/operations'))).text();
    expect(html).toContain(`data-event-id="${evt}"`);
    expect(html).toContain('D1 was down');
    expect(html).toContain('Your refund of $5.00');
  });

  it('replays a failed event through the webhooks area and shows the outcome', async () => {
    const res = await call(a.post(`/admin/events/${evt}/replay`, {}));
    expect(res.status).toBe(303);
    expect(decodeURIComponent(res.headers.get('location')!)).toContain('Replayed orders/create: processed');
    expect(await env.DB.prepare('SELECT status FROM webhook_events WHERE id = ?').bind(evt).first('status')).toBe(
      'processed',
    );
    expect(
      await env.DB.prepare('SELECT COUNT(*) AS n FROM orders WHERE shop_id = (SELECT id FROM shops WHERE domain = ?)')
        .bind(SHOP)
        .first('n'),
    ).toBe(1);
    expect((await call(a.post(`/admin/events/${evt}/replay`, {}, false))).status).toBe(403);
  });
});

describe('dashboard screen and CSV exports', () => {
  it('renders the dashboard with SVG charts and exports it and the cases as CSV', async () => {
    await seedMetricsShop(env.DB, 'shop_opsdash', 'ops-dash.myshopify.com');
    const a = await adminSession('ops-dash.myshopify.com');
    const page = await (await call(a.get('/admin/dashboard?from=2026-10-01&to=2026-10-30'))).text();
    expect(page).toContain('data-metric="order-return-rate">50%');
    expect(page).toContain('data-metric="item-return-rate">37.5%');
    expect(page).toContain('<svg');
    expect(page).not.toContain('<script');
    const csv = await (await call(a.get('/admin/export/dashboard.csv?from=2026-10-01&to=2026-10-30'))).text();
    expect(csv.split('\r\n')[0]).toBe('Section,Key,Value'); // the member's language (English here)
    expect(csv).toContain('return_rate,orderRate,0.5\r\n');
    expect(csv).toContain('money_USD,kept,1800\r\n');
    const cases = await call(a.get('/admin/export/cases.csv?lang=keys'));
    expect(cases.headers.get('content-type')).toContain('text/csv');
    const lines = (await cases.text()).trim().split('\r\n');
    expect(lines).toHaveLength(1 + 6);
    expect(lines[0]).toMatch(/^number,id,type,status/);
    expect((await call(a.get('/admin/dashboard?from=nope'))).status).toBe(400);
  });
});
