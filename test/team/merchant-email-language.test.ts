/**
 * Emails to people on the merchant's side speak their language: the member's admin language, else
 * (for a sign-in link) the browser's that asked, else the shop's.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { recipientLocaleResolver } from '../../src/notifications/recipient-locale';
import { createServices } from '../../src/services';
import { setCookies } from '../admin/session-token';
import { createShop } from '../helpers/factory';
import { memberWithToken } from '../helpers/team';

const app = createApp({ services: (e) => createServices(e) });
let shop: Awaited<ReturnType<typeof createShop>>;

beforeAll(async () => {
  shop = await createShop(env.DB, { domain: 'mail-language.myshopify.com' });
  await memberWithToken(shop.id, 'manager', { email: 'lin@example.com', uiLocale: 'zh-CN' });
  await memberWithToken(shop.id, 'agent', { email: 'jonas@example.com' });
  const gone = await memberWithToken(shop.id, 'agent', { email: 'gone@example.com', uiLocale: 'de' });
  await env.DB.prepare('UPDATE members SET active = 0 WHERE id = ?').bind(gone.member.id).run();
});

async function askForLink(email: string, acceptLanguage: string) {
  const login = await app.request('http://admin.test/admin/login', {}, env);
  const nonce = setCookies(login)
    .find((c) => c.startsWith('aftercare_login='))!
    .split(';')[0]!;
  await app.request(
    'http://admin.test/admin/login/link',
    {
      method: 'POST',
      headers: {
        cookie: nonce,
        'content-type': 'application/x-www-form-urlencoded',
        'accept-language': acceptLanguage,
      },
      body: new URLSearchParams({ _csrf: nonce.split('=')[1]!, shop: shop.domain, email }).toString(),
    },
    env,
  );
  return env.DB.prepare(
    `SELECT locale, subject FROM notifications WHERE shop_id = ? AND kind = 'sign_in_link' AND recipient = ?
      ORDER BY created_at DESC, rowid DESC`,
  )
    .bind(shop.id, email)
    .first<{ locale: string; subject: string }>();
}

describe('sign-in link email', () => {
  it("is in the member's admin language, whatever the browser asks", async () => {
    const mail = await askForLink('lin@example.com', 'de-DE');
    expect(mail?.locale).toBe('zh-CN');
    expect(mail?.subject).toMatch(/[\u4e00-\u9fff]/);
  });

  it('is in the browser’s language when the member chose none', async () => {
    const mail = await askForLink('jonas@example.com', 'de-DE,de;q=0.9');
    expect(mail?.locale).toBe('de');
    const english = await askForLink('jonas@example.com', 'fr-FR');
    expect(english?.locale).toBe('en');
  });
});

describe('merchant recipients (weekly review, early warnings, SLA alerts)', () => {
  it("get their member's admin language by address, else the shop's; deactivated members count for nothing", async () => {
    const localeOf = await recipientLocaleResolver(createServices(env), shop.id, 'de');
    expect(localeOf('Lin@Example.com')).toBe('zh-CN');
    expect(localeOf('jonas@example.com')).toBe('de');
    expect(localeOf('gone@example.com')).toBe('de');
    expect(localeOf('someone-else@example.com')).toBe('de');
    const english = await recipientLocaleResolver(createServices(env), shop.id, 'en');
    expect(english('gone@example.com')).toBe('en');
  });
});
