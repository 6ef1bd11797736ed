/**
 * Order lookups are rate limited per shop + client address with the `LOOKUP_LIMITER` binding
 * (Workers Rate Limiting: 10 per 60 s, wrangler.toml). The binding works under `wrangler dev` and in
 * the vitest pool; it is per Cloudflare location and eventually consistent, which is right for
 * slowing guessing, not for billing.
 * @see https://developers.cloudflare.com/workers/runtime-apis/bindings/rate-limit/
 */
import type { Env } from '../env';
import { AppError } from '../http/errors';

/** The binding's period (wrangler.toml `simple.period`): the longest a caller must wait. */
export const LOOKUP_PERIOD_SECONDS = 60;

export function clientAddress(headers: Headers): string {
  // Cloudflare sets CF-Connecting-IP at the edge; a caller cannot forge it past Cloudflare.
  return headers.get('cf-connecting-ip') ?? headers.get('x-real-ip') ?? 'unknown';
}

/** Throws `rate_limited` (429 with Retry-After) when this shop + client has looked up too often. */
export async function limitLookups(env: Env, shopId: string, client: string): Promise<void> {
  const limiter = env.LOOKUP_LIMITER;
  if (!limiter) throw new Error('LOOKUP_LIMITER binding missing: declare it in wrangler.toml');
  const { success } = await limiter.limit({ key: `lookup:${shopId}:${client}` });
  if (!success) {
    throw new AppError('rate_limited', 'Too many order lookups from this address; wait and try again.', {
      headers: { 'retry-after': String(LOOKUP_PERIOD_SECONDS) },
      extra: { retryAfterSeconds: LOOKUP_PERIOD_SECONDS },
    });
  }
}
