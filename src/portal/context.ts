/**
 * Per-request portal context: which shop (from `/portal/<shop>` or a verified app proxy request),
 * where links point, the language, and the shopper session (cookie, or `t` behind the proxy).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { findShopByDomain, normalizeShopDomain, type ShopRow } from '../db/shops';
import type { Env } from '../env';
import { AppError } from '../http/errors';
import type { AppBindings } from '../http/types';
import { formatter, negotiateLocale, type Formatter } from '../i18n';
import { verifyProxyQuery } from './app-proxy';
import { verifyShopperToken, type ShopperClaims } from './token';

export interface PortalVariables {
  shop: ShopRow;
  /** `/portal/<shop>` or the proxy's `path_prefix` (`/apps/returns`). */
  base: string;
  /** True behind the Shopify app proxy (no cookies there). */
  proxied: boolean;
  f: Formatter;
}

export type PortalEnv = { Bindings: Env; Variables: AppBindings['Variables'] & PortalVariables };
export type PortalContext = Context<PortalEnv>;

export const SESSION_COOKIE = 'ac_portal';
export const CSRF_COOKIE = 'ac_csrf';
export const LANG_COOKIE = 'ac_lang';

async function activeShop(c: PortalContext, domain: string | null | undefined): Promise<ShopRow> {
  const normalized = normalizeShopDomain(domain);
  const shop = normalized ? await findShopByDomain(c.get('services'), normalized) : undefined;
  if (!shop || shop.status !== 'active') throw new AppError('not_found', 'No such shop.');
  return shop;
}

function setLocale(c: PortalContext, shop: ShopRow, proxied: boolean): void {
  const query = c.req.query('lang');
  const cookie = proxied ? null : getCookie(c, LANG_COOKIE);
  const locale = negotiateLocale({
    query,
    cookie,
    acceptLanguage: c.req.header('accept-language'),
    shopDefault: shop.locale,
  });
  if (query && !proxied && query === locale)
    setCookie(c, LANG_COOKIE, locale, {
      path: '/',
      sameSite: 'Lax',
      maxAge: 365 * 86400,
      secure: c.req.url.startsWith('https:'),
    });
  c.set('f', formatter(locale, shop.timezone));
}

/** `/portal/:shop/*` and `/api/portal/:shop/*`: the shop is in the path. */
export function shopFromPath(prefix: string): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    // `/portal/:shop` and `/portal/:shop/*` both match the bare page: the shop is read once.
    if (c.get('shop')) return next();
    const shop = await activeShop(c, c.req.param('shop'));
    c.set('shop', shop);
    c.set('base', `${prefix}/${shop.domain}`);
    c.set('proxied', false);
    c.get('logFields').shop = shop.domain;
    setLocale(c, shop, false);
    await next();
  };
}

/** `/apps/returns/*`: Shopify's app proxy; the shop comes from the signed query, never trusted unsigned. */
export function shopFromProxy(): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    if (c.get('shop')) return next();
    const s = c.get('services');
    const proxy = await verifyProxyQuery(s.settings.SHOPIFY_API_SECRET, new URL(c.req.url).searchParams, s.clock.now());
    if (!proxy) throw new AppError('invalid_signature', 'The app proxy signature is missing, wrong or stale.');
    const shop = await activeShop(c, proxy.shop);
    c.set('shop', shop);
    c.set('base', proxy.pathPrefix.replace(/\/+$/, '') || '/apps/returns');
    c.set('proxied', true);
    c.get('logFields').shop = shop.domain;
    setLocale(c, shop, true);
    await next();
  };
}

/** The verified shopper claims from `Authorization: Bearer`, or null. */
export async function bearerClaims(c: PortalContext): Promise<ShopperClaims | null> {
  const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  if (!m) return null;
  const s = c.get('services');
  return verifyShopperToken(s.settings.APP_SECRET, m[1]!, s.clock.now(), c.get('shop').id);
}

/** The shopper token of a page request: its cookie, or `t` (query or form) behind the proxy. */
export function pageToken(c: PortalContext, form?: Record<string, unknown>): string | null {
  if (!c.get('proxied')) return getCookie(c, SESSION_COOKIE) ?? null;
  const t = (form?.t as string | undefined) ?? c.req.query('t');
  return typeof t === 'string' && t ? t : null;
}

export function cookieOptions(c: PortalContext, maxAgeSeconds: number) {
  return {
    path: c.get('base'),
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: c.req.url.startsWith('https:'),
    maxAge: maxAgeSeconds,
  };
}
