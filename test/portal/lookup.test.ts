// storage: own (looks up the demo shop's fixed orders: the lookup rate limiter is per workerd, not per file)
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SHOP_ID } from '../../src/db/demo-data';
import { createOrder } from '../helpers/factory';
import { call, demoShop, freshIp, lookup, SHOP, tokenFor, type LookupBody } from './helpers';

beforeAll(demoShop);

describe('POST /api/portal/:shop/lookup', () => {
  it('finds the order by number (with or without #) and email, and says per line whether it can be returned and why', async () => {
    const res = await lookup('1004', '  Shopper@Example.com ');
    expect(res.status).toBe(200);
    const body = await res.json<{
      token: string;
      expiresAt: number;
      order: {
        name: string;
        lines: Array<{
          title: string;
          eligible: boolean;
          reason: string | null;
          message: string;
          exchangeOptions: unknown[];
        }>;
      };
    }>();
    expect(body.token).toMatch(/^v1\./);
    expect(body.expiresAt).toBeGreaterThan(Date.now());
    expect(body.order.name).toBe('#1004');
    const scarf = body.order.lines.find((l) => l.title === 'Clearance Scarf')!;
    const tee = body.order.lines.find((l) => l.title === 'Everyday Tee')!;
    expect(scarf).toMatchObject({
      eligible: false,
      reason: 'final_sale',
      message: 'Final sale items cannot be returned.',
    });
    expect(tee).toMatchObject({ eligible: true, reason: null });
    expect(tee.message).toMatch(/^Can be returned until /);
    // The tee comes in other sizes: those are its exchange options, with stock.
    expect(tee.exchangeOptions.length).toBe(2);
  });

  it('explains in the negotiated language (Accept-Language: zh-CN)', async () => {
    const res = await call(`/api/portal/${SHOP}/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN,zh;q=0.9' },
      body: JSON.stringify({ order: '#1003', email: 'shopper@example.com' }),
    });
    const body = await res.json<{ order: { lines: Array<{ reason: string; message: string }> } }>();
    expect(body.order.lines[0]).toMatchObject({ reason: 'outside_window' });
    expect(body.order.lines[0]!.message).toMatch(/^退货期限已于 .+ 结束。$/);
  });

  it('explains in German to a Swiss German shopper (Accept-Language: de-CH), with a German date', async () => {
    const res = await call(`/api/portal/${SHOP}/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'de-CH,de;q=0.9,en;q=0.7' },
      body: JSON.stringify({ order: '#1003', email: 'shopper@example.com' }),
    });
    const body = await res.json<{ order: { lines: Array<{ reason: string; message: string }> } }>();
    expect(body.order.lines[0]).toMatchObject({ reason: 'outside_window' });
    expect(body.order.lines[0]!.message).toMatch(/^Die Rücksendefrist ist am \d{2}\.\d{2}\.\d{4} abgelaufen\.$/);
  });

  it('answers a wrong email and a wrong order number with the same 404, naming neither half', async () => {
    const wrongEmail = await lookup('#1001', 'someone@example.com');
    const wrongOrder = await lookup('#9999', 'shopper@example.com');
    expect(wrongEmail.status).toBe(404);
    expect(wrongOrder.status).toBe(404);
    const a = await wrongEmail.json<Record<string, unknown>>();
    const b = await wrongOrder.json<Record<string, unknown>>();
    delete a.requestId;
    delete b.requestId;
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).not.toMatch(/email is|order number is|unknown (email|order)/i);
  });

  it('refuses an unknown shop and a malformed body without a 5xx', async () => {
    expect(
      (
        await call('/api/portal/nope.myshopify.com/lookup', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"order":"1","email":"a@b.c"}',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(`/api/portal/${SHOP}/lookup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"order":',
        })
      ).status,
    ).toBe(400);
    const res = await call(`/api/portal/${SHOP}/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"order":42}',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('rate limits lookups per shop and client address: 429 with Retry-After, other clients unaffected', async () => {
    const ip = freshIp();
    // The limiter counts in fixed 60 s windows: a run that straddles a window edge gets up to 10
    // more before the 429, never fewer than 10. So: the first 429 comes after at least 10 answers.
    // Each attempt names another order and email, so only the address counter can trip.
    const statuses: number[] = [];
    while (statuses.length < 25 && statuses.at(-1) !== 429)
      statuses.push((await lookup(`#${7000 + statuses.length}`, `wrong${statuses.length}@example.com`, ip)).status);
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThanOrEqual(10);
    expect(statuses.slice(0, first429).every((s) => s === 404)).toBe(true);
    const limited = await lookup('#1001', 'shopper@example.com', ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await lookup('#1001', 'shopper@example.com', freshIp())).status).toBe(200);
  });

  it('limits guesses per (shop, email) from any number of addresses: once spent, even the right order answers 429', async () => {
    // A customer of their own, so spending their count leaves the demo shopper's lookups alone.
    const victim = `victim-${crypto.randomUUID().slice(0, 8)}@example.com`;
    await createOrder(env.DB, DEMO_SHOP_ID, { name: '#4242', email: victim });
    expect((await lookup('#4242', victim)).status).toBe(200);
    const statuses: number[] = [];
    // Every guess from a new address: the address counter never trips, the email's does.
    while (statuses.length < 25 && statuses.at(-1) !== 429)
      statuses.push((await lookup(`#${8000 + statuses.length}`, victim, freshIp())).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.indexOf(429)).toBeGreaterThanOrEqual(9);
    // The right number now tells the guesser nothing: the same 429 as a miss.
    expect((await lookup('#4242', victim, freshIp())).status).toBe(429);
    expect((await lookup('#4242', ` ${victim.toUpperCase()} `, freshIp())).status).toBe(429);
  });

  it('limits guesses per (shop, order number) from any number of addresses', async () => {
    const statuses: number[] = [];
    while (statuses.length < 25 && statuses.at(-1) !== 429)
      statuses.push((await lookup('#9191', `guess${statuses.length}@example.com`, freshIp())).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.indexOf(429)).toBeGreaterThanOrEqual(10);
    // "9191", "#9191" and " # 9191" are one order number, one counter.
    expect((await lookup('9191', 'other@example.com', freshIp())).status).toBe(429);
  });

  it('has the LOOKUP_LIMITER binding in the test pool (no fallback in use)', () => {
    expect(typeof env.LOOKUP_LIMITER?.limit).toBe('function');
  });

  it('issues a token that names the order it was issued for', async () => {
    const { token, order } = await tokenFor('#1002');
    const claims = JSON.parse(atob(token.split('.')[1]!.replaceAll('-', '+').replaceAll('_', '/')));
    expect(claims.o).toBe(order.id);
  });

  it('reads the facts of the order that matched, never those of another order with the same number', async () => {
    // Two orders named alike (one batch reads both and their facts): the other one's customer is
    // blocklisted and its line already in a return; none of that is the shopper's.
    const tag = crypto.randomUUID().slice(0, 8);
    const name = `#Q${tag}`;
    const email = `me-${tag}@example.com`;
    const mine = await createOrder(env.DB, DEMO_SHOP_ID, { name, email, deliveredDaysAgo: 2 });
    const other = await createOrder(env.DB, DEMO_SHOP_ID, {
      name,
      email: `other-${tag}@example.com`,
      deliveredDaysAgo: 2,
    });
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO blocklist_entries (id, shop_id, kind, value, created_at) VALUES (?1, ?2, 'customer', ?3, ?4)`,
      ).bind(`blk_${tag}o`, DEMO_SHOP_ID, other.customerId, now),
      env.DB.prepare(
        `INSERT INTO cases (id, shop_id, number, order_id, customer_id, type, status, source, currency, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'return', 'requested', 'portal', 'USD', ?6, ?6)`,
      ).bind(
        `case_${tag}o`,
        DEMO_SHOP_ID,
        800_000_000 + Math.floor(Math.random() * 1e8),
        other.order.id,
        other.customerId,
        now,
      ),
      env.DB.prepare(
        `INSERT INTO case_items (id, shop_id, case_id, order_line_id, sku, title, quantity, reason, unit_price_minor, refund_minor, created_at)
         VALUES (?1, ?2, ?3, ?4, 'SKU-1', 'Item 1', 1, 'damaged', 2500, 2500, ?5)`,
      ).bind(`item_${tag}o`, DEMO_SHOP_ID, `case_${tag}o`, other.lines[0]!.id, now),
    ]);
    const line = async () => {
      const res = await lookup(name, email, freshIp());
      expect(res.status).toBe(200);
      const body = await res.json<LookupBody>();
      expect(body.order.id).toBe(mine.order.id);
      return body.order.lines[0]!;
    };
    expect(await line()).toMatchObject({ id: mine.lines[0]!.id, eligible: true, returnableQuantity: 1 });
    // The shopper's own email on the blocklist: now refused.
    await env.DB.prepare(
      `INSERT INTO blocklist_entries (id, shop_id, kind, value, created_at) VALUES (?1, ?2, 'email', ?3, ?4)`,
    )
      .bind(`blk_${tag}m`, DEMO_SHOP_ID, email, now)
      .run();
    expect(await line()).toMatchObject({ eligible: false, reason: 'blocklisted' });
  });
});
