import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { ensureShop, findShopByDomain } from '../../db/shops';
import { installStarterSet } from '../../help/starter-set';
import { AppError } from '../../http/errors';
import type { AppBindings } from '../../http/types';
import {
  checkCsrf,
  csrfToken,
  newSession,
  operatorTokenTag,
  readSession,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  signSession,
  type AdminSession,
} from './cookie-session';
import { shopifyTokensFor, storeShopTokens } from '../../integrations/shopify/shop-credentials';
import { verifySessionToken } from './session-token';
import { readForm } from '../../http/form-body';
import { memberForShopifyUser } from '../../team/members';
import { type AdminFormatter, adminFormatter, adminLocale } from '../../i18n/admin';
import { OPERATOR_ACTOR, sessionHolder, type Principal } from '../../team/principal';
import type { ShopRow } from '../../db/shops';
import type { Services } from '../../services';
import { timingSafeEqual } from '../../lib/crypto';

/** Bindings of the admin screens: the app's, plus the cookie session and its CSRF token. */
export interface AdminEnv {
  Bindings: AppBindings['Bindings'];
  Variables: AppBindings['Variables'] & { session: AdminSession; csrf: string; fmt: AdminFormatter };
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Writes the signed session cookie: http-only, Secure on https, SameSite=Lax (None+Partitioned inside Shopify's iframe). */
export async function startSession(c: Context, session: AdminSession, embedded = false): Promise<void> {
  const https = new URL(c.req.url).protocol === 'https:';
  const secret = (c.get('services') as AppBindings['Variables']['services']).settings.APP_SECRET;
  setCookie(c, SESSION_COOKIE, await signSession(secret, session), {
    httpOnly: true,
    secure: https,
    sameSite: embedded && https ? 'None' : 'Lax',
    partitioned: embedded && https ? true : undefined,
    path: '/',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function endSession(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/**
 * Who holds a session, or null when it no longer counts: the shop or member is gone or deactivated,
 * the holder signed out (or their role changed) since it began, or — the operator's — the
 * ADMIN_TOKEN it began with has been rotated.
 */
async function currentHolder(s: Services, shop: ShopRow, session: AdminSession): Promise<Principal | null> {
  const holder = await sessionHolder(s, shop, session.user);
  if (!holder || holder.generation !== session.gen) return null;
  if (session.user === OPERATOR_ACTOR) {
    const tag = await operatorTokenTag(s.settings.APP_SECRET, s.settings.ADMIN_TOKEN);
    if (!session.tk || !timingSafeEqual(session.tk, tag)) return null;
  }
  return holder.principal;
}

/**
 * Guards `/admin/*` screens: a valid session cookie, or — embedded in Shopify — an `id_token`
 * (App Bridge session token) in the URL, which installs the shop by token exchange when needed and
 * starts a session. Unsafe methods must carry the session's CSRF token (`_csrf` field or
 * `X-CSRF-Token`). Anything else goes to the login page.
 */
export function adminScreenAuth(): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const s = c.get('services');
    const now = s.clock.now();
    let session = await readSession(s.settings.APP_SECRET, getCookie(c, SESSION_COOKIE), now);
    const idToken = c.req.query('id_token');
    if (idToken) {
      const claims = await verifySessionToken(idToken, {
        apiKey: s.settings.SHOPIFY_API_KEY,
        apiSecret: s.settings.SHOPIFY_API_SECRET,
        now,
      });
      if (!claims) throw new AppError('unauthorized', 'The Shopify session token is not valid.');
      let shop = await findShopByDomain(s, claims.shop);
      if (!shop || !shop.accessTokenEnc || shop.status !== 'active') {
        const ensured = await ensureShop(s, claims.shop);
        if (ensured.created) await installStarterSet(s, ensured.id);
        shop = ensured;
        await storeShopTokens(s, shop.id, await shopifyTokensFor(s).exchangeSessionToken(claims.shop, idToken));
      }
      if (!claims.user) throw new AppError('unauthorized', 'The Shopify session token names no staff user.');
      const member = await memberForShopifyUser(s, shop.id, claims.user);
      session = newSession(claims.shop, member.id, now, member.sessionGeneration);
      await startSession(c, session, true);
    }
    if (!session) {
      if (c.req.method === 'GET') return c.redirect(`/admin/login?next=${encodeURIComponent(c.req.path)}`, 303);
      throw new AppError('unauthorized', 'Sign in first.');
    }
    const shop = await findShopByDomain(s, session.shop);
    const principal = shop ? await currentHolder(s, shop, session) : null;
    if (!shop || !principal) {
      endSession(c);
      if (c.req.method === 'GET') return c.redirect('/admin/login', 303);
      throw new AppError('unauthorized', 'Sign in again.');
    }
    if (unsafe.has(c.req.method)) {
      let token: unknown = c.req.header('x-csrf-token');
      if (!token) {
        const type = c.req.header('content-type') ?? '';
        if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))
          token = (await readForm(c))['_csrf'];
      }
      if (!(await checkCsrf(s.settings.APP_SECRET, session, token)))
        throw new AppError('forbidden', 'The form expired or came from elsewhere; reload the page and try again.');
    }
    c.set('session', session);
    c.set('csrf', await csrfToken(s.settings.APP_SECRET, session));
    c.set('shopId', shop.id);
    c.set('shopDomain', shop.domain);
    c.set('principal', principal);
    c.set('fmt', adminFormatter(adminLocale(principal.locale, c.req.header('accept-language')), shop.timezone));
    c.set('actor', principal.actor);
    c.get('logFields').shop = shop.domain;
    await next();
  };
}
