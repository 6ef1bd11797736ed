/**
 * Articles in D1. Every write changes the article row and its `article_search` row in one batch, so
 * search never finds an article that is gone or misses one that is there.
 */
import { and, asc, eq } from 'drizzle-orm';
import { articles } from '../db/schema/help';
import { AppError } from '../http/errors';
import type { Services } from '../services';
import type { ArticleInput } from './article-input';
import { indexArticleStatements, removeArticleStatement } from './search';

export type ArticleRow = typeof articles.$inferSelect;

/** A drizzle query as a D1 statement, so it can share a batch with the raw FTS5 statements. */
function statement(d1: D1Database, query: { toSQL(): { sql: string; params: unknown[] } }): D1PreparedStatement {
  const { sql, params } = query.toSQL();
  return d1.prepare(sql).bind(...params);
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed/.test(`${err.message} ${String(err.cause ?? '')}`);
}

const duplicate = (input: ArticleInput) =>
  new AppError('conflict', `The shop already has an article "${input.slug}" in ${input.locale}.`);

export async function listArticles(s: Services, shopId: string): Promise<ArticleRow[]> {
  return s
    .db(shopId)
    .select()
    .from(articles)
    .where(eq(articles.shopId, shopId))
    .orderBy(asc(articles.slug), asc(articles.locale))
    .all();
}

export async function findArticle(s: Services, shopId: string, id: string): Promise<ArticleRow | undefined> {
  return s
    .db(shopId)
    .select()
    .from(articles)
    .where(and(eq(articles.shopId, shopId), eq(articles.id, id)))
    .get();
}

function rowFor(shopId: string, id: string, input: ArticleInput, createdAt: number, now: number): ArticleRow {
  return {
    id,
    shopId,
    slug: input.slug,
    locale: input.locale,
    title: input.title,
    body: input.body,
    category: input.category ?? null,
    status: input.status,
    reasons: input.reasons ?? [],
    createdAt,
    updatedAt: now,
  };
}

async function writeWithIndex(s: Services, row: ArticleRow, write: D1PreparedStatement, input: ArticleInput) {
  const d1 = s.d1(row.shopId);
  const index = indexArticleStatements(d1, { ...row, articleId: row.id });
  try {
    await d1.batch([write, ...index]);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(input);
    throw err;
  }
}

export async function createArticle(s: Services, shopId: string, input: ArticleInput): Promise<ArticleRow> {
  const now = s.clock.now();
  const row = rowFor(shopId, s.newId('art'), input, now, now);
  await writeWithIndex(s, row, statement(s.d1(shopId), s.db(shopId).insert(articles).values(row)), input);
  return row;
}

/** Replaces the article's fields; undefined when the shop has no article with this id. */
export async function updateArticle(
  s: Services,
  shopId: string,
  id: string,
  input: ArticleInput,
): Promise<ArticleRow | undefined> {
  const existing = await findArticle(s, shopId, id);
  if (!existing) return undefined;
  const row = rowFor(shopId, id, input, existing.createdAt, s.clock.now());
  const { id: _id, shopId: _shop, createdAt: _created, ...changes } = row;
  const update = s
    .db(shopId)
    .update(articles)
    .set(changes)
    .where(and(eq(articles.shopId, shopId), eq(articles.id, id)));
  await writeWithIndex(s, row, statement(s.d1(shopId), update), input);
  return row;
}

/** Removes the article and its search row; false when the shop has no article with this id. */
export async function deleteArticle(s: Services, shopId: string, id: string): Promise<boolean> {
  const d1 = s.d1(shopId);
  const remove = s
    .db(shopId)
    .delete(articles)
    .where(and(eq(articles.shopId, shopId), eq(articles.id, id)));
  const [deleted] = await d1.batch([statement(d1, remove), removeArticleStatement(d1, shopId, id)]);
  return (deleted?.meta.changes ?? 0) > 0;
}
