/**
 * The deflection step on the shopper page, for both mounts: before a contact message is sent
 * (`POST <prefix>/contact`) and before a return for reasons with linked articles is reviewed
 * (`GET/POST <prefix>/answers`), the matching answers come first; what the shopper does next is
 * recorded through src/help/deflections.ts (idempotent; `continued` is final).
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
import { readDraft } from './draft';
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

/** Where a chosen return goes next: the answers step when an article fits its reasons, else the review. */
export async function afterChoosing(c: PortalContext, request: ReturnRequest, draft: string): Promise<string> {
  const { answers } = await answersForReturn(c, request);
  return `/${answers.length > 0 ? 'answers' : 'review'}?d=${encodeURIComponent(draft)}`;
}

/** The session's draft when it is readable and names lines of the session's own order, else null. */
async function draftOfOrder(c: PortalContext, sess: ShopperSession, draft: string): Promise<ReturnRequest | null> {
  const s = c.get('services');
  const request = await readDraft(s.settings.APP_SECRET, sess.claims.sessionId, draft);
  if (!request) return null;
  const so = await loadShopperOrder(s, c.get('shop'), sess.claims.orderId);
  const lines = new Set(so?.lines.map((l) => l.id) ?? []);
  return request.items.every((i) => lines.has(i.lineItemId)) ? request : null;
}

/** `GET <prefix>/answers?d=`: the step between choosing and reviewing a return; straight on when no article fits. */
async function returnAnswers(c: PortalContext) {
  const sess = await session(c);
  if (!sess) return redirect(c, '?expired=1');
  const draft = c.req.query('d') ?? '';
  const request = await draftOfOrder(c, sess, draft);
  if (!request) return redirect(c, '/order', sess.token);
  const { answers, reason } = await answersForReturn(c, request);
  const review = `/review?d=${encodeURIComponent(draft)}`;
  if (answers.length === 0) return redirect(c, review, sess.token);
  const visit = await visitIdFor(draft);
  await recordShown(c, visit, 'return', answers, reason);
  const ctx = await viewContext(c, sess.claims.sessionId, sess.token);
  return c.html(
    <AnswersFirstPage
      ctx={ctx}
      channel="return"
      answers={answers}
      visit={visit}
      action="/answers"
      carry={{ d: draft }}
    />,
  );
}

/** `POST <prefix>/answers`: "This answered my question" ends here; "I still want to send it" goes on to the review. */
async function returnAnswered(c: PortalContext) {
  const form = await readForm(c);
  const sess = await session(c, form);
  if (!sess) return redirect(c, '?expired=1');
  await checkCsrf(c, form, sess.claims.sessionId);
  const draft = typeof form.d === 'string' ? form.d : '';
  const s = c.get('services');
  const outcome = outcomeOf(form.outcome);
  if (!outcome || !(await draftOfOrder(c, sess, draft))) return redirect(c, '/order', sess.token);
  // The visit is the draft's own, whatever the form says: one question per draft.
  const visit = await visitIdFor(draft);
  const locale = c.get('f').locale;
  await recordDeflectionOutcome(s, c.get('shop').id, { visit, outcome, channel: 'return', locale });
  if (outcome === 'answered') return redirect(c, '/order?answered=1', sess.token);
  return redirect(c, `/review?d=${encodeURIComponent(draft)}&v=${visit}`, sess.token);
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
  app.get(`${prefix}/answers`, returnAnswers);
  app.post(`${prefix}/answers`, formLimit, returnAnswered);
  app.post(`${prefix}/contact`, formLimit, contact);
}
