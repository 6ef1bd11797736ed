/**
 * The shopper's help center: a search box and the topics (`/help`), and one article with
 * "did this answer your question?" (`/help/:slug`). Plain links and forms; no JS needed. Article and
 * excerpt HTML come sanitized from src/help (markdown.ts, excerpt.ts).
 */
import type { MessageKey } from '../../i18n';
import { Notice } from '../layout';
import { HiddenSession, PortalPage, portalHref, type PortalView } from './chrome';

export interface HelpLink {
  slug: string;
  title: string;
  category: string | null;
  /** HTML: matches in `<mark>`, the rest escaped. */
  excerpt?: string;
}

const knownCategories = ['returns', 'refunds', 'orders', 'problems'];

function categoryLabel(ctx: PortalView, category: string | null): string {
  const known = category && knownCategories.includes(category) ? category : 'other';
  return ctx.f.t(`kb.category.${known}` as MessageKey);
}

function byCategory(ctx: PortalView, links: HelpLink[]): Array<[string, HelpLink[]]> {
  const groups = new Map<string, HelpLink[]>();
  for (const link of links) {
    const label = categoryLabel(ctx, link.category);
    groups.set(label, [...(groups.get(label) ?? []), link]);
  }
  return [...groups];
}

const articleHref = (ctx: PortalView, slug: string, visit: string) => portalHref(ctx, `/help/${slug}`, { v: visit });

function SearchForm(props: { ctx: PortalView; query: string; visit: string }) {
  const { ctx } = props;
  return (
    <search>
      <form method="get" action={portalHref(ctx, '/help')} class="row">
        {Object.entries(ctx.carry).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="v" value={props.visit} />
        <label for="q" class="legend">
          {ctx.f.t('kb.search')}
        </label>
        <input id="q" name="q" type="search" maxlength={200} value={props.query} />
        <button type="submit">{ctx.f.t('kb.searchButton')}</button>
      </form>
    </search>
  );
}

function Results(props: { ctx: PortalView; query: string; hits: HelpLink[]; visit: string }) {
  const { ctx, hits } = props;
  const t = ctx.f.t;
  return (
    <section class="card" aria-labelledby="results-h">
      <h2 id="results-h">{t('kb.results', { q: props.query })}</h2>
      {hits.length === 0 ? <p>{t('kb.noResults', { q: props.query })}</p> : null}
      <ol>
        {hits.map((hit) => (
          <li>
            <a href={articleHref(ctx, hit.slug, props.visit)}>{hit.title}</a>
            <p class="muted" dangerouslySetInnerHTML={{ __html: hit.excerpt ?? '' }} />
          </li>
        ))}
      </ol>
    </section>
  );
}

export interface HelpCenterPageProps {
  ctx: PortalView;
  query: string;
  hits: HelpLink[] | null;
  topics: HelpLink[];
  visit: string;
}

export function HelpCenterPage({ ctx, query, hits, topics, visit }: HelpCenterPageProps) {
  const t = ctx.f.t;
  return (
    <PortalPage ctx={ctx} title={t('kb.title')}>
      <h1>{t('kb.title')}</h1>
      <SearchForm ctx={ctx} query={query} visit={visit} />
      {hits ? <Results ctx={ctx} query={query} hits={hits} visit={visit} /> : null}
      <section class="card" aria-labelledby="topics-h">
        <h2 id="topics-h">{t('kb.topics')}</h2>
        {byCategory(ctx, topics).map(([label, links]) => (
          <>
            <h3>{label}</h3>
            <ul>
              {links.map((link) => (
                <li>
                  <a href={articleHref(ctx, link.slug, visit)}>{link.title}</a>
                </li>
              ))}
            </ul>
          </>
        ))}
      </section>
      <p>
        <a href={portalHref(ctx, '')}>{t('kb.stillNeed')}</a>
      </p>
    </PortalPage>
  );
}

export interface ArticlePageProps {
  ctx: PortalView;
  slug: string;
  title: string;
  /** Sanitized article HTML. */
  html: string;
  lang: string;
  visit: string;
  thanks: boolean;
}

function Feedback(props: { ctx: PortalView; slug: string; visit: string }) {
  const { ctx } = props;
  const t = ctx.f.t;
  return (
    <form method="post" action={portalHref(ctx, `/help/${props.slug}/feedback`)} class="card">
      <HiddenSession ctx={ctx} />
      <input type="hidden" name="v" value={props.visit} />
      <fieldset>
        <legend>{t('kb.helpful')}</legend>
        <div class="row">
          <button type="submit" name="answer" value="yes">
            {t('kb.yes')}
          </button>
          <button type="submit" name="answer" value="no" class="secondary">
            {t('kb.no')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

export function ArticlePage({ ctx, slug, title, html, lang, visit, thanks }: ArticlePageProps) {
  const t = ctx.f.t;
  return (
    <PortalPage ctx={ctx} title={title}>
      <p>
        <a href={portalHref(ctx, '/help', { v: visit })}>{t('kb.back')}</a>
      </p>
      <article lang={lang} class="card">
        <h1>{title}</h1>
        <div dangerouslySetInnerHTML={{ __html: html }} />
      </article>
      {thanks ? <Notice>{t('kb.thanks')}</Notice> : <Feedback ctx={ctx} slug={slug} visit={visit} />}
      <p>
        <a href={portalHref(ctx, '')}>{t('kb.stillNeed')}</a>
      </p>
    </PortalPage>
  );
}
