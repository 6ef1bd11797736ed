import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { defaultPolicy } from '../../src/cases/policy-schema';
import { adminSession } from '../admin/admin-session';
import { createShop } from '../helpers/factory';

const app = createApp();
const SHOP = 'help-editor.myshopify.com';
const fields = {
  title: 'Gift cards',
  slug: 'gift-cards',
  locale: 'en',
  category: 'orders',
  status: 'published',
  reasons: '',
  body: 'Gift cards are final. Returns take {{ policy.returnWindowDays }} days.\n\n<script>alert(1)</script>',
};

beforeAll(async () => {
  await createShop(env.DB, { domain: SHOP, policy: { ...defaultPolicy(), returnWindowDays: 21 } });
});

describe('the help-center editor', () => {
  it('previews the body as shoppers read it (policy filled in, script gone) without saving', async () => {
    const a = await adminSession(SHOP);
    const res = await app.fetch(a.post('/admin/help', { ...fields, intent: 'preview' }), env);
    expect(res.status).toBe(200);
    const html = await res.text();
    const preview = html.slice(html.indexOf('id="preview"'));
    expect(preview).toContain('Returns take 21 days.');
    expect(preview).not.toContain('<script>alert');
    const list = await (await app.fetch(a.get('/admin/help'), env)).text();
    expect(list).not.toContain('Gift cards');
  });

  it('saves, lists, and links to what shoppers see; refuses an unknown policy variable', async () => {
    const a = await adminSession(SHOP);
    const bad = await app.fetch(a.post('/admin/help', { ...fields, body: '{{ policy.nope }}', intent: 'save' }), env);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('nope');
    const saved = await app.fetch(a.post('/admin/help', { ...fields, intent: 'save' }), env);
    expect(saved.status).toBe(303);
    const editUrl = saved.headers.get('location')!;
    const edit = await (await app.fetch(a.get(editUrl), env)).text();
    expect(edit).toContain(`href="/portal/${SHOP}/help/gift-cards?lang=en"`);
    expect(await (await app.fetch(a.get('/admin/help'), env)).text()).toContain('Gift cards');
    const shopper = await (await app.fetch(new Request(`http://x/portal/${SHOP}/help/gift-cards`), env)).text();
    expect(shopper).toContain('Returns take 21 days.');
  });

  it('speaks the member’s language: German and Chinese labels, the article’s own words untouched', async () => {
    const a = await adminSession(SHOP);
    const inLanguage = async (path: string, lang: string) => {
      const req = a.get(path);
      req.headers.set('accept-language', lang);
      return (await app.fetch(req, env)).text();
    };
    const de = await inLanguage('/admin/help', 'de');
    expect(de).toContain('<h1>Hilfe-Center</h1>');
    expect(de).toContain('Neuer Artikel');
    expect(de).toContain('>Abläufe</a>');
    const zh = await inLanguage('/admin/help/new', 'zh-CN');
    expect(zh).toContain('新建文章');
    expect(zh).toContain('正文（Markdown；可用 {{ policy.returnWindowDays }} 等变量引用退货政策）');
    expect(zh).toContain('<option value="de">德语</option>');
    const id = /href="\/admin\/help\/(art_[^"]+)"/.exec(de)?.[1];
    expect(id).toBeTruthy();
    const saved = await inLanguage(`/admin/help/${id}?notice=saved`, 'de');
    expect(saved).toContain('Gespeichert.');
    expect(saved).toContain('Gift cards');
  });
});
