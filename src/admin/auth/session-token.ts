import { fromBase64Url, hmacKey, toBase64Url } from '../../lib/crypto';
import { normalizeShopDomain } from '../../db/shops';

/** Seconds of clock skew tolerated on `exp`/`nbf` (Shopify's own library allows 10 s). */
export const SESSION_TOKEN_LEEWAY_SECONDS = 10;

export interface SessionTokenOptions {
  apiKey: string;
  apiSecret: string;
  now: number;
}

export interface SessionTokenClaims {
  shop: string;
  /** The Shopify staff member (`sub`), kept for the audit trail (`agent:<sub>`). */
  user: string | undefined;
  exp: number;
}

const decoder = new TextDecoder();

function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
}

/**
 * Verifies a Shopify App Bridge session token: an HS256 JWT signed with the app's secret, for this
 * app (`aud` = API key), within `nbf`..`exp` (small leeway), naming the shop in `dest`. Returns
 * null for anything else. The signature is checked with `crypto.subtle.verify` (constant time).
 * @see https://shopify.dev/docs/apps/build/authentication-authorization/session-tokens
 */
export async function verifySessionToken(
  token: string,
  options: SessionTokenOptions,
): Promise<SessionTokenClaims | null> {
  if (!looksLikeJwt(token)) return null;
  const [h, p, s] = token.split('.') as [string, string, string];
  const header = parseJson(fromBase64Url(h));
  if (!header || header.alg !== 'HS256') return null;
  const signature = fromBase64Url(s);
  // Only the canonical encoding: a last character that differs in padding bits alone decodes to the
  // same bytes, and a changed token must not verify.
  if (!signature || toBase64Url(signature) !== s) return null;
  const key = await hmacKey(options.apiSecret);
  const ok = await crypto.subtle.verify('HMAC', key, signature, new TextEncoder().encode(`${h}.${p}`));
  if (!ok) return null;
  const payload = parseJson(fromBase64Url(p));
  if (!payload) return null;
  const nowSec = Math.floor(options.now / 1000);
  const exp = typeof payload.exp === 'number' ? payload.exp : NaN;
  const nbf = typeof payload.nbf === 'number' ? payload.nbf : undefined;
  if (!(exp + SESSION_TOKEN_LEEWAY_SECONDS >= nowSec)) return null;
  if (nbf !== undefined && nbf - SESSION_TOKEN_LEEWAY_SECONDS > nowSec) return null;
  const aud = payload.aud;
  const audOk = Array.isArray(aud) ? aud.includes(options.apiKey) : aud === options.apiKey;
  if (!audOk) return null;
  const dest = typeof payload.dest === 'string' ? payload.dest : '';
  let host: string;
  try {
    host = new URL(dest).hostname;
  } catch {
    return null;
  }
  const shop = normalizeShopDomain(host);
  if (!shop) return null;
  // `iss` is the shop's admin URL; it must name the same shop as `dest`.
  if (typeof payload.iss === 'string') {
    try {
      if (new URL(payload.iss).hostname.toLowerCase() !== shop) return null;
    } catch {
      return null;
    }
  }
  return { shop, user: typeof payload.sub === 'string' ? payload.sub : undefined, exp };
}

export function isJwtShaped(token: string): boolean {
  return looksLikeJwt(token);
}

function parseJson(bytes: Uint8Array | null): Record<string, unknown> | null {
  if (!bytes) return null;
  try {
    const v = JSON.parse(decoder.decode(bytes)) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
