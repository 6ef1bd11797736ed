/** An article is a draft until published; shoppers only ever see published ones (CONTRACT.md). */
export const articleStatuses = ['draft', 'published'] as const;
export type ArticleStatus = (typeof articleStatuses)[number];
export const PUBLISHED: ArticleStatus = 'published';
