/**
 * The chosen return between the choose step and the review step travels as a signed draft
 * (`<json base64url>.<HMAC>`), bound to the shopper session and the order, and short-lived: nothing
 * is stored until submit, and a draft cannot be altered, replayed into another session or order,
 * or kept for later.
 *
 * How it travels depends on the mount. On `/portal/<shop>` it never enters a URL: the choose step
 * sets it in a path-scoped, http-only cookie (src/portal/draft-cookie.ts) and the review form posts
 * it back in its body. Behind the Shopify app proxy, which strips cookies, it rides in the review
 * link beside the shopper token, living no longer than `DRAFT_TTL_MS`. Each carrier signs with its
 * own subkey, so a draft lifted from a proxy URL is refused on the cookie mount and vice versa.
 */
import { fromBase64Url, timingSafeEqual, toBase64Url } from '../lib/crypto';
import { macFor, type KeyPurpose } from '../lib/keys';
import { returnRequestSchema, type ReturnRequest } from './return-request';

/** How long a draft can be reviewed and submitted after it was chosen. */
export const DRAFT_TTL_MS = 30 * 60 * 1000;
/** Longest draft accepted (a few lines with notes, photos and a pickup address). */
export const MAX_DRAFT_LENGTH = 16_000;

/** `cookie`: the non-proxied mount; `proxy-url`: behind the Shopify app proxy. */
export type DraftCarrier = 'cookie' | 'proxy-url';

/** What a draft is bound to: the shopper session (token `jti`) and the order it was chosen for. */
export interface DraftBinding {
  sessionId: string;
  orderId: string;
}

export type DraftRead = { ok: true; request: ReturnRequest } | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

const purposes: Record<DraftCarrier, KeyPurpose> = {
  cookie: 'shopper-draft-cookie',
  'proxy-url': 'shopper-draft',
};

const macOf = async (secret: string, carrier: DraftCarrier, sessionId: string, body: string) =>
  toBase64Url(await macFor(secret, purposes[carrier], `${sessionId}:${body}`));

export async function signDraft(
  secret: string,
  bound: DraftBinding,
  req: ReturnRequest,
  opts: { now: number; carrier: DraftCarrier },
): Promise<string> {
  // `n` makes each review page's draft unique (the schema drops it on read): its MAC is the submit's
  // idempotency key, so one review page opens one case however often it is posted, while choosing
  // the same items again later is a new request. `o` and `exp` bind it to the order and an expiry.
  const claims = { ...req, n: crypto.randomUUID(), o: bound.orderId, exp: opts.now + DRAFT_TTL_MS };
  const body = toBase64Url(new TextEncoder().encode(JSON.stringify(claims)));
  return `${body}.${await macOf(secret, opts.carrier, bound.sessionId, body)}`;
}

/**
 * The idempotency key of a submitted draft: its MAC (unique per draft, unforgeable), under the
 * order it is submitted for, so a draft replayed with another order's session finds nothing.
 */
export function draftRequestKey(orderId: string, draft: string): string {
  return `draft:${orderId}:${draft.slice(draft.lastIndexOf('.') + 1)}`;
}

function decodeClaims(body: string): Record<string, unknown> | null {
  const bytes = fromBase64Url(body);
  if (!bytes) return null;
  try {
    const json: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function readDraft(
  secret: string,
  bound: DraftBinding,
  draft: unknown,
  opts: { now: number; carrier: DraftCarrier },
): Promise<DraftRead> {
  if (typeof draft !== 'string' || draft === '') return { ok: false, reason: 'missing' };
  const dot = draft.lastIndexOf('.');
  if (draft.length > MAX_DRAFT_LENGTH || dot <= 0) return { ok: false, reason: 'invalid' };
  const body = draft.slice(0, dot);
  if (!timingSafeEqual(draft.slice(dot + 1), await macOf(secret, opts.carrier, bound.sessionId, body)))
    return { ok: false, reason: 'invalid' };
  const claims = decodeClaims(body);
  if (!claims || claims.o !== bound.orderId || typeof claims.exp !== 'number') return { ok: false, reason: 'invalid' };
  if (claims.exp <= opts.now) return { ok: false, reason: 'expired' };
  const parsed = returnRequestSchema.safeParse(claims);
  return parsed.success ? { ok: true, request: parsed.data } : { ok: false, reason: 'invalid' };
}
