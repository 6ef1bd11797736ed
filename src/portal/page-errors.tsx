/**
 * Refusals on the shopper page (`/portal/<shop>`, `/apps/returns`) render as a page in the
 * shopper's language with the right status; the JSON API keeps its problem+json answers. Where an
 * error's own message is written for developers (an unreadable or oversized form, a lost session,
 * a bad proxy link, not found, a submit no longer acceptable, our own failure) the catalog words
 * it for the shopper; a refusal already worded for them (the CSRF one, translated where it is
 * thrown) keeps its message.
 */
import type { ErrorHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ShopRow } from '../db/shops';
import { AppError, type ErrorCode } from '../http/errors';
import { formatter, negotiateLocale, type Formatter, type MessageKey } from '../i18n';
import type { PortalView } from '../views/portal/chrome';
import { ErrorPage } from '../views/portal/error-page';
import { LANG_COOKIE, type PortalEnv } from './context';

/** Title and what-to-do per error code (keys in every catalog: src/i18n/index.test.ts checks). */
export const shopperWording: Partial<Record<ErrorCode, readonly [MessageKey, MessageKey]>> = {
  bad_request: ['error.badForm', 'error.badForm.hint'],
  payload_too_large: ['error.tooLarge', 'error.tooLarge.hint'],
  unauthorized: ['error.session', 'error.session.hint'],
  invalid_signature: ['error.badLink', 'error.badLink.hint'],
  not_found: ['error.notFound', 'error.notFound.hint'],
  // A submit whose items stopped being returnable since the review (another return, stock gone).
  unprocessable: ['error.unprocessable', 'error.unprocessable.hint'],
  internal: ['error.server', 'error.server.hint'],
};

export const portalPageError: ErrorHandler<PortalEnv> = (err, c) => {
  const status: ContentfulStatusCode = err instanceof AppError ? err.status : 500;
  if (status >= 500)
    console.error(JSON.stringify({ kind: 'request', outcome: 'error', path: c.req.path, error: String(err) }));
  // Set by the shop middleware; a refusal from that middleware itself comes before it (no shop yet).
  const shop = c.get('shop') as ShopRow | undefined;
  const f: Formatter =
    c.get('f') ??
    formatter(
      negotiateLocale({
        query: c.req.query('lang'),
        cookie: getCookie(c, LANG_COOKIE),
        acceptLanguage: c.req.header('accept-language'),
      }),
      'UTC',
    );
  const wording =
    status >= 500 ? shopperWording.internal : err instanceof AppError ? shopperWording[err.code] : undefined;
  const title = wording ? f.t(wording[0]) : err.message;
  const base = c.get('base');
  // The language links lead to the start page: the refused request (a POST) cannot be replayed by a link.
  const ctx: PortalView | null =
    shop && base
      ? { f, shopName: shop.name, base, here: base, csrf: '', carry: c.get('proxied') ? { lang: f.locale } : {} }
      : null;
  return c.html(
    <ErrorPage
      ctx={ctx}
      lang={f.locale}
      heading={f.t('portal.title')}
      title={title}
      hint={wording ? f.t(wording[1]) : undefined}
      back={base ?? '/'}
      backLabel={f.t('start.over')}
    />,
    status,
  );
};
