/**
 * The starter set as seed statements: `INSERT OR IGNORE` of each article (unique per shop, slug and
 * language, so an article the merchant already has, edited or not, is left alone) and its search
 * row written only when that article is new. Used for a new shop (install-starter-articles.ts) and
 * the demo seed (scripts/dev.ts, which reads the files from disk: it runs outside the bundle).
 * Bodies are stored as their Liquid templates: the policy is filled in when read (article-body.ts).
 */
import { articles } from '../db/schema/help';
import { insertOrIgnore, type Statement } from '../db/seed';
import { locales } from '../i18n';
import { insertArticleSearchIfMissingSql } from './search-sql';
import { indexedText } from './search';
import { parseStarterArticle, starterArticleSlugs } from './starter-article-parse';

/** Starter ids are derived, so seeding twice finds its own rows. */
export function starterArticleId(shopId: string, slug: string, locale: string): string {
  return `art_${shopId}_${slug}_${locale}`;
}

export function starterArticleStatements(shopId: string, files: Record<string, string>, now: number): Statement[] {
  return starterArticleSlugs.flatMap((slug) =>
    locales.flatMap((locale) => {
      const source = parseStarterArticle(files, slug, locale);
      const id = starterArticleId(shopId, slug, locale);
      const text = indexedText({ title: source.title, body: source.template });
      return [
        insertOrIgnore(articles, {
          id,
          shopId,
          slug,
          locale,
          title: source.title,
          body: source.template,
          category: source.category,
          status: 'published',
          reasons: source.reasons,
          createdAt: now,
          updatedAt: now,
        }),
        {
          sql: insertArticleSearchIfMissingSql,
          params: [shopId, id, locale, text.title, text.body, id, shopId, shopId, id],
        },
      ];
    }),
  );
}

/** Runs the starter statements on a shop's database in one batch. */
export async function installStarterArticles(
  d1: D1Database,
  shopId: string,
  files: Record<string, string>,
  now: number,
): Promise<void> {
  await d1.batch(starterArticleStatements(shopId, files, now).map((st) => d1.prepare(st.sql).bind(...st.params)));
}
