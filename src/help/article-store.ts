/**
 * Articles in D1. Every write changes the article row and its `article_search` row in one batch, so
 * search never finds an article that is gone or misses one that is there.
 */
import { and, asc, eq } from 'drizzle-orm';
import { articles } from '../db/schema/help';
import { AppError } from '../http/errors';
import { changedFields } from '../db/changed-fields';
import { asStatement, changeWithEvent, type ShopEvent } from '../db/shop-event-rows';
import type { Services } from '../services';
import type { ArticleInput } from './article-input';
import { indexArticleStatements, removeArticleStatement } from './search';

export type ArticleRow = typeof articles.$inferSelect;

const statement = asStatement;
const named = (row: Pick<ArticleRow, 'id' | 'slug' | 'locale' | 'title'>) => ({
  articleId: row.id,
  slug: row.slug,
  locale: row.locale,
  title: row.title,
});

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed/.test(`${err.message} ${String(err.cause ?? '')}`);
}

const duplicate = (input: { slug: string; locale: string }) =>
  new AppError('conflict', `The shop already has an article "${input.slug}" in ${input.locale}.`, {
    why: { code: 'article_slug_taken', vars: { slug: input.slug, language: input.locale } },
  });

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

/** The article's write, its ArticleSaved event and its search row, in one batch. */
async function writeWithIndex(s: Services, row: ArticleRow, write: D1PreparedStatement, event: ShopEvent) {
  const d1 = s.d1(row.shopId);
  const index = indexArticleStatements(d1, { ...row, articleId: row.id });
  try {
    await changeWithEvent(s, d1, write, event, index);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(row);
    throw err;
  }
}

const articleFields = (a: ArticleRow) => {
  const { id: _i, shopId: _s, createdAt: _c, updatedAt: _u, ...fields } = a;
  return fields;
};

export async function createArticle(
  s: Services,
  shopId: string,
  input: ArticleInput,
  actor: string,
): Promise<ArticleRow> {
  const now = s.clock.now();
  const row = rowFor(shopId, s.newId('art'), input, now, now);
  const event = { shopId, type: 'ArticleSaved' as const, actor, data: named(row) };
  await writeWithIndex(s, row, statement(s.d1(shopId), s.db(shopId).insert(articles).values(row)), event);
  return row;
}

/** Replaces the article's fields; undefined when the shop has no article with this id. */
export async function updateArticle(
  s: Services,
  shopId: string,
  id: string,
  input: ArticleInput,
  actor: string,
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
  const data = { ...named(row), ...changedFields(articleFields(existing), articleFields(row)) };
  await writeWithIndex(s, row, statement(s.d1(shopId), update), { shopId, type: 'ArticleSaved', actor, data });
  return row;
}

/** Removes the article and its search row, with its event; false when the shop has no article with this id. */
export async function deleteArticle(s: Services, shopId: string, id: string, actor: string): Promise<boolean> {
  const existing = await findArticle(s, shopId, id);
  if (!existing) return false;
  const d1 = s.d1(shopId);
  const remove = s
    .db(shopId)
    .delete(articles)
    .where(and(eq(articles.shopId, shopId), eq(articles.id, id)));
  const event = { shopId, type: 'ArticleDeleted' as const, actor, data: named(existing) };
  const changed = await changeWithEvent(s, d1, statement(d1, remove), event, [removeArticleStatement(d1, shopId, id)]);
  return changed > 0;
}
