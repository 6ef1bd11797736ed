import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { defaultPolicy } from '../../src/cases/policy-schema';
import { searchArticles } from '../../src/help/search';
import { createShop } from '../helpers/factory';

const app = createApp();
const A = 'articles-a.myshopify.com';
const B = 'articles-b.myshopify.com';
const headers = (shop: string) => ({
  authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm',
  'x-shop-domain': shop,
  'content-type': 'application/json',
});
const article = {
  slug: 'gift-wrap',
  locale: 'en',
  title: 'Gift wrapping',
  body: 'We wrap gifts for free. Returns within {{ policy.returnWindowDays }} days.',
  category: 'orders',
  status: 'published',
  reasons: ['changed_mind'],
};

const send = (method: string, path: string, shop: string, body?: unknown) =>
  app.request(
    path,
    { method, headers: headers(shop), body: body === undefined ? undefined : JSON.stringify(body) },
    env,
  );

let shopA: string;
beforeAll(async () => {
  shopA = (await createShop(env.DB, { domain: A, policy: { ...defaultPolicy(), returnWindowDays: 30 } })).id;
  await createShop(env.DB, { domain: B });
});

const found = (query: string) => searchArticles(env.DB, { shopId: shopA, locale: 'en', query });

describe('the articles admin API', () => {
  it('creates, reads, lists, updates and deletes an article, keeping search in step', async () => {
    const created = await send('POST', '/api/admin/articles', A, article);
    expect(created.status).toBe(201);
    const { id, ...fields } = await created.json<Record<string, unknown>>();
    expect(fields).toMatchObject(article);
    expect(fields).not.toHaveProperty('shopId');
    expect((await found('wrap')).map((h) => h.articleId)).toEqual([id]);

    expect(await (await send('GET', `/api/admin/articles/${id}`, A)).json()).toMatchObject(article);
    const list = await (await send('GET', '/api/admin/articles?locale=en', A)).json<{ articles: unknown[] }>();
    expect(list.articles).toContainEqual(expect.objectContaining({ id, slug: 'gift-wrap' }));

    const changed = { ...article, title: 'Gift boxes', body: 'Boxes instead.', status: 'draft' };
    const put = await send('PUT', `/api/admin/articles/${id}`, A, changed);
    expect(put.status).toBe(200);
    expect(await found('wrap')).toEqual([]);
    expect(await found('boxes')).toEqual([]); // a draft
    await send('PUT', `/api/admin/articles/${id}`, A, { ...changed, status: 'published' });
    expect((await found('boxes')).map((h) => h.articleId)).toEqual([id]);

    expect((await send('DELETE', `/api/admin/articles/${id}`, A)).status).toBe(204);
    expect((await send('GET', `/api/admin/articles/${id}`, A)).status).toBe(404);
    expect(await found('boxes')).toEqual([]);
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM article_search WHERE article_id = ?').bind(id).first();
    expect(rows).toEqual({ n: 0 });
  });

  it('refuses a second article with the same slug and language with 409, a translation is fine', async () => {
    const slug = { ...article, slug: 'twice' };
    expect((await send('POST', '/api/admin/articles', A, slug)).status).toBe(201);
    const again = await send('POST', '/api/admin/articles', A, slug);
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect((await send('POST', '/api/admin/articles', A, { ...slug, locale: 'de' })).status).toBe(201);
  });

  it('answers a bad body with 400 problem+json naming the field, a wrong media type with 415', async () => {
    for (const [body, path] of [
      [{ ...article, slug: 'Not A Slug' }, 'slug'],
      [{ ...article, status: 'live' }, 'status'],
      [{ ...article, locale: 'fr' }, 'locale'],
      [{ ...article, body: 'x'.repeat(100_001) }, 'body'],
      [{ ...article, body: 'Within {{ policy.windowDays }} days' }, 'body'],
      [{ ...article, extra: 1 }, ''],
    ] as const) {
      const res = await send('POST', '/api/admin/articles', A, body);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = await res.json<{ errors: Array<{ path: string }> }>();
      expect(problem.errors.map((e) => e.path)).toContain(path);
    }
    const form = await app.request(
      '/api/admin/articles',
      { method: 'POST', headers: { ...headers(A), 'content-type': 'text/plain' }, body: JSON.stringify(article) },
      env,
    );
    expect(form.status).toBe(415);
  });

  it("never shows, changes or deletes another shop's article", async () => {
    const res = await send('POST', '/api/admin/articles', A, { ...article, slug: 'a-only' });
    const { id } = await res.json<{ id: string }>();
    expect((await send('GET', `/api/admin/articles/${id}`, B)).status).toBe(404);
    expect((await send('PUT', `/api/admin/articles/${id}`, B, article)).status).toBe(404);
    expect((await send('DELETE', `/api/admin/articles/${id}`, B)).status).toBe(404);
    const list = await (await send('GET', '/api/admin/articles', B)).json<{ articles: Array<{ id: string }> }>();
    expect(list.articles.map((a) => a.id)).not.toContain(id);
    expect((await send('GET', `/api/admin/articles/${id}`, A)).status).toBe(200);
  });

  it('needs credentials', async () => {
    const res = await app.request('/api/admin/articles', {}, env);
    expect(res.status).toBe(401);
  });
});
