import { renderAdmin } from './render';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { bumpSessionGeneration, ensureShop, findShopByDomain, normalizeShopDomain } from '../db/shops';
import { AppError } from '../http/errors';
import type { AppBindings } from '../http/types';
import { hmacSha256, timingSafeEqual, toBase64Url, toHex } from '../lib/crypto';
import { LoginPage } from '../views/admin/login-page';
import {
  checkCsrf,
  newSession,
  operatorTokenTag,
  readSession,
  SESSION_COOKIE,
  type AdminSession,
} from './auth/cookie-session';
import { revokeMemberSessions } from '../team/members';
import type { Services } from '../services';
import { endSession, startSession } from './auth/screen-auth';
import { shopifyTokensFor, storeShopTokens } from '../integrations/shopify/shop-credentials';
import { readForm } from '../http/form-body';
import { installerPrincipal, OPERATOR_ACTOR } from '../team/principal';

/** Scopes Aftercare asks for at install: orders and returns to act on, customers for profiles, gift cards for store credit. */
export const SHOPIFY_SCOPES =
  'read_orders,read_customers,read_fulfillments,read_returns,write_returns,write_gift_cards,read_products';
export const LOGIN_NONCE = 'aftercare_login';
const OAUTH_STATE = 'aftercare_oauth_state';

export const authRoutes = new Hono<AppBindings>();

export const safeNext = (next: unknown) =>
  typeof next === 'string' && /^\/admin(\/[\w\-/.]*)?(\?[\w=&%.-]*)?$/.test(next) ? next : '/admin';
const https = (url: string) => new URL(url).protocol === 'https:';

/** Login page: a pre-session nonce cookie guards the login form itself (double submit). */
authRoutes.get('/admin/login', (c) => {
  const nonce = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  setCookie(c, LOGIN_NONCE, nonce, {
    httpOnly: true,
    secure: https(c.req.url),
    sameSite: 'Lax',
    path: '/admin/login',
    maxAge: 1800,
  });
  return renderAdmin(c, <LoginPage csrf={nonce} next={safeNext(c.req.query('next'))} />);
});

authRoutes.post('/admin/login', async (c) => {
  const s = c.get('services');
  const form = await readForm(c);
  const nonce = getCookie(c, LOGIN_NONCE);
  if (!nonce || typeof form['_csrf'] !== 'string' || !timingSafeEqual(form['_csrf'], nonce)) {
    throw new AppError('forbidden', 'The sign-in form expired; reload it and try again.');
  }
  const next = safeNext(form['next']);
  const domain = normalizeShopDomain(typeof form['shop'] === 'string' ? form['shop'] : '');
  const token = typeof form['token'] === 'string' ? form['token'] : '';
  const again = (error: string, status: 400 | 401) =>
    renderAdmin(c, <LoginPage csrf={nonce} next={next} error={error} shop={domain ?? undefined} />, status);
  if (!domain) return again('Enter a shop domain like your-shop.myshopify.com.', 400);
  if (!timingSafeEqual(token, s.settings.ADMIN_TOKEN)) return again('That token is not valid.', 401);
  const shop = await findShopByDomain(s, domain);
  if (!shop) return again(`No shop ${domain} is installed.`, 400);
  deleteCookie(c, LOGIN_NONCE, { path: '/admin/login' });
  const tag = await operatorTokenTag(s.settings.APP_SECRET, s.settings.ADMIN_TOKEN);
  await startSession(c, newSession(domain, OPERATOR_ACTOR, s.clock.now(), shop.sessionGeneration, tag));
  return c.redirect(next, 303);
});

/**
 * A member's logout ends that member's sessions only (their generation); the operator's or the
 * installer's ends the operator's and installer's sessions of that shop (the shop's generation).
 */
async function revokeSessionsOf(s: Services, session: AdminSession): Promise<void> {
  if (!session.user.startsWith('mem_')) return bumpSessionGeneration(s, session.shop);
  const shop = await findShopByDomain(s, session.shop);
  if (shop) await revokeMemberSessions(s, shop.id, session.user);
}

authRoutes.post('/admin/logout', async (c) => {
  const s = c.get('services');
  const session = await readSession(s.settings.APP_SECRET, getCookie(c, SESSION_COOKIE), s.clock.now());
  const form = await readForm(c);
  if (session && !(await checkCsrf(s.settings.APP_SECRET, session, form['_csrf'])))
    throw new AppError('forbidden', 'The form expired; reload and try again.');
  // Revoke, not just forget: a copy of this cookie, and the holder's other browsers, stop working.
  if (session) await revokeSessionsOf(s, session);
  endSession(c);
  return c.redirect('/admin/login', 303);
});

/**
 * OAuth install, step 1: redirect to the shop's consent screen with a signed state nonce.
 * @see https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/authorization-code-grant
 */
authRoutes.get('/auth/shopify', async (c) => {
  const s = c.get('services');
  const shop = normalizeShopDomain(c.req.query('shop'));
  if (!shop) throw new AppError('bad_request', 'Send ?shop=<shop>.myshopify.com.');
  const state = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  setCookie(c, OAUTH_STATE, state, {
    httpOnly: true,
    secure: https(c.req.url),
    sameSite: 'Lax',
    path: '/auth/shopify',
    maxAge: 600,
  });
  const base = s.settings.PUBLIC_URL ?? new URL(c.req.url).origin;
  const q = new URLSearchParams({
    client_id: s.settings.SHOPIFY_API_KEY,
    scope: SHOPIFY_SCOPES,
    redirect_uri: `${base}/auth/shopify/callback`,
    state,
  });
  return c.redirect(`https://${shop}/admin/oauth/authorize?${q}`, 302);
});

/** Shopify's query HMAC: hex HMAC-SHA256 of the sorted `k=v&…` query without `hmac`/`signature`. */
export async function validOAuthQuery(secret: string, query: URLSearchParams, now: number): Promise<boolean> {
  const hmac = query.get('hmac');
  if (!hmac) return false;
  const pairs = [...query.entries()]
    .filter(([k]) => k !== 'hmac' && k !== 'signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const message = pairs.map(([k, v]) => `${k}=${v}`).join('&');
  const expected = toHex(await hmacSha256(secret, message));
  if (!timingSafeEqual(hmac.toLowerCase(), expected)) return false;
  const ts = Number(query.get('timestamp'));
  return Number.isFinite(ts) && Math.abs(now / 1000 - ts) <= 24 * 3600;
}

/** OAuth install, step 2: verify HMAC and state, exchange the code for an expiring offline token, store it encrypted. */
authRoutes.get('/auth/shopify/callback', async (c) => {
  const s = c.get('services');
  const query = new URL(c.req.url).searchParams;
  const shop = normalizeShopDomain(query.get('shop'));
  const code = query.get('code');
  if (!shop || !code) throw new AppError('bad_request', 'The callback needs shop and code.');
  if (!(await validOAuthQuery(s.settings.SHOPIFY_API_SECRET, query, s.clock.now())))
    throw new AppError('invalid_signature', 'The callback HMAC is not valid.');
  const state = getCookie(c, OAUTH_STATE);
  if (!state || !timingSafeEqual(state, query.get('state') ?? ''))
    throw new AppError('forbidden', 'The install state does not match; start the install again.');
  deleteCookie(c, OAUTH_STATE, { path: '/auth/shopify' });
  const grant = await shopifyTokensFor(s).exchangeCode(shop, code);
  const row = await ensureShop(s, shop);
  await storeShopTokens(s, row.id, grant);
  await startSession(c, newSession(shop, installerPrincipal.actor, s.clock.now(), row.sessionGeneration));
  return c.redirect('/admin', 303);
});
