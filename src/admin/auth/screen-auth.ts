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
import { isJwtShaped, verifySessionToken } from './session-token';
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
  Variables: AppBindings['Variables'] & {
    session: AdminSession;
    csrf: string;
    fmt: AdminFormatter;
    /** Inside the Shopify admin's iframe: the shell loads App Bridge (src/views/admin/app-bridge.tsx). */
    embedded: boolean;
  };
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
 * The App Bridge session token a request carries: `id_token` in the URL (Shopify's first load, and
 * links and GET forms the embedded script signs), in a POSTed form, or `Authorization: Bearer` (App
 * Bridge's fetch). Inside the iframe this replaces the cookie, which a browser may withhold there.
 */
async function sessionTokenOf(c: Context<AdminEnv>): Promise<string | undefined> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (bearer && isJwtShaped(bearer)) return bearer;
  const inQuery = c.req.query('id_token');
  if (inQuery) return inQuery;
  const type = c.req.header('content-type') ?? '';
  if (c.req.method === 'POST' && type.startsWith('application/x-www-form-urlencoded')) {
    const field = (await readForm(c))['id_token'];
    if (typeof field === 'string' && field) return field;
  }
  return undefined;
}

/** A verified session token: the shop installed (token exchange) when needed, its member found. */
async function sessionFromToken(c: Context<AdminEnv>, idToken: string, now: number): Promise<AdminSession> {
  const s = c.get('services');
  const { t } = browserT(c);
  const claims = await verifySessionToken(idToken, {
    apiKey: s.settings.SHOPIFY_API_KEY,
    apiSecret: s.settings.SHOPIFY_API_SECRET,
    now,
  });
  if (!claims) throw new AppError('unauthorized', t('login.error.sessionToken'));
  let shop = await findShopByDomain(s, claims.shop);
  if (!shop || !shop.accessTokenEnc || shop.status !== 'active') {
    const ensured = await ensureShop(s, claims.shop);
    if (ensured.created) await installStarterSet(s, ensured.id);
    shop = ensured;
    await storeShopTokens(s, shop.id, await shopifyTokensFor(s).exchangeSessionToken(claims.shop, idToken));
  }
  if (!claims.user) throw new AppError('unauthorized', t('login.error.noStaff'));
  const member = await memberForShopifyUser(s, shop.id, claims.user);
  return { ...newSession(claims.shop, member.id, now, member.sessionGeneration), embedded: true };
}

/** Before anyone is known: the browser's language (errors on the way in). */
const browserT = (c: Context) => adminFormatter(adminLocale(null, c.req.header('accept-language')), 'UTC');

/** Shopify opens an embedded app with `embedded=1` and `host`; a session begun by a token stays embedded. */
const isEmbedded = (c: Context, session: AdminSession, byToken: boolean) =>
  byToken || session.embedded === true || c.req.query('embedded') === '1' || !!c.req.query('host');

/**
 * Guards `/admin/*` screens: a valid session cookie, or — embedded in Shopify — an App Bridge
 * session token (see `sessionTokenOf`), which installs the shop by token exchange when needed and
 * starts a session. Unsafe methods must carry the session's CSRF token (`_csrf` field or
 * `X-CSRF-Token`) unless a session token authenticated them (a token is never sent by the browser
 * on its own, so it cannot be forged across sites). Anything else goes to the login page.
 */
export function adminScreenAuth(): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const s = c.get('services');
    const now = s.clock.now();
    const { t } = browserT(c);
    let session = await readSession(s.settings.APP_SECRET, getCookie(c, SESSION_COOKIE), now);
    const idToken = await sessionTokenOf(c);
    if (idToken) {
      session = await sessionFromToken(c, idToken, now);
      await startSession(c, session, true);
    }
    if (!session) {
      if (c.req.method === 'GET') return c.redirect(`/admin/login?next=${encodeURIComponent(c.req.path)}`, 303);
      throw new AppError('unauthorized', t('login.error.signIn'));
    }
    const shop = await findShopByDomain(s, session.shop);
    const principal = shop ? await currentHolder(s, shop, session) : null;
    if (!shop || !principal) {
      endSession(c);
      if (c.req.method === 'GET') return c.redirect('/admin/login', 303);
      throw new AppError('unauthorized', t('login.error.signInAgain'));
    }
    const fmt = adminFormatter(adminLocale(principal.locale, c.req.header('accept-language')), shop.timezone);
    if (unsafe.has(c.req.method) && !idToken) {
      let token: unknown = c.req.header('x-csrf-token');
      if (!token) {
        const type = c.req.header('content-type') ?? '';
        if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))
          token = (await readForm(c))['_csrf'];
      }
      if (!(await checkCsrf(s.settings.APP_SECRET, session, token)))
        throw new AppError('forbidden', fmt.t('login.error.formExpired'));
    }
    c.set('session', session);
    c.set('csrf', await csrfToken(s.settings.APP_SECRET, session));
    c.set('shopId', shop.id);
    c.set('shopDomain', shop.domain);
    c.set('principal', principal);
    c.set('fmt', fmt);
    c.set('embedded', isEmbedded(c, session, !!idToken));
    c.set('actor', principal.actor);
    c.get('logFields').shop = shop.domain;
    await next();
  };
}
