/** The help center: articles (searched through the `article_search` FTS5 table) and what shoppers did with them. */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, json, updatedAt } from './columns';

/** An article is a draft until published; shoppers only ever see published ones (CONTRACT.md). */
export const articleStatuses = ['draft', 'published'] as const;

/**
 * One translation of a help article: a slug has one row per language. `body` is Markdown that may
 * quote the shop's policy through Liquid (`{{ policy.returnWindowDays }}`): rendered when read, so it
 * is never out of date (src/help/article-body.ts).
 */
export const articles = sqliteTable(
  'articles',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    slug: text('slug').notNull(),
    locale: text('locale').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    category: text('category'),
    status: text('status', { enum: articleStatuses }).notNull().default('draft'),
    /** Return reason codes the article answers: shown before a return for one of them. */
    reasons: json<string[]>('reasons').notNull().default(sql`'[]'`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('articles_shop_slug_locale_uq').on(t.shopId, t.slug, t.locale),
    index('articles_shop_status_idx').on(t.shopId, t.status, t.locale),
  ],
);

export const helpEventKinds = ['viewed', 'helpful', 'not_helpful', 'suggested', 'continued'] as const;

/**
 * What shoppers did with the help center, one row per visit, kind and article (INSERT OR IGNORE:
 * a reload or a second click counts once). A visit is one question: a help-center search and the
 * articles read from it, or the articles suggested before a return and whether the shopper went on
 * to open it (`continued`). Deflection is a visit answered (`helpful`, or suggestions shown) that
 * never `continued`.
 */
export const helpEvents = sqliteTable(
  'help_events',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    /** Random per question, carried in links and forms (no cookies behind the app proxy). */
    visit: text('visit').notNull(),
    kind: text('kind', { enum: helpEventKinds }).notNull(),
    /** The article's slug; '' for events about the visit as a whole (`continued`). */
    slug: text('slug').notNull().default(''),
    locale: text('locale').notNull(),
    /** The return reason suggestions were shown for. */
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('help_events_visit_uq').on(t.shopId, t.visit, t.kind, t.slug),
    index('help_events_shop_created_idx').on(t.shopId, t.createdAt),
  ],
);

/**
 * Saved replies: Liquid text per language (`{{ customer.name }}`, `{{ order.name }}`,
 * `{{ tracking_url }}`, `{{ return_label_url }}`…, src/help/macros.ts) and optional actions run
 * with them (tags to add, close the case).
 */
export const macros = sqliteTable(
  'macros',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    name: text('name').notNull(),
    /** Liquid by language code (`en`, `zh-CN`, `de`); the case's language is used, else English. */
    bodies: json<Record<string, string>>('bodies').notNull(),
    actions: json<{ tags?: string[]; close?: boolean }>('actions').notNull().default(sql`'{}'`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('macros_shop_name_uq').on(t.shopId, t.name)],
);
