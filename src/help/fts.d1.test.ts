// runs-in: workerd
/**
 * The search index against real local D1 (SQLite FTS5 in workerd): English, German (umlaut typed or
 * folded) and Chinese two-character words match and rank; another shop's article and a draft never
 * show. The last block shows why CJK is indexed one character per token: the obvious alternatives
 * do not find `退货` at all.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ArticleSearch, indexArticleStatements, searchArticles } from './search';

interface Article {
  id: string;
  shopId: string;
  locale: string;
  status: 'draft' | 'published';
  title: string;
  body: string;
}

// biome-ignore format: one article per line reads as a table
const articles: Article[] = [
  { id: 'art_en_policy', shopId: 'shop_a', locale: 'en', status: 'published', title: 'Return policy', body: 'You can return most items within **30 days**. Refunds go to the original payment method.' },
  { id: 'art_en_order', shopId: 'shop_a', locale: 'en', status: 'published', title: 'Where is my order?', body: 'Follow the tracking link in your shipping email. Questions about a return? See our policy.' },
  { id: 'art_zh_policy', shopId: 'shop_a', locale: 'zh-CN', status: 'published', title: '退货政策', body: '收到商品后30天内可以申请退货，来回运费由您承担。' },
  { id: 'art_zh_fee', shopId: 'shop_a', locale: 'zh-CN', status: 'published', title: '运费说明', body: '因质量问题退货运费由我们承担。' },
  { id: 'art_zh_damaged', shopId: 'shop_a', locale: 'zh-CN', status: 'published', title: '货物损坏怎么办', body: '请拍照后联系我们，我们绝不会让您退而求其次。' },
  { id: 'art_de_policy', shopId: 'shop_a', locale: 'de', status: 'published', title: 'Rückgabe und Erstattung', body: 'Sie können Artikel innerhalb von 30 Tagen zurückgeben. Die Rücksendung ist kostenlos.' },
  { id: 'art_de_draft', shopId: 'shop_a', locale: 'de', status: 'draft', title: 'Rückgabe Entwurf', body: 'Noch nicht fertig: Rückgabe von Sperrgut.' },
  { id: 'art_b_en', shopId: 'shop_b', locale: 'en', status: 'published', title: 'Return policy of shop B', body: 'Return within 14 days.' },
  { id: 'art_b_zh', shopId: 'shop_b', locale: 'zh-CN', status: 'published', title: '退货须知', body: '退货运费自理。' },
  { id: 'art_b_de', shopId: 'shop_b', locale: 'de', status: 'published', title: 'Rückgabe bei Shop B', body: 'Rücksendung innerhalb von 14 Tagen.' },
];

beforeAll(async () => {
  await env.DB.batch(
    articles.flatMap((a) => [
      env.DB.prepare(
        'INSERT INTO articles (id, shop_id, slug, locale, title, body, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0)',
      ).bind(a.id, a.shopId, a.id.replace('art_', ''), a.locale, a.title, a.body, a.status),
      ...indexArticleStatements(env.DB, {
        shopId: a.shopId,
        articleId: a.id,
        locale: a.locale,
        title: a.title,
        body: a.body,
      }),
    ]),
  );
});

async function ids(search: Partial<ArticleSearch> & { query: string }): Promise<string[]> {
  const hits = await searchArticles(env.DB, { shopId: 'shop_a', locale: 'en', ...search });
  return hits.map((hit) => hit.articleId);
}

describe('help search in D1 FTS5', () => {
  it('finds English words by prefix, a title hit first', async () => {
    expect(await ids({ query: 'return' })).toEqual(['art_en_policy', 'art_en_order']);
    expect(await ids({ query: 'refund' })).toEqual(['art_en_policy']);
    expect(await ids({ query: 'TRACKING link' })).toEqual(['art_en_order']);
  });

  it('finds German words typed with the umlaut, folded or in capitals, and never the draft', async () => {
    for (const query of ['Rückgabe', 'ruckgabe', 'RÜCKGABE', 'rück', 'Rücksendung kostenlos'])
      expect(await ids({ locale: 'de', query }), query).toEqual(['art_de_policy']);
    expect(await ids({ locale: 'de', query: 'Entwurf' })).toEqual([]);
    expect(await ids({ locale: 'de', query: 'Sperrgut' })).toEqual([]);
  });

  it('finds two-character Chinese words, a title hit first, and not their characters apart', async () => {
    expect(await ids({ locale: 'zh-CN', query: '退货' })).toEqual(['art_zh_policy', 'art_zh_fee']);
    expect(await ids({ locale: 'zh-CN', query: '运费' })).toEqual(['art_zh_fee', 'art_zh_policy']);
    expect(await ids({ locale: 'zh-CN', query: '退货运费' })).toEqual(['art_zh_fee']);
    expect(await ids({ locale: 'zh-CN', query: '退货政策' })).toEqual(['art_zh_policy']);
    expect(await ids({ locale: 'zh-CN', query: '损坏' })).toEqual(['art_zh_damaged']);
  });

  it('highlights the match in the original text', async () => {
    const [hit] = await searchArticles(env.DB, { shopId: 'shop_a', locale: 'zh-CN', query: '运费' });
    expect(hit?.excerpt).toBe('因质量问题退货<mark>运费</mark>由我们承担。');
    const [de] = await searchArticles(env.DB, { shopId: 'shop_a', locale: 'de', query: 'rucksendung' });
    expect(de?.excerpt).toContain('Die <mark>Rücksendung</mark> ist kostenlos.');
  });

  it("never shows another shop's article, in any language", async () => {
    for (const [locale, query] of [
      ['en', 'return'],
      ['zh-CN', '退货'],
      ['de', 'Rückgabe'],
      ['en', 'shop'],
    ] as const) {
      const found = await ids({ locale, query });
      expect(
        found.some((id) => id.startsWith('art_b_')),
        `${locale} ${query}`,
      ).toBe(false);
    }
    expect(await ids({ shopId: 'shop_b', locale: 'zh-CN', query: '退货' })).toEqual(['art_b_zh']);
  });

  it('answers an empty or syntax-only query with nothing instead of an FTS5 error', async () => {
    for (const query of ['', '"', 'NEAR(', '*', 'title:']) expect(await ids({ query }), query).toEqual([]);
  });
});

describe('why CJK is indexed one character per token', () => {
  async function matches(tokenizer: string, text: string, match: string): Promise<number> {
    const table = `probe_${tokenizer.split(' ')[0]}`;
    await env.DB.prepare(
      `CREATE VIRTUAL TABLE IF NOT EXISTS ${table} USING fts5(body, tokenize = '${tokenizer}')`,
    ).run();
    await env.DB.prepare(`DELETE FROM ${table}`).run();
    await env.DB.prepare(`INSERT INTO ${table} (body) VALUES (?)`).bind(text).run();
    const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${table} MATCH ?`)
      .bind(match)
      .first<{ n: number }>();
    // The database outlives this file (test/setup.ts): leave no probe behind.
    await env.DB.prepare(`DROP TABLE ${table}`).run();
    return row?.n ?? 0;
  }

  it('unicode61 on unspaced Chinese and the trigram tokenizer both miss a two-character word', async () => {
    expect(await matches('unicode61 remove_diacritics 2', '收到商品后可以申请退货政策', '"退货"')).toBe(0);
    expect(await matches('trigram', '收到商品后可以申请退货政策', '"退货"')).toBe(0);
    expect(await matches('unicode61 remove_diacritics 2', '收 到 商 品 后 可 以 申 请 退 货 政 策', '"退 货"')).toBe(1);
  });
});
