import { hmacSha256, toBase64Url } from '../../src/lib/crypto';

const b64 = (o: unknown) => toBase64Url(new TextEncoder().encode(JSON.stringify(o)));

/** An App Bridge session token as Shopify signs it (HS256 with the app secret). */
export async function sessionToken(
  claims: Record<string, unknown>,
  secret = 'dev-shopify-secret',
  header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' },
) {
  const unsigned = `${b64(header)}.${b64(claims)}`;
  return `${unsigned}.${toBase64Url(await hmacSha256(secret, unsigned))}`;
}

export function shopClaims(shop: string, nowMs: number, extra: Record<string, unknown> = {}) {
  const now = Math.floor(nowMs / 1000);
  return {
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: 'dev-shopify-key',
    sub: '42',
    exp: now + 60,
    nbf: now - 1,
    iat: now - 1,
    jti: crypto.randomUUID(),
    sid: 'sid',
    ...extra,
  };
}

/** Every Set-Cookie line (workerd has getSetCookie; the workers types do not list it). */
export const setCookies = (res: Response): string[] =>
  (res.headers as unknown as { getSetCookie(): string[] }).getSetCookie();
