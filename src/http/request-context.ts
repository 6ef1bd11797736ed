import type { MiddlewareHandler } from 'hono';
import { log } from '../lib/log';
import { createServices } from '../services';
import type { AppBindings } from './types';

const validRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Sets the request id (the caller's `X-Request-Id` when sane, else a new one), builds the
 * services once per request, echoes the id on the response and logs one JSON line.
 */
export function requestContext(): MiddlewareHandler<AppBindings> {
  return async (c, next) => {
    const started = Date.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && validRequestId.test(incoming) ? incoming : crypto.randomUUID();
    c.set('requestId', requestId);
    c.set('logFields', {});
    if (!c.get('services')) c.set('services', createServices(c.env));
    await next();
    c.res.headers.set('x-request-id', requestId);
    log({
      kind: 'request',
      outcome: c.res.status >= 500 ? 'error' : c.res.status >= 400 ? 'rejected' : 'ok',
      durationMs: Date.now() - started,
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ...c.get('logFields'),
    });
  };
}
