/**
 * The shopper page (`/portal/:shop/*`, and `/apps/returns/*` behind the Shopify app proxy): plain
 * forms and POST/Redirect/GET, working with JavaScript off. Every step uses the same services as
 * the JSON API; this file only maps forms to them and renders.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { setCookie } from 'hono/cookie';
import { shopPolicy } from '../db/shops';
import { AppError } from '../http/errors';
import { readForm } from '../http/form-body';
import {
  cookieOptions,
  SESSION_COOKIE,
  shopFromPath,
  shopFromProxy,
  type PortalContext,
  type PortalEnv,
} from './context';
import { ANON, checkCsrf, redirect, session, viewContext } from './page-session';
import { draftRequestKey, signDraft } from './draft';
import { clearDraftCookie, setDraftCookie } from './draft-cookie';
import { draftCarrier, draftRefusedPage, readDraftFor, reviewDraft } from './draft-pages';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_REQUEST, readPhoto } from './photos';
import { parseChoiceForm } from './choice-form';
import { LOOKUP_NOT_FOUND, lookupOrder } from './lookup';
import { clientAddress } from './rate-limit';
import { pickupDays } from './return-request';
import { loadShopperCase } from './shopper-case';
import { loadShopperOrder } from './shopper-order';
import { orderTracking } from './order-tracking';
import { checkReturnRequest } from './submit';
import { openShopperReturn } from './open';
import { MAX_SHOPPER_MESSAGE_LENGTH, postShopperMessage } from '../conversations/shopper-message';
import { optionsFor } from './api';
import { renewForProxy, SHOPPER_TOKEN_TTL_MS } from './token';
import { OrderPage } from '../views/portal/order-page';
import { ReviewPage } from '../views/portal/review-page';
import { StartPage } from '../views/portal/start-page';
import { StatusPage } from '../views/portal/status-page';
import { portalPageError } from './page-errors';
import { registerHelpPages } from './help-pages';
import { answersBeforeReview, recordReturnOpened, registerDeflectionSteps } from './deflection-step';

export const portalPages = new Hono<PortalEnv>();

async function startPage(
  c: PortalContext,
  status: 200 | 401 | 403 | 404 | 400 | 429,
  values?: { order?: string; email?: string },
  error?: string,
) {
  const ctx = await viewContext(c, ANON, null);
  return c.html(<StartPage ctx={ctx} policy={shopPolicy(c.get('shop'))} values={values ?? {}} error={error} />, status);
}

/**
 * Form bodies past these sizes are refused (413 page) before they are read into memory: a lookup or
 * a submit is a few fields (the draft is at most 16 kB); the choose form carries the photos.
 */
const formLimit = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError('payload_too_large', 'The form is too large to be sent.');
    },
  });
const SMALL_FORM_BYTES = 64 * 1024;
const CHOICE_FORM_BYTES = MAX_PHOTOS_PER_REQUEST * MAX_PHOTO_BYTES + 1024 * 1024;

/**
 * The choose form carries photos (up to ~49 MB): a request without a valid session (the cookie, or
 * `t` in the query behind the proxy) goes back to the start before a byte of it is read. Behind the
 * proxy with the token only in the body, the body is read (within the size limit) to find it.
 */
const sessionBeforeBody: MiddlewareHandler<PortalEnv> = async (c, next) => {
  if (c.get('proxied') && !c.req.query('t')) return next();
  if (!(await session(c))) return redirect(c, '?expired=1');
  return next();
};

export function registerPortalPages(prefix: string) {
  registerHelpPages(portalPages, prefix);
  registerDeflectionSteps(portalPages, prefix, formLimit(SMALL_FORM_BYTES));
  portalPages.get(prefix, async (c) => {
    const expired = c.req.query('expired') === '1';
    return startPage(c, 200, undefined, expired ? c.get('f').t('session.expired') : undefined);
  });

  portalPages.post(`${prefix}/lookup`, formLimit(SMALL_FORM_BYTES), async (c) => {
    const form = await readForm(c);
    const order = typeof form.order === 'string' ? form.order : '';
    const email = typeof form.email === 'string' ? form.email : '';
    const t = c.get('f').t;
    try {
      await checkCsrf(c, form, ANON);
    } catch {
      return startPage(c, 403, { order, email }, t('csrf.failed'));
    }
    if (!order.trim() || !email.trim()) return startPage(c, 400, { order, email }, t('lookup.invalid'));
    try {
      const { token, claims } = await lookupOrder(
        c.get('services'),
        c.get('shop'),
        clientAddress(c.req.raw.headers, c.get('proxied')),
        order,
        email,
      );
      if (!c.get('proxied')) setCookie(c, SESSION_COOKIE, token, cookieOptions(c, SHOPPER_TOKEN_TTL_MS / 1000));
      const s = c.get('services');
      const next = c.get('proxied') ? await renewForProxy(s.settings.APP_SECRET, claims, s.clock.now()) : token;
      return redirect(c, '/order', next);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'rate_limited') {
        c.header('retry-after', err.headers?.['retry-after'] ?? '60');
        return startPage(
          c,
          429,
          { order, email },
          t('lookup.tooMany', { seconds: err.headers?.['retry-after'] ?? '60' }),
        );
      }
      if (err.code === 'not_found' && err.message === LOOKUP_NOT_FOUND)
        return startPage(c, 404, { order, email }, t('lookup.notFound'));
      throw err;
    }
  });

  // "Where is my order?" articles link here: the order page (with its parcels), or the lookup first.
  portalPages.get(`${prefix}/track`, async (c) => {
    const sess = await session(c);
    return sess ? redirect(c, '/order', sess.token) : redirect(c, '');
  });

  portalPages.get(`${prefix}/order`, async (c) => {
    const sess = await session(c);
    if (!sess) return redirect(c, '?expired=1');
    const so = await loadShopperOrder(c.get('services'), c.get('shop'), sess.claims.orderId);
    if (!so) return redirect(c, '?expired=1');
    const ctx = await viewContext(c, sess.claims.sessionId, sess.token);
    const days = pickupDays(c.get('services').clock.now(), so.shop.timezone);
    const parcels = await orderTracking(c.get('services'), so.shop.id, so.order.id);
    return c.html(
      <OrderPage
        ctx={ctx}
        so={so}
        options={await optionsFor(c, so)}
        days={days}
        values={{}}
        errors={{}}
        parcels={parcels}
        answered={c.req.query('answered') === '1'}
      />,
    );
  });

  portalPages.post(`${prefix}/order`, sessionBeforeBody, formLimit(CHOICE_FORM_BYTES), async (c) => {
    const form = await readForm(c, true);
    const sess = await session(c, form);
    if (!sess) return redirect(c, '?expired=1');
    await checkCsrf(c, form, sess.claims.sessionId);
    const s = c.get('services');
    const so = await loadShopperOrder(s, c.get('shop'), sess.claims.orderId);
    if (!so) return redirect(c, '?expired=1');
    const options = await optionsFor(c, so);
    const days = pickupDays(s.clock.now(), so.shop.timezone);
    const parsed = await parseChoiceForm(s, so, form, options, days, c.get('f'));
    if (!parsed.ok) {
      const ctx = await viewContext(c, sess.claims.sessionId, sess.token);
      return c.html(
        <OrderPage
          ctx={ctx}
          so={so}
          options={options}
          days={days}
          values={parsed.values}
          errors={parsed.errors}
          formError={parsed.formError}
          parcels={await orderTracking(s, so.shop.id, so.order.id)}
        />,
        422,
      );
    }
    const draft = await signDraft(s.settings.APP_SECRET, sess.claims, parsed.request, {
      now: s.clock.now(),
      carrier: draftCarrier(c),
    });
    if (c.get('proxied')) return redirect(c, `/review?d=${encodeURIComponent(draft)}`, sess.token);
    setDraftCookie(c, draft);
    return redirect(c, '/review');
  });

  portalPages.get(`${prefix}/review`, async (c) => {
    const sess = await session(c);
    if (!sess) return redirect(c, '?expired=1');
    const s = c.get('services');
    const draft = reviewDraft(c);
    const read = await readDraftFor(c, sess.claims, draft);
    // No draft at all (never chosen, or its cookie ran out): the choose step.
    if (!read.ok)
      return read.reason === 'missing' ? redirect(c, '/order', sess.token) : draftRefusedPage(c, sess, read.reason);
    const so = await loadShopperOrder(s, c.get('shop'), sess.claims.orderId);
    if (!so || !draft) return redirect(c, '/order', sess.token);
    const request = read.request;
    let checked: Awaited<ReturnType<typeof checkReturnRequest>>;
    try {
      checked = await checkReturnRequest(s, so, request, c.get('f'));
    } catch (err) {
      if (err instanceof AppError && err.code === 'unprocessable') return redirect(c, '/order', sess.token);
      throw err;
    }
    // The page holds the draft in its form: not kept by caches or shown again from history.
    c.header('cache-control', 'no-store');
    // The answers linked to the chosen reasons come first, until the shopper goes on (deflection-step.tsx).
    const answers = await answersBeforeReview(c, sess, request, draft);
    if (answers.page) return answers.page;
    const ctx = await viewContext(c, sess.claims.sessionId, sess.token);
    const titles = new Map([...checked.exchanges.values()].map((v) => [v.variantId, v.title]));
    return c.html(
      <ReviewPage
        ctx={ctx}
        so={so}
        request={request}
        preview={checked.preview}
        variantTitles={titles}
        draft={draft}
        visit={answers.visit}
      />,
    );
  });

  portalPages.post(`${prefix}/submit`, formLimit(SMALL_FORM_BYTES), async (c) => {
    const form = await readForm(c);
    const sess = await session(c, form);
    if (!sess) return redirect(c, '?expired=1');
    await checkCsrf(c, form, sess.claims.sessionId);
    const s = c.get('services');
    const read = await readDraftFor(c, sess.claims, form.d);
    if (!read.ok) return draftRefusedPage(c, sess, read.reason === 'expired' ? 'expired' : 'invalid');
    const so = await loadShopperOrder(s, c.get('shop'), sess.claims.orderId);
    if (!so) return redirect(c, '/order', sess.token);
    const { caseId } = await openShopperReturn(s, so, read.request, {
      claims: sess.claims,
      f: c.get('f'),
      requestKey: draftRequestKey(so.order.id, form.d as string),
    });
    await recordReturnOpened(c, form.d as string, caseId);
    if (!c.get('proxied')) clearDraftCookie(c);
    return redirect(c, `/returns/${caseId}?new=1`, sess.token);
  });

  portalPages.get(`${prefix}/returns/:id`, async (c) => {
    const sess = await session(c);
    if (!sess) return redirect(c, '?expired=1');
    const view = await loadShopperCase(c.get('services'), sess.claims.shopId, sess.claims.orderId, c.req.param('id'));
    if (!view) throw new AppError('not_found', 'No such return for this order.');
    const ctx = await viewContext(c, sess.claims.sessionId, sess.token);
    const parcels = await orderTracking(c.get('services'), sess.claims.shopId, sess.claims.orderId);
    return c.html(
      <StatusPage
        ctx={ctx}
        view={view}
        justOpened={c.req.query('new') === '1'}
        sent={c.req.query('sent') === '1'}
        parcels={parcels}
      />,
    );
  });

  // The status page's reply box: a plain form, so it works without JavaScript.
  portalPages.post(`${prefix}/returns/:id/messages`, formLimit(SMALL_FORM_BYTES), async (c) => {
    const form = await readForm(c);
    const sess = await session(c, form);
    if (!sess) return redirect(c, '?expired=1');
    await checkCsrf(c, form, sess.claims.sessionId);
    const caseId = c.req.param('id');
    const body = typeof form.body === 'string' ? form.body : '';
    const { shopId, orderId } = sess.claims;
    await postShopperMessage(c.get('services'), { shopId, orderId, caseId, body });
    return redirect(c, `/returns/${caseId}?sent=1`, sess.token);
  });

  portalPages.get(`${prefix}/photos/:key{.+}`, async (c) => {
    const sess = await session(c);
    if (!sess) throw new AppError('unauthorized', 'Find your order first.');
    const obj = await readPhoto(c.get('services'), sess.claims.shopId, sess.claims.orderId, c.req.param('key'));
    return new Response(obj.body, {
      headers: {
        'content-type': obj.httpMetadata?.contentType ?? 'application/octet-stream',
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  });
}

portalPages.use('/portal/:shop{[a-z0-9][a-z0-9-]*\\.myshopify\\.com}', shopFromPath('/portal'));
portalPages.use('/portal/:shop{[a-z0-9][a-z0-9-]*\\.myshopify\\.com}/*', shopFromPath('/portal'));
portalPages.use('/apps/returns', shopFromProxy());
portalPages.use('/apps/returns/*', shopFromProxy());
registerPortalPages('/portal/:shop{[a-z0-9][a-z0-9-]*\\.myshopify\\.com}');
registerPortalPages('/apps/returns');

/** Refusals on the page render as a page in the shopper's language, with the right status. */
portalPages.onError(portalPageError);
