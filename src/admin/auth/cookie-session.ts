import { fromBase64Url, timingSafeEqual, toBase64Url } from '../../lib/crypto';
import { macFor } from '../../lib/keys';

/** The admin screen's session cookie (standalone login or an embedded session token). */
export const SESSION_COOKIE = 'aftercare_admin';
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export interface AdminSession {
  /** Random session id: CSRF tokens are tied to it. */
  sid: string;
  shop: string;
  /** Who signed in: `operator`, `installer` or a member id (src/team/principal.ts). */
  user: string;
  exp: number;
  /**
   * The holder's session generation when the session began: the member's `session_generation`, or
   * the shop's for the operator and the installer (src/team/principal.ts `sessionHolder`). Logout,
   * a role change or a deactivation bumps it, so a cookie copied before is refused even though its
   * signature and expiry are still good.
   */
  gen: number;
  /** Operator sessions only: a tag of the ADMIN_TOKEN signed in with, so rotating the token ends them. */
  tk?: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function mac(secret: string, purpose: 'admin-session' | 'admin-csrf', payload: string): Promise<string> {
  return toBase64Url(await macFor(secret, purpose, payload));
}

/** `payload.signature`, HMAC-SHA256 with APP_SECRET's `admin-session` subkey; readable but not forgeable. */
export async function signSession(secret: string, session: AdminSession): Promise<string> {
  const payload = toBase64Url(encoder.encode(JSON.stringify(session)));
  return `${payload}.${await mac(secret, 'admin-session', payload)}`;
}

export async function readSession(
  secret: string,
  value: string | undefined,
  now: number,
): Promise<AdminSession | null> {
  if (!value) return null;
  const [payload, signature, extra] = value.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  if (!timingSafeEqual(signature, await mac(secret, 'admin-session', payload))) return null;
  const bytes = fromBase64Url(payload);
  if (!bytes) return null;
  try {
    const s = JSON.parse(decoder.decode(bytes)) as AdminSession;
    if (
      typeof s.sid !== 'string' ||
      typeof s.shop !== 'string' ||
      typeof s.exp !== 'number' ||
      typeof s.user !== 'string' ||
      typeof s.gen !== 'number' ||
      (s.tk !== undefined && typeof s.tk !== 'string')
    )
      return null;
    return s.exp > now ? s : null;
  } catch {
    return null;
  }
}

export function newSession(shop: string, user: string, now: number, gen = 0, tk?: string): AdminSession {
  const sid = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  return { sid, shop, user, exp: now + SESSION_TTL_MS, gen, ...(tk === undefined ? {} : { tk }) };
}

/** The tag an operator session carries: which ADMIN_TOKEN it began with, without holding the token. */
export async function operatorTokenTag(secret: string, adminToken: string): Promise<string> {
  return (await mac(secret, 'admin-session', `operator-token:${adminToken}`)).slice(0, 22);
}

/** Synchroniser token bound to the session id: a form from another session (or site) fails. */
export function csrfToken(secret: string, session: Pick<AdminSession, 'sid'>): Promise<string> {
  return mac(secret, 'admin-csrf', session.sid);
}

export async function checkCsrf(secret: string, session: Pick<AdminSession, 'sid'>, token: unknown): Promise<boolean> {
  if (typeof token !== 'string' || token.length === 0) return false;
  return timingSafeEqual(token, await csrfToken(secret, session));
}
