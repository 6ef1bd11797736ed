/**
 * The chosen return between the choose step and the review step travels as a signed draft
 * (`<json base64url>.<HMAC>`), bound to the shopper session: nothing is stored until submit, and a
 * draft cannot be altered or replayed into another session.
 */
import { fromBase64Url, timingSafeEqual, toBase64Url } from '../lib/crypto';
import { macFor } from '../lib/keys';
import { returnRequestSchema, type ReturnRequest } from './return-request';

export async function signDraft(secret: string, sessionId: string, req: ReturnRequest): Promise<string> {
  // `n` makes each review page's draft unique (the schema drops it on read): its MAC is the submit's
  // idempotency key, so one review page opens one case however often it is posted, while choosing
  // the same items again later is a new request.
  const body = toBase64Url(new TextEncoder().encode(JSON.stringify({ ...req, n: crypto.randomUUID() })));
  return `${body}.${toBase64Url(await macFor(secret, 'shopper-draft', `${sessionId}:${body}`))}`;
}

/**
 * The idempotency key of a submitted draft: its MAC (unique per draft, unforgeable), under the
 * order it is submitted for, so a draft replayed with another order's session finds nothing.
 */
export function draftRequestKey(orderId: string, draft: string): string {
  return `draft:${orderId}:${draft.slice(draft.lastIndexOf('.') + 1)}`;
}

export async function readDraft(
  secret: string,
  sessionId: string,
  draft: string | undefined,
): Promise<ReturnRequest | null> {
  if (!draft || draft.length > 16_000) return null;
  const dot = draft.lastIndexOf('.');
  if (dot <= 0) return null;
  const body = draft.slice(0, dot);
  const expected = toBase64Url(await macFor(secret, 'shopper-draft', `${sessionId}:${body}`));
  if (!timingSafeEqual(draft.slice(dot + 1), expected)) return null;
  const bytes = fromBase64Url(body);
  if (!bytes) return null;
  try {
    const parsed = returnRequestSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
