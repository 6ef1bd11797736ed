/**
 * The help-center pages (`<prefix>/help`, `<prefix>/help/:slug` and its feedback form), for both
 * mounts of the shopper page (`/portal/:shop` and the app proxy). Reads and records through src/help.
 */
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { shopPolicy } from '../db/shops';
import { articleHtml, type HelpShop, publishedArticle, publishedArticles, searchHelpCenter } from '../help/help-center';
import { recordDeflectionOutcome } from '../help/deflections';
import { newVisitId, readVisitId, recordHelpEvent } from '../help/help-events';
import { AppError } from '../http/errors';
import { readForm } from '../http/form-body';
import { ArticlePage, HelpCenterPage } from '../views/portal/help-pages';
import type { PortalContext, PortalEnv } from './context';
import { ANON, checkCsrf, redirect, viewContext } from './page-session';

const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The feedback form is three short fields. */
const feedbackLimit = bodyLimit({
  maxSize: 16 * 1024,
  onError: () => {
    throw new AppError('payload_too_large', 'The form is too large to be sent.');
  },
});

function helpShop(c: PortalContext): HelpShop {
  const shop = c.get('shop');
  return { id: shop.id, currency: shop.currency, policy: shopPolicy(shop) };
}

async function helpCenter(c: PortalContext) {
  const s = c.get('services');
  const shop = helpShop(c);
  const locale = c.get('f').locale;
  const query = (c.req.query('q') ?? '').slice(0, 200).trim();
  const visit = readVisitId(c.req.query('v')) ?? newVisitId();
  const hits = query ? await searchHelpCenter(s, shop, locale, query) : null;
  const topics = await publishedArticles(s, shop.id, locale);
  const ctx = await viewContext(c, ANON, null);
  const links = hits?.map((h) => ({ slug: h.slug, title: h.title, excerpt: h.excerpt, category: null })) ?? null;
  return c.html(<HelpCenterPage ctx={ctx} query={query} hits={links} topics={topics} visit={visit} />);
}

async function articlePage(c: PortalContext) {
  const s = c.get('services');
  const shop = helpShop(c);
  const slug = c.req.param('slug') ?? '';
  const locale = c.get('f').locale;
  const article = slugPattern.test(slug) ? await publishedArticle(s, shop.id, slug, locale) : undefined;
  if (!article) throw new AppError('not_found', 'No such help article.');
  const visit = readVisitId(c.req.query('v')) ?? newVisitId();
  const thanks = c.req.query('thanks') === '1';
  if (!thanks) await recordHelpEvent(s, shop.id, { visit, kind: 'viewed', slug, locale: article.locale });
  const ctx = await viewContext(c, ANON, null);
  const html = articleHtml(shop, article, locale);
  return c.html(
    <ArticlePage
      ctx={ctx}
      slug={slug}
      title={article.title}
      html={html}
      lang={article.locale}
      visit={visit}
      thanks={thanks}
    />,
  );
}

async function feedback(c: PortalContext) {
  const form = await readForm(c);
  await checkCsrf(c, form, ANON);
  const slug = c.req.param('slug') ?? '';
  const visit = readVisitId(form.v);
  const answer = form.answer === 'yes' ? 'helpful' : form.answer === 'no' ? 'not_helpful' : null;
  if (!slugPattern.test(slug) || !visit || !answer) throw new AppError('bad_request', 'Choose yes or no.');
  const s = c.get('services');
  const article = await publishedArticle(s, c.get('shop').id, slug, c.get('f').locale);
  if (!article) throw new AppError('not_found', 'No such help article.');
  await recordHelpEvent(s, c.get('shop').id, { visit, kind: answer, slug, locale: article.locale });
  // A helpful answer is a question answered without a case (the deflection step's own question, when
  // the article was opened from it; else a help-center question of its own).
  if (answer === 'helpful')
    await recordDeflectionOutcome(s, c.get('shop').id, {
      visit,
      outcome: 'answered',
      channel: 'help',
      locale: article.locale,
    });
  return redirect(c, `/help/${slug}?v=${visit}&thanks=1`);
}

export function registerHelpPages(app: Hono<PortalEnv>, prefix: string): void {
  app.get(`${prefix}/help`, helpCenter);
  app.get(`${prefix}/help/:slug`, articlePage);
  app.post(`${prefix}/help/:slug/feedback`, feedbackLimit, feedback);
}
