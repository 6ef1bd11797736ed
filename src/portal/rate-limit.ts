/**
 * Order lookups are rate limited with the `LOOKUP_LIMITER` binding (Workers Rate Limiting: 10 per
 * 60 s, wrangler.toml), under three keys per lookup, each with its own prefix:
 * - `addr`: shop + the shopper's address (IPv6 grouped by /64: one subscriber holds a whole /64);
 * - `order`: shop + order number, and `email`: shop + email address, whatever the address, so a
 *   guesser spreading over many addresses still gets 10 guesses a minute for one email (or one
 *   order), hits and misses alike (a miss-only count would answer 429 to misses and 200 to a hit
 *   once exhausted, telling the guesser which number is right).
 * One binding serves all three because the limit is the same: ten a minute is what one person
 * needs, whether counted by their address, their email or their order. The order and email keys
 * are hashed so no address reaches the limiter's keys. The binding is per Cloudflare location and
 * eventually consistent: right for slowing guessing, not for billing.
 * @see https://developers.cloudflare.com/workers/runtime-apis/bindings/rate-limit/
 */
import type { Env } from '../env';
import { AppError } from '../http/errors';
import { toHex } from '../lib/crypto';
import { normalizeEmail, normalizeOrderNumber } from './shopper-order';

/** The binding's period (wrangler.toml `simple.period`): the longest a caller must wait. */
export const LOOKUP_PERIOD_SECONDS = 60;

/**
 * The shopper's address. Direct requests: `CF-Connecting-IP` (set by Cloudflare's edge, a caller
 * cannot forge it). Behind a verified app proxy signature that is Shopify's server, so the address
 * is the hop Shopify appended to `X-Forwarded-For`: the last entry, after dropping the one
 * Cloudflare appends for Shopify's server itself. Entries further left came from the shopper's
 * own headers and are not trusted.
 * @see https://shopify.dev/docs/apps/build/online-store/app-proxies/authenticate-app-proxies
 * @see https://developers.cloudflare.com/fundamentals/reference/http-headers/#x-forwarded-for
 */
export function clientAddress(headers: Headers, proxied = false): string {
  const edge = headers.get('cf-connecting-ip') ?? headers.get('x-real-ip') ?? 'unknown';
  if (!proxied) return addressKey(edge);
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  if (hops.at(-1) === edge) hops.pop();
  return addressKey(hops.at(-1) ?? edge);
}

/** IPv4 as is; IPv6 cut to its /64 (an IPv4-mapped IPv6 address is its IPv4 address). */
export function addressKey(address: string): string {
  const a = address
    .trim()
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  if (!a.includes(':')) return a;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1]!;
  const [head = '', tail = ''] = a.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = a.includes('::') && tail ? tail.split(':') : [];
  const missing = Math.max(0, 8 - left.length - right.length);
  const groups = [...left, ...Array<string>(missing).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => (g.replace(/^0+/, '') || '0').slice(0, 4))
    .join(':')}::/64`;
}

async function hashed(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))).slice(0, 32);
}

export interface LookupAttempt {
  shopId: string;
  client: string;
  order: string;
  email: string;
}

/** Throws `rate_limited` (429 with Retry-After) when the address, the order or the email has been tried too often. */
export async function limitLookups(env: Env, attempt: LookupAttempt): Promise<void> {
  const limiter = env.LOOKUP_LIMITER;
  if (!limiter) throw new Error('LOOKUP_LIMITER binding missing: declare it in wrangler.toml');
  const { shopId } = attempt;
  const order = normalizeOrderNumber(attempt.order) ?? attempt.order.trim();
  const [orderKey, emailKey] = await Promise.all([hashed(order), hashed(normalizeEmail(attempt.email))]);
  // The address first: a request refused by its address does not use up the order's or email's
  // count (one address cannot spend a victim's guesses). The order and email keys then together,
  // one limiter round trip instead of two: either one refusing refuses the request.
  const address = await limiter.limit({ key: `lookup:addr:${shopId}:${attempt.client}` });
  const others = address.success
    ? await Promise.all([
        limiter.limit({ key: `lookup:order:${shopId}:${orderKey}` }),
        limiter.limit({ key: `lookup:email:${shopId}:${emailKey}` }),
      ])
    : [];
  if (!address.success || others.some((r) => !r.success)) {
    throw new AppError('rate_limited', 'Too many order lookups; wait and try again.', {
      headers: { 'retry-after': String(LOOKUP_PERIOD_SECONDS) },
      extra: { retryAfterSeconds: LOOKUP_PERIOD_SECONDS },
    });
  }
}
