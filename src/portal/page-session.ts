/**
 * The page side of the shopper session: the CSRF nonce cookie, the session token (cookie, or `t`
 * behind the app proxy), redirects that keep both, and the context every view renders with.
 */
import { getCookie, setCookie } from 'hono/cookie';
import { AppError } from '../http/errors';
import type { PortalView } from '../views/portal/chrome';
import { CSRF_COOKIE, cookieOptions, pageToken, type PortalContext } from './context';
import { csrfToken, newCsrfNonce, verifyCsrf } from './csrf';
import { renewForProxy, verifyShopperToken, type ShopperClaims } from './token';

/** The CSRF binding before a shopper has a session (the lookup form). */
export const ANON = 'anon';

/** The CSRF nonce of this browser (cookie), created on first sight; null behind the proxy. */
export function csrfNonce(c: PortalContext): string {
  if (c.get('proxied')) return newCsrfNonce();
  let nonce = getCookie(c, CSRF_COOKIE);
  if (!nonce || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) {
    nonce = newCsrfNonce();
    setCookie(c, CSRF_COOKIE, nonce, cookieOptions(c, 24 * 3600));
  }
  return nonce;
}

export async function viewContext(c: PortalContext, sessionId: string, token: string | null): Promise<PortalView> {
  const url = new URL(c.req.url);
  const s = c.get('services');
  const carry: Record<string, string> = {};
  if (c.get('proxied')) {
    if (token) carry.t = token;
    carry.lang = c.get('f').locale;
  }
  url.searchParams.delete('lang');
  for (const k of ['signature', 'shop', 'timestamp', 'path_prefix', 'logged_in_customer_id', 't'])
    url.searchParams.delete(k);
  let rest = c.get('proxied')
    ? url.pathname.replace(/^.*?\/apps\/returns/, '')
    : url.pathname.replace(/^\/portal\/[^/]+/, '');
  // A page rendered by a POST (a refused lookup) switches language on the GET page it came from.
  if (c.req.method !== 'GET' && rest === '/lookup') rest = '';
  return {
    f: c.get('f'),
    shopName: c.get('shop').name,
    base: c.get('base'),
    here: `${c.get('base')}${rest}${url.search}`,
    csrf: await csrfToken(s.settings.APP_SECRET, csrfNonce(c), sessionId),
    carry,
  };
}

export async function session(
  c: PortalContext,
  form?: Record<string, unknown>,
): Promise<{ claims: ShopperClaims; token: string } | null> {
  const token = pageToken(c, form);
  if (!token) return null;
  const s = c.get('services');
  const now = s.clock.now();
  const claims = await verifyShopperToken(s.settings.APP_SECRET, token, now, c.get('shop').id);
  if (!claims) return null;
  // Behind the proxy the token rides in URLs: every page hands on a fresh short-lived one.
  return { claims, token: c.get('proxied') ? await renewForProxy(s.settings.APP_SECRET, claims, now) : token };
}

export async function checkCsrf(c: PortalContext, form: Record<string, unknown>, sessionId: string): Promise<void> {
  const s = c.get('services');
  const proxied = c.get('proxied');
  const ok = await verifyCsrf(
    s.settings.APP_SECRET,
    form._csrf as string | undefined,
    proxied ? null : (getCookie(c, CSRF_COOKIE) ?? null),
    sessionId,
    !proxied,
  );
  if (!ok) throw new AppError('forbidden', c.get('f').t('csrf.failed'));
}

export function redirect(c: PortalContext, path: string, token?: string | null): Response {
  const params = new URLSearchParams();
  if (c.get('proxied')) {
    if (token) params.set('t', token);
    params.set('lang', c.get('f').locale);
  }
  const [p, q] = path.split('?', 2) as [string, string?];
  for (const [k, v] of new URLSearchParams(q ?? '')) params.set(k, v);
  const qs = params.toString();
  return c.redirect(`${c.get('base')}${p}${qs ? `?${qs}` : ''}`, 303);
}
