/** What the admin API takes for an article (CONTRACT.md "Help center"), checked at the boundary. */
import * as z from 'zod';
import { locales } from '../i18n';
import { articleStatuses } from './article-status';

/** Characters of Markdown per article: Liquid's own parse limit, and ample for any help text. */
export const MAX_ARTICLE_BODY_CHARS = 100_000;
export const MAX_ARTICLE_TITLE_CHARS = 200;

export const articleInputSchema = z.strictObject({
  slug: z
    .string()
    .min(1)
    .max(80)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens'),
  locale: z.enum(locales),
  title: z.string().trim().min(1).max(MAX_ARTICLE_TITLE_CHARS),
  body: z.string().max(MAX_ARTICLE_BODY_CHARS),
  category: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,39}$/, 'lower-case letters, digits and hyphens')
    .nullable()
    .optional(),
  status: z.enum(articleStatuses),
  reasons: z
    .array(z.string().regex(/^[a-z0-9_]{1,40}$/))
    .max(20)
    .optional(),
});

export type ArticleInput = z.infer<typeof articleInputSchema>;
