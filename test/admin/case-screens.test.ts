import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { openReturn } from '../../src/commands/open-return';
import { createServices } from '../../src/services';
import { createOrder, createShop } from '../helpers/factory';
import { adminSession } from './admin-session';

const app = createApp();
const call = (req: Request) => app.fetch(req, env);
const SHOP = 'queue-shop.myshopify.com';
const MIN = 60_000;

async function status(caseId: string) {
  return env.DB.prepare('SELECT status FROM cases WHERE id = ?').bind(caseId).first<string>('status');
}

describe('case queue and case page', () => {
  let a: Awaited<ReturnType<typeof adminSession>>;
  let first: string; // due soon (warning)
  let second: string; // overdue (breach)
  let other: string; // another shop's case
  beforeAll(async () => {
    const s = createServices(env);
    const shop = await createShop(env.DB, { domain: SHOP });
    const o1 = await createOrder(env.DB, shop.id, {
      name: '#3001',
      email: 'ann@example.com',
      deliveredDaysAgo: 3,
      lines: [{ title: 'Linen shirt', priceMinor: 4000 }],
    });
    const o2 = await createOrder(env.DB, shop.id, {
      name: '#3002',
      email: 'bob@example.com',
      deliveredDaysAgo: 3,
      lines: [{ title: 'Wool socks', priceMinor: 1500 }],
    });
    const open = async (o: typeof o1) =>
      (
        await openReturn(s, {
          shopId: shop.id,
          orderId: o.order.id,
          items: [{ lineItemId: o.lines[0]!.id, quantity: 1, reason: 'too_small' }],
          resolution: 'refund',
          method: 'drop_off',
        })
      ).caseId;
    first = await open(o1);
    second = await open(o2);
    const now = Date.now();
    await env.DB.prepare(
      'UPDATE cases SET next_due_at = ?, first_response_due_at = ?, tags = \'["fragile"]\' WHERE id = ?',
    )
      .bind(now + 10 * MIN, now + 10 * MIN, first)
      .run();
    await env.DB.prepare('UPDATE cases SET next_due_at = ?, first_response_due_at = ?, breached = 1 WHERE id = ?')
      .bind(now - 30 * MIN, now - 30 * MIN, second)
      .run();
    const otherShop = await createShop(env.DB, { domain: 'queue-other.myshopify.com' });
    const o3 = await createOrder(env.DB, otherShop.id, {
      name: '#3001',
      email: 'ann@example.com',
      deliveredDaysAgo: 3,
    });
    other = (
      await openReturn(s, {
        shopId: otherShop.id,
        orderId: o3.order.id,
        items: [{ lineItemId: o3.lines[0]!.id, quantity: 1, reason: 'too_small' }],
        resolution: 'refund',
        method: 'drop_off',
      })
    ).caseId;
    a = await adminSession(SHOP);
  });

  const queue = async (query = '') => (await call(a.get(`/admin${query}`))).text();
  const order = (html: string) =>
    [...html.matchAll(/data-case="([^"]+)" data-sla="([^"]+)"/g)].map((m) => [m[1], m[2]]);

  it('lists the shop’s open cases by next SLA due time with breach and warning markers', async () => {
    const html = await queue();
    expect(order(html)).toEqual([
      [second, 'breach'],
      [first, 'warn'],
    ]);
    expect(html).toContain('first response overdue by 30 m');
    expect(html).not.toContain(other);
  });

  it('filters by breach, tag and status, and searches by case number, order and email', async () => {
    expect(order(await queue('?breached=true')).map((r) => r[0])).toEqual([second]);
    expect(order(await queue('?tag=fragile')).map((r) => r[0])).toEqual([first]);
    expect(order(await queue('?status=closed'))).toEqual([]);
    const num = await env.DB.prepare('SELECT number FROM cases WHERE id = ?').bind(second).first<number>('number');
    expect(order(await queue(`?q=R-${num}`)).map((r) => r[0])).toEqual([second]);
    expect(order(await queue('?q=%233001')).map((r) => r[0])).toEqual([first]);
    expect(order(await queue('?q=BOB%40example.com')).map((r) => r[0])).toEqual([second]);
    expect((await call(a.get('/admin?status=bogus'))).status).toBe(400);
  });

  it('shows the case page with items, timeline, SLA state, and the next step first', async () => {
    const res = await call(a.get(`/admin/cases/${first}`));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Linen shirt');
    expect(html).toContain('data-event=');
    expect(html).toContain('first response due in');
    expect(html).toMatch(/<form[^>]*data-action="approve" data-next="true"/);
    expect((await call(a.get(`/admin/cases/${other}`))).status).toBe(404);
  });

  it('speaks German to a German browser and Chinese to a Chinese one', async () => {
    const inLanguage = async (lang: string) =>
      (
        await call(
          new Request(`http://admin.test/admin/cases/${second}`, {
            headers: { cookie: a.cookie, 'accept-language': lang },
          }),
        )
      ).text();
    const de = await inLanguage('de-DE,de;q=0.9');
    expect(de).toContain('<html lang="de"');
    for (const text of ['Nächster Schritt', 'Genehmigen', 'Warum kann ich nicht …?', 'Konversation', 'Antwort senden'])
      expect(de).toContain(text);
    expect(de).toContain('nicht möglich, solange der Fall „angefragt“ ist.');
    expect(de).toMatch(/data-event="ReturnRequested"><strong>Rücksendung angefragt<\/strong>/);
    const zh = await inLanguage('zh-CN');
    expect(zh).toContain('<html lang="zh-CN"');
    for (const text of ['下一步', '批准', '为什么不能……？', '对话', '发送回复', '待审核']) expect(zh).toContain(text);
    expect(zh).toMatch(/data-event="ReturnRequested"><strong>顾客申请退货<\/strong>/);
    expect(zh).not.toContain('Next step');
  });

  it('bulk-approves the selected cases through the case command', async () => {
    const res = await call(
      new Request('http://admin.test/admin/cases/bulk', {
        method: 'POST',
        headers: { cookie: a.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: `_csrf=${encodeURIComponent(a.csrf)}&ids=${first}&ids=${second}&ids=${other}`,
      }),
    );
    expect(res.status).toBe(303);
    expect(decodeURIComponent(res.headers.get('location')!)).toContain('Approved 2 of 3');
    expect(await status(first)).not.toBe('requested');
    expect(await status(second)).not.toBe('requested');
    expect(await status(other)).toBe('requested');
  });

  it('runs actions from the case page, refusing bad input and forms without the CSRF token', async () => {
    const before = await status(first);
    const bad = await call(a.post(`/admin/cases/${first}/actions`, { action: 'reject' }));
    expect(decodeURIComponent(bad.headers.get('location')!)).toContain('error=');
    expect(await status(first)).toBe(before);
    expect((await call(a.post(`/admin/cases/${first}/actions`, { action: 'note', text: 'hi' }, false))).status).toBe(
      403,
    );
    const note = await call(
      a.post(`/admin/cases/${first}/actions`, { action: 'note', text: 'Customer called about sizing.' }),
    );
    expect(decodeURIComponent(note.headers.get('location')!)).toContain('notice=Done: Add note.');
    expect(await (await call(a.get(`/admin/cases/${first}`))).text()).toContain('Customer called about sizing.');
    const tag = await call(a.post(`/admin/cases/${first}/actions`, { action: 'tag', add: 'vip, rush', remove: '' }));
    expect(tag.status).toBe(303);
    expect(await env.DB.prepare('SELECT tags FROM cases WHERE id = ?').bind(first).first<string>('tags')).toContain(
      'rush',
    );
    expect((await call(a.post(`/admin/cases/${other}/actions`, { action: 'note', text: 'x' }))).status).toBe(404);
  });
});
