/**
 * Help-center search over D1: keeping an article's index row in step, and the ranked query with
 * highlighted excerpts. The SQL is in search-sql.ts; the text rules in search-text.ts and excerpt.ts.
 */
import { articleSearchSource } from './article-body';
import { excerptFor } from './excerpt';
import { deleteArticleSearchSql, insertArticleSearchSql, searchArticlesSql } from './search-sql';
import { articlePlainText } from './markdown';
import { indexText, toAnyWordQuery, toMatchQuery } from './search-text';

export interface IndexedArticle {
  shopId: string;
  articleId: string;
  locale: string;
  title: string;
  /** Markdown, as the merchant wrote it (Liquid and all: the index keeps its words only). */
  body: string;
}

/** What the index row holds for an article: its title and plain text as `indexText` spaces them. */
export function indexedText(article: Pick<IndexedArticle, 'title' | 'body'>): { title: string; body: string } {
  return {
    title: indexText(article.title),
    body: indexText(articlePlainText(articleSearchSource(article.body))),
  };
}

/**
 * The statements that (re)write one article's index row, for the caller's `db.batch` beside the
 * article's own write (they must agree). Index drafts too: the query filters on status.
 */
export function indexArticleStatements(db: D1Database, article: IndexedArticle): D1PreparedStatement[] {
  const { shopId, articleId, locale } = article;
  const text = indexedText(article);
  return [
    removeArticleStatement(db, shopId, articleId),
    db.prepare(insertArticleSearchSql).bind(shopId, articleId, locale, text.title, text.body),
  ];
}

export function removeArticleStatement(db: D1Database, shopId: string, articleId: string): D1PreparedStatement {
  return db.prepare(deleteArticleSearchSql).bind(shopId, articleId);
}

export interface ArticleSearch {
  shopId: string;
  locale: string;
  query: string;
  limit?: number;
  /** Characters of body text around the first match. */
  excerptChars?: number;
  /** The stored body as shoppers read it (the policy filled in); the excerpt is cut from it. */
  render?: (body: string) => string;
  /** A message rather than a search: articles sharing any meaningful term (`toAnyWordQuery`). */
  anyWord?: boolean;
}

export interface ArticleHit {
  articleId: string;
  slug: string;
  title: string;
  /** HTML: matches in `<mark>`, the rest escaped. */
  excerpt: string;
  /** bm25: lower is better. */
  score: number;
}

interface ArticleRow {
  id: string;
  slug: string;
  title: string;
  body: string;
  score: number;
}

/** Published articles of the shop in the locale that match `query`, best first; none for an empty query. */
export async function searchArticles(db: D1Database, search: ArticleSearch): Promise<ArticleHit[]> {
  const match = search.anyWord ? toAnyWordQuery(search.query) : toMatchQuery(search.query);
  if (match === null) return [];
  const { results } = await db
    .prepare(searchArticlesSql)
    .bind(match, search.shopId, search.locale, search.limit ?? 10)
    .all<ArticleRow>();
  const render = search.render ?? ((body: string) => body);
  return results.map((row) => ({
    articleId: row.id,
    slug: row.slug,
    title: row.title,
    excerpt: excerptFor(articlePlainText(render(row.body)), search.query, search.excerptChars ?? 160),
    score: row.score,
  }));
}
