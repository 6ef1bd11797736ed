/**
 * The deflection step on the shopper page, for both mounts: before a contact message is sent
 * (`POST <prefix>/contact`) and before a return for reasons with linked articles is reviewed
 * (served by `GET <prefix>/review`, answered at `POST <prefix>/review/answers`), the matching answers
 * come first; what the shopper does next is recorded through src/help/deflections.ts (idempotent;
 * `continued` is final).
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { openContactInquiry } from '../conversations/contact';
import { MAX_SHOPPER_MESSAGE_LENGTH } from '../conversations/shopper-message';
import { shopPolicy } from '../db/shops';
import { articlesForReasons, answersForMessage } from '../help/help-center';
import { findDeflection, markContinued, recordDeflectionOutcome, recordDeflectionShown } from '../help/deflections';
import { newVisitId, readVisitId, recordHelpEvent, visitIdFor } from '../help/help-events';
import { readForm } from '../http/form-body';
import { AnswersFirstPage, type Answer } from '../views/portal/answers-first-page';
import type { PortalContext, PortalEnv } from './context';
import type { DraftRead } from './draft';
import { clearDraftCookie, readDraftCookie } from './draft-cookie';
import { draftRefusedPage, readDraftFor } from './draft-pages';
import { checkCsrf, redirect, session, viewContext } from './page-session';
import type { ReturnRequest } from './return-request';
import { loadShopperOrder } from './shopper-order';

type ShopperSession = NonNullable<Awaited<ReturnType<typeof session>>>;
type Outcome = 'answered' | 'continued' | null;
const outcomeOf = (value: unknown): Outcome => (value === 'answered' || value === 'continued' ? value : null);

async function recordShown(
  c: PortalContext,
  visit: string,
  channel: 'contact' | 'return',
  answers: Answer[],
  reason: string | null,
) {
  const s = c.get('services');
  const shopId = c.get('shop').id;
  const locale = c.get('f').locale;
  await recordDeflectionShown(s, shopId, { visit, channel, locale, reason, articles: answers.length });
  for (const a of answers) await recordHelpEvent(s, shopId, { visit, kind: 'suggested', slug: a.slug, locale, reason });
}

/** The published articles linked to the request's reasons, in the shopper's language. */
async function answersForReturn(
  c: PortalContext,
  request: ReturnRequest,
): Promise<{ answers: Answer[]; reason: string }> {
  const reasons = [...new Set(request.items.map((i) => i.reason))];
  const found = await articlesForReasons(c.get('services'), c.get('shop').id, c.get('f').locale, reasons);
  return { answers: found.map((a) => ({ slug: a.slug, title: a.title })), reason: reasons.join(',').slice(0, 200) };
}

/**
 * The session's draft (the cookie on `/portal/<shop>`, the form's `d` behind the proxy) when it is
 * readable and names lines of the session's own order.
 */
async function draftOfOrder(c: PortalContext, sess: ShopperSession, draft: unknown): Promise<DraftRead> {
  const read = await readDraftFor(c, sess.claims, draft);
  if (!read.ok) return read;
  const so = await loadShopperOrder(c.get('services'), c.get('shop'), sess.claims.orderId);
  const lines = new Set(so?.lines.map((l) => l.id) ?? []);
  return read.request.items.every((i) => lines.has(i.lineItemId)) ? read : { ok: false, reason: 'invalid' };
}

export type AnswersBeforeReview = { page: Response; visit?: never } | { page?: never; visit: string | null };

/**
 * `GET <prefix>/review` asks this first: while articles fit the draft's reasons and its question has
 * not gone on, the answers step is the page (its buttons post to `<prefix>/review/answers`, inside
 * the draft cookie's path, so the draft never enters a URL on `/portal`). Once it went on, the review
 * shows, carrying the question's visit.
 */
export async function answersBeforeReview(
  c: PortalContext,
  sess: ShopperSession,
  request: ReturnRequest,
  draft: string,
): Promise<AnswersBeforeReview> {
  const visit = await visitIdFor(draft);
  const question = await findDeflection(c.get('services'), c.get('shop').id, visit);
  if (question?.outcome === 'continued') return { visit };
  const { answers, reason } = await answersForReturn(c, request);
  if (answers.length === 0) return { visit: null };
  await recordShown(c, visit, 'return', answers, reason);
  const ctx = await viewContext(c, sess.claims.sessionId, sess.token);
  const page = await c.html(
    <AnswersFirstPage
      ctx={ctx}
      channel="return"
      answers={answers}
      visit={visit}
      action="/review/answers"
      carry={c.get('proxied') ? { d: draft } : {}}
    />,
  );
  return { page };
}

/** `POST <prefix>/review/answers`: "This answered my question" ends here; "I still want to send it" goes on to the review. */
async function returnAnswered(c: PortalContext) {
  const form = await readForm(c);
  const sess = await session(c, form);
  if (!sess) return redirect(c, '?expired=1');
  await checkCsrf(c, form, sess.claims.sessionId);
  const proxied = c.get('proxied');
  const draft = proxied ? form.d : readDraftCookie(c);
  const outcome = outcomeOf(form.outcome);
  const read = await draftOfOrder(c, sess, draft);
  if (!read.ok && read.reason !== 'missing') return draftRefusedPage(c, sess, read.reason);
  if (!outcome || !read.ok || typeof draft !== 'string') return redirect(c, '/order', sess.token);
  // The visit is the draft's own, whatever the form says: one question per draft.
  const visit = await visitIdFor(draft);
  const locale = c.get('f').locale;
  await recordDeflectionOutcome(c.get('services'), c.get('shop').id, { visit, outcome, channel: 'return', locale });
  if (outcome === 'continued')
    return redirect(c, proxied ? `/review?d=${encodeURIComponent(draft)}` : '/review', sess.token);
  // Nothing to send: the chosen return is not kept.
  if (!proxied) clearDraftCookie(c);
  return redirect(c, '/order?answered=1', sess.token);
}

/** A return opened from a draft that was shown answers first: that question went on, to this case. */
export async function recordReturnOpened(c: PortalContext, draft: string, caseId: string): Promise<void> {
  await markContinued(c.get('services'), c.get('shop').id, await visitIdFor(draft), caseId);
}

async function sendMessage(c: PortalContext, orderId: string, body: string, visit: string | null) {
  const s = c.get('services');
  const shop = c.get('shop');
  const earlier = visit ? await findDeflection(s, shop.id, visit) : undefined;
  if (earlier?.caseId) return earlier.caseId;
  const { caseId } = await openContactInquiry(s, { shop, orderId, subject: null, body });
  if (visit) await markContinued(s, shop.id, visit, caseId);
  return caseId;
}

/**
 * `POST <prefix>/contact`: the first post shows the answers that match the message (when any do);
 * the step's buttons post again with `outcome`. Going on opens the inquiry once per question.
 */
async function contact(c: PortalContext) {
  const form = await readForm(c);
  const sess = await session(c, form);
  if (!sess) return redirect(c, '?expired=1');
  await checkCsrf(c, form, sess.claims.sessionId);
  const body = typeof form.body === 'string' ? form.body.trim() : '';
  if (body === '' || body.length > MAX_SHOPPER_MESSAGE_LENGTH) return redirect(c, '/order', sess.token);
  const s = c.get('services');
  const shop = c.get('shop');
  const outcome = outcomeOf(form.outcome);
  const visit = readVisitId(form.v);
  if (!outcome) {
    const helpShop = { id: shop.id, currency: shop.currency, policy: shopPolicy(shop) };
    const hits = await answersForMessage(s, helpShop, c.get('f').locale, body);
    if (hits.length > 0) {
      const answers = hits.map((h) => ({ slug: h.slug, title: h.title, excerpt: h.excerpt }));
      const fresh = newVisitId();
      await recordShown(c, fresh, 'contact', answers, null);
      const ctx = await viewContext(c, sess.claims.sessionId, sess.token);
      return c.html(
        <AnswersFirstPage
          ctx={ctx}
          channel="contact"
          answers={answers}
          visit={fresh}
          action="/contact"
          carry={{ body }}
        />,
      );
    }
  }
  if (outcome === 'answered' && visit) {
    const locale = c.get('f').locale;
    await recordDeflectionOutcome(s, shop.id, { visit, outcome, channel: 'contact', locale });
    return redirect(c, '/order?answered=1', sess.token);
  }
  const caseId = await sendMessage(c, sess.claims.orderId, body, visit);
  return redirect(c, `/returns/${caseId}?sent=1`, sess.token);
}

/** `formLimit`: the small-form body limit of the other portal forms. */
export function registerDeflectionSteps(app: Hono<PortalEnv>, prefix: string, formLimit: MiddlewareHandler): void {
  app.post(`${prefix}/review/answers`, formLimit, returnAnswered);
  app.post(`${prefix}/contact`, formLimit, contact);
}
