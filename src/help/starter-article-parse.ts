/**
 * Reading a starter article file (front matter + Liquid Markdown) from a map of files: bundled by
 * starter-article-files.ts inside the Worker, read from disk by scripts/dev.ts for the demo seed.
 */
import * as z from 'zod';
import type { Locale } from '../i18n';
import { parseFrontMatter } from './front-matter';

export const starterArticleSlugs = [
  'return-policy',
  'send-parcel-back',
  'where-is-my-order',
  'damaged-items',
  'exchanges',
  'refunds-timing',
] as const;
export type StarterArticleSlug = (typeof starterArticleSlugs)[number];

const frontMatterSchema = z.object({
  slug: z.enum(starterArticleSlugs),
  title: z.string().min(1),
  category: z.string().regex(/^[a-z][a-z0-9-]*$/),
  reasons: z.array(z.string().regex(/^[a-z0-9_]+$/)),
});

export interface StarterArticleSource extends z.infer<typeof frontMatterSchema> {
  locale: Locale;
  /** Liquid that renders to the article's Markdown. */
  template: string;
}

/** One starter file, its front matter checked and its slug and locale agreeing with its name. */
export function parseStarterArticle(files: Record<string, string>, slug: string, locale: Locale): StarterArticleSource {
  const file = files[`${slug}.${locale}`];
  if (file === undefined) throw new Error(`no starter article ${slug}.${locale}`);
  const { data, body } = parseFrontMatter(file);
  const meta = frontMatterSchema.parse(data);
  if (meta.slug !== slug) throw new Error(`starter article ${slug}.${locale} says slug ${meta.slug}`);
  return { ...meta, locale, template: body };
}
