/**
 * Help-center searches are rate limited with the `HELP_LIMITER` binding (60 per 60 s, wrangler.toml)
 * per shop and client address: a person searching types far fewer; a script scraping a shop's
 * articles or loading D1 with full-text queries is slowed. Reading articles is not limited (a page
 * view is one indexed row).
 * @see https://developers.cloudflare.com/workers/runtime-apis/bindings/rate-limit/
 */
import type { Env } from '../env';
import { AppError } from '../http/errors';

/** The binding's period (wrangler.toml `simple.period`). */
export const HELP_SEARCH_PERIOD_SECONDS = 60;

/** Throws `rate_limited` (429 with Retry-After) when this address searched the shop too often. */
export async function limitHelpSearches(env: Env, shopId: string, client: string): Promise<void> {
  const limiter = env.HELP_LIMITER;
  if (!limiter) throw new Error('HELP_LIMITER binding missing: declare it in wrangler.toml');
  const { success } = await limiter.limit({ key: `help:${shopId}:${client}` });
  if (success) return;
  throw new AppError('rate_limited', 'Too many help searches; wait and try again.', {
    headers: { 'retry-after': String(HELP_SEARCH_PERIOD_SECONDS) },
    extra: { retryAfterSeconds: HELP_SEARCH_PERIOD_SECONDS },
  });
}
