import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { createShop } from '../helpers/factory';
import { adminSession } from './admin-session';

const app = createApp();

/** A refused form on the team, help and procedure screens says why in the member's language. */
describe('form refusals on admin screens, in the member’s language', () => {
  let a: Awaited<ReturnType<typeof adminSession>>;
  beforeAll(async () => {
    const shop = await createShop(env.DB);
    a = await adminSession(shop.domain);
  });

  const post = (path: string, fields: Record<string, string>, lang: string) =>
    app.fetch(
      new Request(`http://admin.test${path}`, {
        method: 'POST',
        headers: { cookie: a.cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang },
        body: new URLSearchParams({ _csrf: a.csrf, ...fields }).toString(),
      }),
      env,
    );
  const article = { slug: 'gift-cards', locale: 'de', title: 'Gutscheine', category: '', status: 'draft', reasons: '' };
  const procedure = {
    key: 'damaged-box',
    title_en: 'Damaged box',
    step_0_en: 'Photograph the box',
    type_complaint: 'on',
  };

  it.each([
    ['en', 'Email is not a valid email address.'],
    ['de', '„E-Mail“ ist keine gültige E-Mail-Adresse.'],
    ['zh-CN', '“邮箱”不是有效的邮箱地址。'],
  ])('an invitation with a broken email address is refused in %s on the team screen', async (lang, text) => {
    const res = await post('/admin/team', { email: 'not-an-address', name: 'Nia', role: 'agent' }, lang);
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get('location')!, 'http://x').searchParams.get('error')).toBe(text);
  });

  it.each([
    ['en', 'Title is required.'],
    ['de', '„Titel“ muss ausgefüllt werden.'],
    ['zh-CN', '请填写“标题”。'],
  ])('an article without a title is refused in %s in the help editor', async (lang, text) => {
    const res = await post('/admin/help', { ...article, title: ' ', body: 'Hello', intent: 'save' }, lang);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(text);
    expect(html).not.toContain('title: ');
  });

  it.each([
    ['en', 'Case types needs at least one entry.'],
    ['de', '„Fallarten“ braucht mindestens einen Eintrag.'],
    ['zh-CN', '“工单类型”至少需要一项。'],
  ])('a procedure for no case type is refused in %s', async (lang, text) => {
    const res = await post('/admin/help/procedures', { ...procedure, type_complaint: '' }, lang);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(text);
  });

  it('a second procedure or article under a name already used is refused in German', async () => {
    expect((await post('/admin/help/procedures', procedure, 'de')).status).toBe(303);
    const again = await post('/admin/help/procedures', procedure, 'de');
    expect(again.status).toBe(400);
    expect(await again.text()).toContain(
      'Der Shop hat bereits einen Ablauf mit dem Schlüssel „damaged-box“; wählen Sie einen anderen Schlüssel.',
    );
    const saved = await post('/admin/help', { ...article, body: 'Hallo', intent: 'save' }, 'de');
    expect(saved.status).toBe(303);
    const twice = await post('/admin/help', { ...article, body: 'Hallo', intent: 'save' }, 'de');
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain(
      'Der Shop hat bereits einen Artikel „gift-cards“ auf Deutsch; wählen Sie ein anderes URL-Kürzel.',
    );
  });
});
