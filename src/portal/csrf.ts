/**
 * CSRF protection for the portal's forms: a signed double-submit token bound to the shopper
 * session. The cookie `ac_csrf` holds a random nonce; each form carries `<nonce>.<HMAC(nonce,
 * session)>`. A forged cross-site form knows neither the nonce nor the signature, and a token
 * lifted from another session does not verify for this one.
 */
import { timingSafeEqual, toBase64Url } from '../lib/crypto';
import { macFor } from '../lib/keys';

export function newCsrfNonce(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

export async function csrfToken(secret: string, nonce: string, sessionId: string): Promise<string> {
  return `${nonce}.${toBase64Url(await macFor(secret, 'portal-csrf', `${nonce}:${sessionId}`))}`;
}

/**
 * True when the submitted token is signed for this session and, when a cookie nonce is present,
 * repeats it. `cookieNonce` is null only behind the Shopify app proxy, which strips cookies: there
 * the signature over the (secret) session id is the whole check.
 */
export async function verifyCsrf(
  secret: string,
  submitted: string | undefined,
  cookieNonce: string | null,
  sessionId: string,
  requireCookie: boolean,
): Promise<boolean> {
  if (!submitted || submitted.length > 200) return false;
  const dot = submitted.indexOf('.');
  if (dot <= 0) return false;
  const nonce = submitted.slice(0, dot);
  if (requireCookie && (!cookieNonce || !timingSafeEqual(nonce, cookieNonce))) return false;
  return timingSafeEqual(submitted, await csrfToken(secret, nonce, sessionId));
}
