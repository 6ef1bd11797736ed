/** The customer list and profile screens, in the member's language, without JavaScript. */
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { handleEmail } from '../../src/conversations/email-handler';
import { createServices } from '../../src/services';
import { adminSession } from '../admin/admin-session';
import { demoShop, SHOP } from '../portal/helpers';
import { demoShopWithoutWismo, emailMessage, fixtures, withHeader } from './mail-helpers';

const app = createApp({ services: (e) => createServices(e) });
let caseId: string;

beforeAll(async () => {
  await demoShop();
  await demoShopWithoutWismo(env.DB);
  let raw = withHeader(fixtures['plain-text'], 'Message-ID', '<screens.1@mail.example.com>');
  raw = withHeader(raw, 'From', 'Sam Shopper <shopper@example.com>');
  const outcome = await handleEmail(emailMessage(raw), env, {} as ExecutionContext, createServices(env));
  if (outcome?.status !== 'stored') throw new Error('not stored');
  caseId = outcome.caseId;
  await env.DB.prepare(
    `INSERT INTO surveys (id, shop_id, case_id, subject, kind, status, recipient, locale, due_at, score, comment, answered_at, created_at, updated_at)
     VALUES ('svy_screens', 'shop_demo', ?1, 'case:' || ?1, 'csat', 'answered', 'shopper@example.com', 'en', ?2, 2, 'Slow answer', ?2, ?2, ?2)`,
  )
    .bind(caseId, Date.now())
    .run();
});

async function get(path: string, language?: string) {
  const session = await adminSession(SHOP);
  const req = session.get(path);
  if (language) req.headers.set('accept-language', language);
  return app.request(req, undefined, env);
}

describe('the customer profile page', () => {
  it('shows one file in German: identity, orders, cases from every channel, messages, satisfaction', async () => {
    const res = await get('/admin/customers/cus_demo', 'de-DE,de;q=0.9');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="de">');
    for (const text of [
      'Identität',
      'shopper@example.com',
      'Shopify-Kunden-ID',
      'Vorgänge aus allen Kanälen',
      'Nachrichten',
      'Zufriedenheit',
      'Erstattungen und Guthaben',
      'Retourenquote',
      'Slow answer',
      '#1001',
    ])
      expect(html, text).toContain(text);
    expect(html).toContain(`href="/admin/cases/${caseId}"`);
    expect(html).toMatch(/<td>E-Mail<\/td>/); // the email case's channel
    expect(html).toMatch(/<time datetime="[^"]+Z" title="[^"]+ UTC">/);
    expect(html).not.toContain('<script');
  });

  it('shows the same file in Chinese', async () => {
    const html = await (await get('/admin/customers/cus_demo', 'zh-CN')).text();
    expect(html).toContain('<html lang="zh-CN">');
    for (const text of ['身份信息', '所有渠道的工单', '消息记录', '满意度', '客户来信', '邮件', '低分'])
      expect(html, text).toContain(text);
    expect(html).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
  });

  it('answers an unknown or malformed id with a page in the visitor’s language, never a 5xx', async () => {
    const missing = await get('/admin/customers/cus_nobody', 'de');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('In diesem Shop gibt es keinen Kunden cus_nobody.');
    const malformed = await get(`/admin/customers/${encodeURIComponent('<script>x</script>')}`, 'zh-CN');
    expect(malformed.status).toBe(404);
    const html = await malformed.text();
    expect(html).toContain('本店没有客户');
    expect(html).not.toContain('<script>x');
  });
});

describe('the customer list', () => {
  it('finds a customer by email, by order number and by name, and links to the profile', async () => {
    for (const q of ['shopper@example', '#1005', '1005']) {
      const html = await (await get(`/admin/customers?q=${encodeURIComponent(q)}`)).text();
      expect(html, q).toContain('href="/admin/customers/cus_demo"');
    }
    const none = await (await get('/admin/customers?q=nobody-at-all', 'de')).text();
    expect(none).toContain('Kein Kunde passt zu „nobody-at-all“.');
  });

  it('shows the first page for a hand-edited query instead of an error', async () => {
    const res = await get('/admin/customers?limit=9999&before=x');
    expect(res.status).toBe(200);
  });
});

describe('GET /api/admin/customers', () => {
  const api = (query: string) =>
    exports.default.fetch(`https://aftercare.test/api/admin/customers${query}`, {
      headers: { authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm', 'x-shop-domain': SHOP },
    });

  it('pages through every customer once, even those created in the same millisecond', async () => {
    const now = Date.now();
    for (const n of [1, 2, 3])
      await env.DB.prepare(
        `INSERT INTO customers (id, shop_id, email, tags, vip, created_at, updated_at) VALUES (?, 'shop_demo', ?, '[]', 0, ?, ?)`,
      )
        .bind(`cus_samems${n}`, `same.ms.${n}@example.com`, now + 86_400_000, now)
        .run();
    const seen: string[] = [];
    let before: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res = await api(`?q=same.ms&limit=1${before ? `&before=${encodeURIComponent(before)}` : ''}`);
      expect(res.status).toBe(200);
      const body = await res.json<{ customers: Array<{ id: string }>; nextBefore: string | null }>();
      seen.push(...body.customers.map((c) => c.id));
      before = body.nextBefore;
      if (!before) break;
    }
    expect(seen).toEqual(['cus_samems3', 'cus_samems2', 'cus_samems1']);
  });

  it('refuses a malformed query with 400 problem+json', async () => {
    for (const q of ['?limit=0', '?limit=abc', '?before=yesterday', `?q=${'x'.repeat(201)}`, '?unknown=1']) {
      const res = await api(q);
      expect(res.status, q).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
