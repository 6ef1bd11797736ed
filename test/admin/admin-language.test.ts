/** The admin speaks the member's language: their setting, then the browser's, then English. */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { createServices } from '../../src/services';
import { createShop } from '../helpers/factory';
import { memberWithToken } from '../helpers/team';
import { adminSession } from './admin-session';

const app = createApp({ services: (e) => createServices(e) });
let shop: Awaited<ReturnType<typeof createShop>>;
let member: Awaited<ReturnType<typeof memberWithToken>>;

beforeAll(async () => {
  shop = await createShop(env.DB, { domain: 'admin-language.myshopify.com' });
  member = await memberWithToken(shop.id, 'agent', { name: 'Lin' });
});

async function page(user: string, acceptLanguage?: string) {
  const session = await adminSession(shop.domain, Date.now(), user);
  const req = session.get('/admin/dashboard');
  if (acceptLanguage) req.headers.set('accept-language', acceptLanguage);
  const res = await app.request(req, undefined, env);
  expect(res.status).toBe(200);
  return res.text();
}

describe('admin language', () => {
  it('follows the browser when the member has no setting', async () => {
    const html = await page(member.member.id, 'de-DE,de;q=0.9,en;q=0.5');
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('>Warteschlange</a>');
    expect(html).toContain('Abmelden');
  });

  it("prefers the member's own setting over the browser", async () => {
    await env.DB.prepare('UPDATE members SET ui_locale = ? WHERE id = ?').bind('zh-CN', member.member.id).run();
    const html = await page(member.member.id, 'de-DE');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('>工单队列</a>');
  });

  it('speaks English to a browser asking for a language we do not ship', async () => {
    const html = await page('operator', 'fr-FR');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('>Queue</a>');
  });
});
