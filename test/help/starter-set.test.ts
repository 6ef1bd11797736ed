import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ensureShop } from '../../src/db/shops';
import { starterArticleFiles } from '../../src/help/starter-article-files';
import { installStarterArticles } from '../../src/help/starter-seed';
import { installStarterSet } from '../../src/help/starter-set';
import { searchArticles } from '../../src/help/search';
import { createServices } from '../../src/services';

const s = createServices(env);
const count = async (shopId: string, table = 'articles') =>
  (await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE shop_id = ?`).bind(shopId).first<{ n: number }>())?.n;

describe('the starter set', () => {
  it('is given to a shop when it is created, once, searchable in every language', async () => {
    const first = await ensureShop(s, 'starter-new.myshopify.com');
    expect(first.created).toBe(true);
    expect((await ensureShop(s, 'starter-new.myshopify.com')).created).toBe(false);
    await installStarterSet(s, first.id);
    expect(await count(first.id)).toBe(18);
    expect(await count(first.id, 'article_search')).toBe(18);
    for (const [locale, query, slug] of [
      ['en', 'parcel', 'send-parcel-back'],
      ['zh-CN', '损坏', 'damaged-items'],
      ['de', 'Umtausch', 'exchanges'],
    ] as const) {
      const hits = await searchArticles(env.DB, { shopId: first.id, locale, query });
      expect(
        hits.map((h) => h.slug),
        `${locale} ${query}`,
      ).toContain(slug);
    }
  });

  it('leaves an article the merchant edited alone, and its index row too, when installed again', async () => {
    const shop = await ensureShop(s, 'starter-edited.myshopify.com');
    await installStarterSet(s, shop.id);
    await env.DB.prepare("UPDATE articles SET body = 'Edited by the merchant' WHERE shop_id = ? AND slug = 'exchanges'")
      .bind(shop.id)
      .run();
    await installStarterArticles(env.DB, shop.id, starterArticleFiles, Date.now());
    expect(await count(shop.id)).toBe(18);
    expect(await count(shop.id, 'article_search')).toBe(18);
    const edited = await env.DB.prepare("SELECT body FROM articles WHERE shop_id = ? AND slug = 'exchanges' LIMIT 1")
      .bind(shop.id)
      .first<{ body: string }>();
    expect(edited?.body).toBe('Edited by the merchant');
  });

  it('stores the Liquid, so the article quotes the policy of the day it is read', async () => {
    const shop = await ensureShop(s, 'starter-liquid.myshopify.com');
    await installStarterSet(s, shop.id);
    const row = await env.DB.prepare(
      "SELECT body FROM articles WHERE shop_id = ? AND slug = 'return-policy' AND locale = 'en'",
    )
      .bind(shop.id)
      .first<{ body: string }>();
    expect(row?.body).toContain('{{ policy.returnWindowDays }}');
  });
});
