import type { MiddlewareHandler } from 'hono';
import { ConfigError, settings } from '../env';
import { log } from '../lib/log';
import { AppError, problemResponse } from './errors';
import type { AppBindings } from './types';

/**
 * Refuses every request while the environment cannot run Aftercare (a missing or weak secret):
 * 503 problem+json `misconfigured` naming the settings at fault (never their values), with
 * `Retry-After`, and one error log line saying how to fix it. A Worker has no start-up to abort,
 * and throwing from `fetch` would answer opaque 500s (1101 pages) while Shopify and Stripe count
 * failures; a 503 is retried by both and tells an operator at once what is wrong. Nothing runs
 * half-configured: no handler sees the request.
 */
export function configGuard(): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    try {
      settings(c.env);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      log({ kind: 'request', outcome: 'error', durationMs: 0, path: c.req.path, error: err.message });
      const detail = `The server is misconfigured (${err.names.join(', ')}); its log says how to fix it.`;
      return problemResponse(c, new AppError('misconfigured', detail, { headers: { 'retry-after': '60' } }));
    }
    await next();
  };
}
