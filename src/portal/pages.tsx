/**
 * The shopper page (`/portal/:shop/*`, and `/apps/returns/*` behind the Shopify app proxy): plain
 * forms and POST/Redirect/GET, working with JavaScript off. Every step uses the same services as
 * the JSON API; this file only maps forms to them and renders.
 */
import { Hono } from 'hono';
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
import { draftRequestKey, readDraft, signDraft } from './draft';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_REQUEST, readPhoto } from './photos';
import { parseChoiceForm } from './choice-form';
import { LOOKUP_NOT_FOUND, lookupOrder } from './lookup';
import { clientAddress } from './rate-limit';
import { pickupDays } from './return-request';
import { loadShopperCase } from './shopper-case';
import { loadShopperOrder } from './shopper-order';
import { checkReturnRequest } from './submit';
import { openShopperReturn } from './open';
import { optionsFor } from './api';
import { SHOPPER_TOKEN_TTL_MS } from './token';
import { OrderPage } from '../views/portal/order-page';
import { ReviewPage } from '../views/portal/review-page';
import { StartPage } from '../views/portal/start-page';
import { StatusPage } from '../views/portal/status-page';
import { portalPageError } from './page-errors';

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

export function registerPortalPages(prefix: string) {
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
      const { token } = await lookupOrder(
        c.get('services'),
        c.get('shop'),
        clientAddress(c.req.raw.headers, c.get('proxied')),
        order,
        email,
      );
      if (!c.get('proxied')) setCookie(c, SESSION_COOKIE, token, cookieOptions(c, SHOPPER_TOKEN_TTL_MS / 1000));
      return redirect(c, '/order', token);
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

  portalPages.get(`${prefix}/order`, async (c) => {
    const sess = await session(c);
    if (!sess) return redirect(c, '?expired=1');
    const so = await loadShopperOrder(c.get('services'), c.get('shop'), sess.claims.orderId);
    if (!so) return redirect(c, '?expired=1');
    const ctx = await viewContext(c, sess.claims.sessionId, sess.token);
    const days = pickupDays(c.get('services').clock.now(), so.shop.timezone);
    return c.html(
      <OrderPage ctx={ctx} so={so} options={await optionsFor(c, so)} days={days} values={{}} errors={{}} />,
    );
  });

  portalPages.post(`${prefix}/order`, formLimit(CHOICE_FORM_BYTES), async (c) => {
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
        />,
        422,
      );
    }
    const draft = await signDraft(s.settings.APP_SECRET, sess.claims.sessionId, parsed.request);
    return redirect(c, `/review?d=${encodeURIComponent(draft)}`, sess.token);
  });

  portalPages.get(`${prefix}/review`, async (c) => {
    const sess = await session(c);
    if (!sess) return redirect(c, '?expired=1');
    const s = c.get('services');
    const draft = c.req.query('d');
    const request = await readDraft(s.settings.APP_SECRET, sess.claims.sessionId, draft);
    const so = await loadShopperOrder(s, c.get('shop'), sess.claims.orderId);
    if (!request || !so || !draft) return redirect(c, '/order', sess.token);
    let checked;
    try {
      checked = await checkReturnRequest(s, so, request, c.get('f'));
    } catch (err) {
      if (err instanceof AppError && err.code === 'unprocessable') return redirect(c, '/order', sess.token);
      throw err;
    }
    const ctx = await viewContext(c, sess.claims.sessionId, sess.token);
    const titles = new Map([...checked.exchanges.values()].map((v) => [v.variantId, v.title]));
    return c.html(
      <ReviewPage ctx={ctx} so={so} request={request} preview={checked.preview} variantTitles={titles} draft={draft} />,
    );
  });

  portalPages.post(`${prefix}/submit`, formLimit(SMALL_FORM_BYTES), async (c) => {
    const form = await readForm(c);
    const sess = await session(c, form);
    if (!sess) return redirect(c, '?expired=1');
    await checkCsrf(c, form, sess.claims.sessionId);
    const s = c.get('services');
    const request = await readDraft(s.settings.APP_SECRET, sess.claims.sessionId, form.d as string | undefined);
    const so = await loadShopperOrder(s, c.get('shop'), sess.claims.orderId);
    if (!request || !so) return redirect(c, '/order', sess.token);
    const { caseId } = await openShopperReturn(s, so, request, {
      claims: sess.claims,
      f: c.get('f'),
      requestKey: draftRequestKey(so.order.id, form.d as string),
    });
    return redirect(c, `/returns/${caseId}?new=1`, sess.token);
  });

  portalPages.get(`${prefix}/returns/:id`, async (c) => {
    const sess = await session(c);
    if (!sess) return redirect(c, '?expired=1');
    const view = await loadShopperCase(c.get('services'), sess.claims.shopId, sess.claims.orderId, c.req.param('id'));
    if (!view) throw new AppError('not_found', 'No such return for this order.');
    const ctx = await viewContext(c, sess.claims.sessionId, sess.token);
    return c.html(<StatusPage ctx={ctx} view={view} justOpened={c.req.query('new') === '1'} />);
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
