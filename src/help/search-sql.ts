/**
 * The help-center search index in D1: an FTS5 table that keeps its own copy of each article's title
 * and plain text, written through `indexText` (CJK one character per token, see search-text.ts).
 * Shop, article and locale ride along UNINDEXED: filters and the join back, never searched words.
 * @see https://www.sqlite.org/fts5.html#the_unindexed_column_option
 * @see https://developers.cloudflare.com/d1/sql-api/sql-statements/#compatible-pragma-statements
 */
import { PUBLISHED } from './article-status';

export const ARTICLE_SEARCH_TABLE = 'article_search';
/** Folds case and every Latin diacritic (`ü` = `u`, also in letters unicode61 1 misses). */
export const ARTICLE_SEARCH_TOKENIZER = 'unicode61 remove_diacritics 2';
/** bm25 weight of a hit in the title against one in the body: a title that says it is the answer. */
export const TITLE_WEIGHT = 5;
export const BODY_WEIGHT = 1;

/** For the migration that creates the table (a migration runs once: no IF NOT EXISTS). */
export const createArticleSearchTableSql = `CREATE VIRTUAL TABLE ${ARTICLE_SEARCH_TABLE} USING fts5(
  shop_id UNINDEXED, article_id UNINDEXED, locale UNINDEXED, title, body,
  tokenize = '${ARTICLE_SEARCH_TOKENIZER}'
)`;

/** Binds: ?1 shop, ?2 article, ?3 locale, ?4 indexed title, ?5 indexed body. */
export const insertArticleSearchSql = `INSERT INTO ${ARTICLE_SEARCH_TABLE} (shop_id, article_id, locale, title, body)
VALUES (?1, ?2, ?3, ?4, ?5)`;

/** Binds: ?1 shop, ?2 article. UNINDEXED columns are not indexed: this reads the table's rows (fine at 10^4). */
export const deleteArticleSearchSql = `DELETE FROM ${ARTICLE_SEARCH_TABLE} WHERE shop_id = ?1 AND article_id = ?2`;

/**
 * Published articles of one shop in one language matching an FTS5 expression, best first (bm25 is
 * lower for better hits). The weights list every column in order, the UNINDEXED ones as 0.
 * Binds: ?1 MATCH expression (`toMatchQuery`), ?2 shop, ?3 locale, ?4 limit.
 * The shop is checked on both tables: a row indexed under the wrong shop still shows nothing.
 */
export const searchArticlesSql = `SELECT articles.id AS id, articles.slug AS slug, articles.title AS title,
  articles.body AS body, bm25(${ARTICLE_SEARCH_TABLE}, 0, 0, 0, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) AS score
FROM ${ARTICLE_SEARCH_TABLE}
JOIN articles ON articles.id = ${ARTICLE_SEARCH_TABLE}.article_id
WHERE ${ARTICLE_SEARCH_TABLE} MATCH ?1
  AND ${ARTICLE_SEARCH_TABLE}.shop_id = ?2 AND ${ARTICLE_SEARCH_TABLE}.locale = ?3
  AND articles.shop_id = ?2 AND articles.status = '${PUBLISHED}'
ORDER BY score
LIMIT ?4`;

/**
 * For seeding (starter set, demo shop): indexes the article with this id unless its row is already
 * there, and only if the article itself was written (its INSERT OR IGNORE may have met an older row).
 * Positional binds (the dev seed inlines them in order): shop, article, locale, title, body, article,
 * shop, shop, article.
 */
export const insertArticleSearchIfMissingSql = `INSERT INTO ${ARTICLE_SEARCH_TABLE} (shop_id, article_id, locale, title, body)
SELECT ?, ?, ?, ?, ?
WHERE EXISTS (SELECT 1 FROM articles WHERE id = ? AND shop_id = ?)
  AND NOT EXISTS (SELECT 1 FROM ${ARTICLE_SEARCH_TABLE} WHERE shop_id = ? AND article_id = ?)`;
