import * as z from 'zod';
import { fromBase64Url, timingSafeEqual, toBase64Url } from '../lib/crypto';
import { macFor } from '../lib/keys';

/**
 * Signed survey links: `<payload>.<mac>`, both base64url, the MAC an HMAC-SHA256 of the payload
 * under APP_SECRET's `survey-link` subkey. The token itself is the authority (no session, no cookie):
 * it names the survey, the shop, the score when it is a one-click link, and when it expires.
 */
const payload = z.object({
  /** survey id */
  s: z.string().min(1).max(64),
  /** shop id */
  h: z.string().min(1).max(64),
  /** purpose: answer or unsubscribe */
  p: z.enum(['a', 'u']),
  /** score for a one-click answer link */
  v: z.number().int().min(0).max(10).optional(),
  /** expiry, epoch ms */
  e: z.number().int(),
});

export type SurveyToken = z.infer<typeof payload>;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function signSurveyToken(secret: string, t: SurveyToken): Promise<string> {
  const body = toBase64Url(encoder.encode(JSON.stringify(t)));
  const mac = toBase64Url(await macFor(secret, 'survey-link', body));
  return `${body}.${mac}`;
}

/** The token's claims when the MAC matches (constant time) and it has not expired; else null. */
export async function verifySurveyToken(secret: string, token: string, now: number): Promise<SurveyToken | null> {
  if (token.length > 600) return null;
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return null;
  const expected = toBase64Url(await macFor(secret, 'survey-link', body));
  if (!timingSafeEqual(mac, expected)) return null;
  const bytes = fromBase64Url(body);
  if (!bytes) return null;
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(bytes));
  } catch {
    return null;
  }
  const parsed = payload.safeParse(json);
  if (!parsed.success || parsed.data.e < now) return null;
  return parsed.data;
}
