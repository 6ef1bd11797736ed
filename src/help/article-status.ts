import { articleStatuses } from '../db/schema/help';

export { articleStatuses };
export type ArticleStatus = (typeof articleStatuses)[number];
export const PUBLISHED: ArticleStatus = 'published';
