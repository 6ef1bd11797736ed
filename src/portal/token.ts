/**
 * The shopper token: issued at order lookup, it names the shop, the order and the customer and
 * expires. Format `v1.<claims base64url>.<HMAC-SHA256 base64url>` under APP_SECRET's
 * `shopper-token` subkey (src/lib/keys.ts)`; verified in constant
 * time. It is the bearer credential of the JSON API and the session of the HTML page.
 */
import * as z from 'zod';
import { fromBase64Url, timingSafeEqual, toBase64Url } from '../lib/crypto';
import { macFor } from '../lib/keys';

export const SHOPPER_TOKEN_TTL_MS = 2 * 60 * 60 * 1000;

const claimsSchema = z.object({
  /** shop id */
  s: z.string().min(1),
  /** order id */
  o: z.string().min(1),
  /** customer id, when the order has one */
  c: z.string().nullable(),
  /** expiry, epoch ms */
  exp: z.number().int(),
  /** random id of this session (binds CSRF tokens and pending uploads) */
  jti: z.string().min(8),
});

export interface ShopperClaims {
  shopId: string;
  orderId: string;
  customerId: string | null;
  expiresAt: number;
  sessionId: string;
}

export async function signShopperToken(secret: string, claims: ShopperClaims): Promise<string> {
  const body = toBase64Url(
    new TextEncoder().encode(
      JSON.stringify({
        s: claims.shopId,
        o: claims.orderId,
        c: claims.customerId,
        exp: claims.expiresAt,
        jti: claims.sessionId,
      }),
    ),
  );
  const sig = toBase64Url(await macFor(secret, 'shopper-token', body));
  return `v1.${body}.${sig}`;
}

export function newSessionId(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

/** The claims when the token is intact, unexpired and for this shop; otherwise null. */
export async function verifyShopperToken(
  secret: string,
  token: string,
  now: number,
  shopId: string,
): Promise<ShopperClaims | null> {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1' || token.length > 2048) return null;
  const [, body, sig] = parts as [string, string, string];
  const expected = toBase64Url(await macFor(secret, 'shopper-token', body));
  if (!timingSafeEqual(sig, expected)) return null;
  const raw = fromBase64Url(body);
  if (!raw) return null;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return null;
  }
  const parsed = claimsSchema.safeParse(json);
  if (!parsed.success) return null;
  const c = parsed.data;
  if (c.exp <= now || c.s !== shopId) return null;
  return { shopId: c.s, orderId: c.o, customerId: c.c, expiresAt: c.exp, sessionId: c.jti };
}
