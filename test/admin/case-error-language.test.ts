import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { openReturn } from '../../src/commands/open-return';
import { createServices } from '../../src/services';
import { createOrder, createShop } from '../helpers/factory';
import { adminSession, TEST_ADMIN_TOKEN } from './admin-session';

const app = createApp();
const call = (req: Request) => app.fetch(req, env);

/** A command's refusal reaches the case page's banner and the queue's in the member's language. */
describe('command errors on screens, in the member’s language', () => {
  let a: Awaited<ReturnType<typeof adminSession>>;
  let caseId: string;
  let foreignCase: string;
  let shopDomain: string;
  beforeAll(async () => {
    const s = createServices(env);
    const shop = await createShop(env.DB);
    const open = async (shopId: string) => {
      const o = await createOrder(env.DB, shopId, { deliveredDaysAgo: 3 });
      const items = [{ lineItemId: o.lines[0]!.id, quantity: 1, reason: 'too_small' }];
      return (await openReturn(s, { shopId, orderId: o.order.id, items, resolution: 'refund', method: 'drop_off' }))
        .caseId;
    };
    caseId = await open(shop.id);
    foreignCase = await open((await createShop(env.DB)).id);
    shopDomain = shop.domain;
    a = await adminSession(shop.domain);
  });

  const post = (path: string, fields: Record<string, string>, lang: string) =>
    call(
      new Request(`http://admin.test${path}`, {
        method: 'POST',
        headers: { cookie: a.cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang },
        body: new URLSearchParams({ _csrf: a.csrf, ...fields }).toString(),
      }),
    );
  const page = async (location: string, lang: string) =>
    (
      await call(
        new Request(`http://admin.test${location}`, { headers: { cookie: a.cookie, 'accept-language': lang } }),
      )
    ).text();

  it.each([
    ['en', 'Not possible while the case is requested.'],
    ['de', 'Im Status „angefragt“ nicht möglich.'],
    ['zh-CN', '工单当前状态为“待审核”，无法执行此操作。'],
  ])('an action the case’s status refuses is explained in %s on the case page', async (lang, text) => {
    const res = await post(`/admin/cases/${caseId}/actions`, { action: 'receive' }, lang);
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(new URL(location, 'http://x').searchParams.get('error')).toBe(text);
    expect(await page(location, lang)).toContain(text);
    const api = await call(
      new Request(`http://admin.test/api/admin/cases/${caseId}/actions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
          'x-shop-domain': shopDomain,
          'content-type': 'application/json',
          'accept-language': lang,
        },
        body: JSON.stringify({ action: 'receive' }),
      }),
    );
    expect(api.status).toBe(409);
    expect(((await api.json()) as { detail: string }).detail).toBe('Cannot receive a case that is requested.');
  });

  it('a form that cannot be read as an action is refused in the member’s language too', async () => {
    const amount = await post(`/admin/cases/${caseId}/actions`, { action: 'refund', amount: 'zwölf' }, 'de');
    expect(new URL(amount.headers.get('location')!, 'http://x').searchParams.get('error')).toBe(
      'Der Betrag ist keine Zahl. Schreiben Sie ihn z. B. als 12.50.',
    );
    const reject = await post(`/admin/cases/${caseId}/actions`, { action: 'reject' }, 'zh-CN');
    expect(new URL(reject.headers.get('location')!, 'http://x').searchParams.get('error')).toMatch(
      /^请检查表单：reason: /,
    );
  });

  it('bulk approval reports in German: the count, and why a case was left alone', async () => {
    const res = await post('/admin/cases/bulk', { ids: foreignCase }, 'de');
    const url = new URL(res.headers.get('location')!, 'http://x');
    expect(url.searchParams.get('notice')).toBe('0 von 1 genehmigt.');
    expect(url.searchParams.get('error')).toBe(`${foreignCase}: Diesen Fall gibt es nicht mehr.`);
    const none = await post('/admin/cases/bulk', {}, 'zh-CN');
    expect(new URL(none.headers.get('location')!, 'http://x').searchParams.get('error')).toBe(
      '请至少选择一个要批准的工单。',
    );
  });
});
