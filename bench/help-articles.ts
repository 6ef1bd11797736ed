/**
 * Bench help articles: `count` published articles for the demo shop, cycling through the starter
 * set's 18 texts (en, zh-CN, de) under numbered slugs, each with its search row, as SQL for the seed
 * file. The index text is computed here exactly as the Worker computes it (src/help/search.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_SHOP_ID } from '../src/db/demo-data';
import { articles } from '../src/db/schema/help';
import { insertOrIgnore, type Statement, toSqlScript } from '../src/db/seed';
import { insertArticleSearchIfMissingSql } from '../src/help/search-sql';
import { indexedText } from '../src/help/search';
import { parseStarterArticle, type StarterArticleSource, starterArticleSlugs } from '../src/help/starter-article-parse';
import { locales } from '../src/i18n/locales';

function starterSources(root: string): StarterArticleSource[] {
  const dir = join(root, 'templates', 'articles');
  const files = Object.fromEntries(
    readdirSync(dir).map((name) => [name.replace(/\.md\.liquid$/, ''), readFileSync(join(dir, name), 'utf8')]),
  );
  return starterArticleSlugs.flatMap((slug) => locales.map((locale) => parseStarterArticle(files, slug, locale)));
}

function articleStatements(source: StarterArticleSource, n: number, now: number): Statement[] {
  const id = `art_bench_${String(n).padStart(6, '0')}`;
  const title = `${source.title} (${n})`;
  const body = `${source.template}\n\nReference ${n}.`;
  const text = indexedText({ title, body });
  return [
    insertOrIgnore(articles, {
      id,
      shopId: DEMO_SHOP_ID,
      slug: `${source.slug}-${n}`,
      locale: source.locale,
      title,
      body,
      category: source.category,
      status: n % 10 === 9 ? 'draft' : 'published',
      reasons: source.reasons,
      createdAt: now,
      updatedAt: now,
    }),
    {
      sql: insertArticleSearchIfMissingSql,
      params: [DEMO_SHOP_ID, id, source.locale, text.title, text.body, id, DEMO_SHOP_ID, DEMO_SHOP_ID, id],
    },
  ];
}

/** `count` articles (every tenth a draft, which search must skip) as a SQL script. */
export function helpArticlesSql(root: string, count: number, now: number): string {
  const sources = starterSources(root);
  const statements: Statement[] = [];
  for (let n = 0; n < count; n++) statements.push(...articleStatements(sources[n % sources.length]!, n, now));
  return toSqlScript(statements);
}
