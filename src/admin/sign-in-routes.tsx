import { renderAdmin } from './render';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { findShopByDomain, normalizeShopDomain } from '../db/shops';
import { AppError } from '../http/errors';
import { readForm } from '../http/form-body';
import type { AppBindings } from '../http/types';
import { timingSafeEqual } from '../lib/crypto';
import { newBrowserNonce, redeemSignInLink, SIGN_IN_LINK_TTL_MS, sendSignInLink } from '../team/sign-in-links';
import { findMember } from '../team/members';
import { LoginPage } from '../views/admin/login-page';
import { LOGIN_NONCE } from './auth-routes';
import { newSession } from './auth/cookie-session';
import { startSession } from './auth/screen-auth';

/** The browser that asked for a link: the link signs in only where this cookie comes back. */
const SIGN_IN_NONCE = 'aftercare_signin';
const SENT = 'If that address belongs to a member of the shop, a sign-in link is on its way. Open it in this browser.';

export const signInRoutes = new Hono<AppBindings>();

/** Asks for a link (the login form's nonce guards it); the answer never says whether the address is a member. */
signInRoutes.post('/admin/login/link', async (c) => {
  const s = c.get('services');
  const form = await readForm(c);
  const nonce = getCookie(c, LOGIN_NONCE);
  if (!nonce || typeof form['_csrf'] !== 'string' || !timingSafeEqual(form['_csrf'], nonce))
    throw new AppError('forbidden', 'The sign-in form expired; reload it and try again.');
  const domain = normalizeShopDomain(typeof form['shop'] === 'string' ? form['shop'] : '');
  const email = typeof form['email'] === 'string' ? form['email'].trim().toLowerCase() : '';
  const shop = domain ? await findShopByDomain(s, domain) : undefined;
  const browserNonce = newBrowserNonce();
  setCookie(c, SIGN_IN_NONCE, browserNonce, {
    httpOnly: true,
    secure: new URL(c.req.url).protocol === 'https:',
    sameSite: 'Lax',
    path: '/admin/login',
    maxAge: SIGN_IN_LINK_TTL_MS / 1000,
  });
  if (shop && email.includes('@')) {
    const baseUrl = s.settings.PUBLIC_URL ?? new URL(c.req.url).origin;
    await sendSignInLink(s, { shop, email, browserNonce, baseUrl });
  }
  return renderAdmin(c, <LoginPage csrf={nonce} next="/admin" shop={domain ?? undefined} notice={SENT} />);
});

/** Spends a link: signs the member in and opens their queue. */
signInRoutes.get('/admin/login/link/:shop/:link', async (c) => {
  const s = c.get('services');
  const shop = await findShopByDomain(s, normalizeShopDomain(c.req.param('shop')) ?? '');
  const principal = shop ? await redeemSignInLink(s, shop, c.req.param('link'), getCookie(c, SIGN_IN_NONCE)) : null;
  if (!shop || !principal?.memberId)
    throw new AppError(
      'bad_request',
      'This sign-in link is expired, used already, or was opened in another browser. Ask for a new one on the sign-in page.',
    );
  deleteCookie(c, SIGN_IN_NONCE, { path: '/admin/login' });
  const member = await findMember(s, shop.id, principal.memberId);
  await startSession(c, newSession(shop.domain, principal.memberId, s.clock.now(), member?.sessionGeneration ?? 0));
  return c.redirect('/admin?view=mine', 303);
});
