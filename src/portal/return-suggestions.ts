/**
 * Deflection before a return: the review step (the reasons are chosen, the return is not yet
 * opened) shows the published articles linked to those reasons and records that they were shown;
 * submitting records that the shopper went on. A visit that saw suggestions and never went on is a
 * question answered without a case (src/help/help-events.ts).
 */
import { articlesForReasons } from '../help/help-center';
import { readVisitId, recordHelpEvent, visitIdFor } from '../help/help-events';
import type { SuggestedArticles } from '../views/portal/help-pages';
import type { PortalContext } from './context';
import type { ReturnRequest } from './return-request';

/** The articles for the request's reasons, recorded as suggested once per draft; null when none. */
export async function suggestArticles(
  c: PortalContext,
  request: ReturnRequest,
  draft: string,
): Promise<SuggestedArticles | null> {
  const s = c.get('services');
  const shopId = c.get('shop').id;
  const locale = c.get('f').locale;
  const reasons = [...new Set(request.items.map((i) => i.reason))];
  const found = await articlesForReasons(s, shopId, locale, reasons);
  if (found.length === 0) return null;
  const visit = await visitIdFor(draft);
  const reason = reasons.join(',').slice(0, 200);
  for (const article of found)
    await recordHelpEvent(s, shopId, { visit, kind: 'suggested', slug: article.slug, locale, reason });
  return { visit, articles: found.map((a) => ({ slug: a.slug, title: a.title, category: a.category })) };
}

/** The shopper sent the return after seeing suggestions (the submit form carries the visit). */
export async function recordWentOn(c: PortalContext, form: Record<string, unknown>): Promise<void> {
  const visit = readVisitId(form.v);
  if (!visit) return;
  await recordHelpEvent(c.get('services'), c.get('shop').id, { visit, kind: 'continued', locale: c.get('f').locale });
}
