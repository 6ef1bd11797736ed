/**
 * The help articles a new shop starts with, in every language we ship: parsed from
 * `templates/articles/*.md.liquid` and rendered with the shop's policy, so the window, the fees and
 * the bonus they quote are the shop's own. The shop then owns and edits its copies.
 */
import { Liquid } from 'liquidjs';
import * as z from 'zod';
import type { Policy } from '../cases/policy-schema';
import { type Locale, locales } from '../i18n';
import { parseFrontMatter } from './front-matter';
import { type PolicyVariables, policyVariables } from './policy-variables';
import { starterArticleFiles } from './starter-article-files';

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

export interface StarterArticle {
  slug: StarterArticleSlug;
  locale: Locale;
  title: string;
  category: string;
  /** Return reason codes the article answers (shown before a return with that reason). */
  reasons: string[];
  /** Markdown. */
  body: string;
}

// Strict like the notification templates: a misspelt variable is an error, never a blank in the text.
const engine = new Liquid({ strictVariables: true, strictFilters: true, ownPropertyOnly: true });

/** One starter file, its front matter checked and its slug and locale agreeing with its name. */
export function starterArticleSource(slug: string, locale: Locale): StarterArticleSource {
  const file = starterArticleFiles[`${slug}.${locale}`];
  if (file === undefined) throw new Error(`no starter article ${slug}.${locale}`);
  const { data, body } = parseFrontMatter(file);
  const meta = frontMatterSchema.parse(data);
  if (meta.slug !== slug) throw new Error(`starter article ${slug}.${locale} says slug ${meta.slug}`);
  return { ...meta, locale, template: body };
}

function tidyMarkdown(markdown: string): string {
  return `${markdown
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

export function renderStarterArticle(source: StarterArticleSource, policy: PolicyVariables): StarterArticle {
  const scope = { policy };
  return {
    slug: source.slug,
    locale: source.locale,
    title: engine.parseAndRenderSync(source.title, scope).trim(),
    category: source.category,
    reasons: [...source.reasons],
    body: tidyMarkdown(engine.parseAndRenderSync(source.template, scope)),
  };
}

/** Every starter article in every language, rendered with `policy` (fixed fees in `currency`). */
export function starterArticles(policy: Policy, currency: string): StarterArticle[] {
  return starterArticleSlugs.flatMap((slug) =>
    locales.map((locale) =>
      renderStarterArticle(starterArticleSource(slug, locale), policyVariables(policy, { locale, currency })),
    ),
  );
}
