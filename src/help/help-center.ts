/**
 * What shoppers read: published articles only, in their language, with the shop's policy filled in.
 * The help pages, the Shopper API and the suggestions before a return all come through here.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Policy } from '../cases/policy-schema';
import { articles } from '../db/schema/help';
import type { Locale } from '../i18n';
import type { Services } from '../services';
import { renderArticleMarkdown } from './article-body';
import { PUBLISHED } from './article-status';
import type { ArticleRow } from './article-store';
import { renderArticle } from './markdown';
import { policyVariables } from './policy-variables';
import { type ArticleHit, searchArticles } from './search';

/** The shop as the help center needs it. */
export interface HelpShop {
  id: string;
  currency: string;
  policy: Policy;
}

/** Results per search: a page of answers, not an archive. */
export const HELP_SEARCH_LIMIT = 10;

export function articleMarkdown(shop: HelpShop, locale: Locale): (body: string) => string {
  const variables = policyVariables(shop.policy, { locale, currency: shop.currency });
  return (body) => renderArticleMarkdown(body, variables);
}

/** The article as sanitized HTML, the policy filled in. */
export function articleHtml(shop: HelpShop, article: Pick<ArticleRow, 'body' | 'locale'>, locale: Locale): string {
  return renderArticle(articleMarkdown(shop, locale)(article.body));
}

export async function searchHelpCenter(
  s: Services,
  shop: HelpShop,
  locale: Locale,
  query: string,
): Promise<ArticleHit[]> {
  return searchArticles(s.d1(shop.id), {
    shopId: shop.id,
    locale,
    query,
    limit: HELP_SEARCH_LIMIT,
    render: articleMarkdown(shop, locale),
  });
}

/** Answers for a message the shopper typed (the contact form), before it is sent: at most `limit`. */
export async function answersForMessage(
  s: Services,
  shop: HelpShop,
  locale: Locale,
  message: string,
  limit = 3,
): Promise<ArticleHit[]> {
  return searchArticles(s.d1(shop.id), {
    shopId: shop.id,
    locale,
    query: message,
    limit,
    anyWord: true,
    render: articleMarkdown(shop, locale),
  });
}

const published = (shopId: string) => and(eq(articles.shopId, shopId), eq(articles.status, PUBLISHED));

/** Every published article in `locale`, by category then title: the help center's topics. */
export async function publishedArticles(s: Services, shopId: string, locale: Locale): Promise<ArticleRow[]> {
  return s
    .db(shopId)
    .select()
    .from(articles)
    .where(and(published(shopId), eq(articles.locale, locale)))
    .orderBy(asc(articles.category), asc(articles.title))
    .all();
}

/** The published article under `slug` in the shopper's language, else in English, else in any. */
export async function publishedArticle(
  s: Services,
  shopId: string,
  slug: string,
  locale: Locale,
): Promise<ArticleRow | undefined> {
  const translations = await s
    .db(shopId)
    .select()
    .from(articles)
    .where(and(published(shopId), eq(articles.slug, slug)))
    .all();
  return (
    translations.find((a) => a.locale === locale) ?? translations.find((a) => a.locale === 'en') ?? translations[0]
  );
}

/** Published articles in `locale` linked to any of the return reasons, at most `limit`. */
export async function articlesForReasons(
  s: Services,
  shopId: string,
  locale: Locale,
  reasons: string[],
  limit = 3,
): Promise<ArticleRow[]> {
  if (reasons.length === 0) return [];
  const linked = sql`EXISTS (SELECT 1 FROM json_each(${articles.reasons}) WHERE json_each.value IN ${reasons})`;
  return s
    .db(shopId)
    .select()
    .from(articles)
    .where(and(published(shopId), eq(articles.locale, locale), linked))
    .orderBy(asc(articles.title))
    .limit(limit)
    .all();
}
