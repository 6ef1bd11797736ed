/**
 * The knowledge base from the case page: the agent searches the shop's published articles in the
 * case's language (a GET form, no JS) and picks one to insert into the question or note box: its
 * title and the help-center link the customer can open.
 */
import { type HelpShop, searchHelpCenter } from '../help/help-center';
import { closestLocale } from '../i18n';
import type { Services } from '../services';

export interface KnowledgeHit {
  slug: string;
  title: string;
  /** HTML: matches in `<mark>`, the rest escaped. */
  excerpt: string;
  /** The article on the shop's help center, in the case's language. */
  url: string;
}

export interface CaseKnowledge {
  query: string;
  hits: KnowledgeHit[];
  /** Text for the reply/note box: the chosen article's title and link. */
  insert: string | null;
}

export async function caseKnowledge(
  s: Services,
  shop: HelpShop & { domain: string },
  caseLocale: string,
  query: string,
  use: string | undefined,
): Promise<CaseKnowledge> {
  const locale = closestLocale(caseLocale);
  const trimmed = query.trim().slice(0, 200);
  const found = trimmed ? await searchHelpCenter(s, shop, locale, trimmed) : [];
  const base = `${s.settings.PUBLIC_URL ?? ''}/portal/${shop.domain}/help`;
  const hits = found.map((h) => ({
    slug: h.slug,
    title: h.title,
    excerpt: h.excerpt,
    url: `${base}/${h.slug}?lang=${encodeURIComponent(locale)}`,
  }));
  const chosen = hits.find((h) => h.slug === use);
  return { query: trimmed, hits, insert: chosen ? `${chosen.title}: ${chosen.url}` : null };
}
