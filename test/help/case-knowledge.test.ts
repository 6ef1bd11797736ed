import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { openReturn } from '../../src/commands/open-return';
import { installStarterSet } from '../../src/help/starter-set';
import { createServices } from '../../src/services';
import { adminSession } from '../admin/admin-session';
import { createOrder, createShop } from '../helpers/factory';

const app = createApp();
const SHOP = 'kb-case.myshopify.com';
let caseId: string;

beforeAll(async () => {
  const s = createServices(env);
  const shop = await createShop(env.DB, { domain: SHOP });
  await installStarterSet(s, shop.id);
  const o = await createOrder(env.DB, shop.id, { name: '#4101', deliveredDaysAgo: 2 });
  caseId = (
    await openReturn(s, {
      shopId: shop.id,
      orderId: o.order.id,
      items: [{ lineItemId: o.lines[0]!.id, quantity: 1, reason: 'too_small' }],
      resolution: 'refund',
      method: 'drop_off',
      locale: 'de',
    })
  ).caseId;
});

async function casePage(query: string) {
  const a = await adminSession(SHOP);
  const res = await app.fetch(a.get(`/admin/cases/${caseId}${query}`), env);
  expect(res.status).toBe(200);
  return res.text();
}

describe('the knowledge base on the case page', () => {
  it('searches the published articles in the case’s language with a GET form', async () => {
    const html = await casePage('?kb=Umtausch');
    expect(html).toContain('<h3 id="kb">Knowledge base</h3>');
    expect(html).toContain('Artikel umtauschen');
    expect(html).toContain(`/portal/${SHOP}/help/exchanges?lang=de`);
    expect(html).toContain('<mark>Umtausch');
  });

  it('inserts the chosen article’s title and link into the reply box', async () => {
    const html = await casePage('?kb=Umtausch&use=exchanges');
    const insert = `Artikel umtauschen: /portal/${SHOP}/help/exchanges?lang=de`;
    expect(html).toMatch(
      new RegExp(`<textarea id="reply-body" name="body"[^>]*>${insert.replace(/[?]/g, '\\?')}</textarea>`),
    );
  });
});
