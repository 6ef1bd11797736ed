/**
 * The help articles a new shop starts with, in every language we ship: parsed from
 * `templates/articles/*.md.liquid` and rendered with the shop's policy, so the window, the fees and
 * the bonus they quote are the shop's own. The shop then owns and edits its copies.
 */
import { Liquid } from 'liquidjs';
import type { Policy } from '../cases/policy-schema';
import { type Locale, locales } from '../i18n';
import { tidyMarkdown } from './article-body';
import { type PolicyVariables, policyVariables } from './policy-variables';
import { starterArticleFiles } from './starter-article-files';
import {
  parseStarterArticle,
  type StarterArticleSlug,
  type StarterArticleSource,
  starterArticleSlugs,
} from './starter-article-parse';

export { starterArticleSlugs, type StarterArticleSlug, type StarterArticleSource };

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
  return parseStarterArticle(starterArticleFiles, slug, locale);
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
