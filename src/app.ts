import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Env } from './env';
import { bodyLimits } from './http/body-limits';
import { configGuard } from './http/config-guard';
import { AppError, problemResponse } from './http/errors';
import { requestContext } from './http/request-context';
import { securityHeaders } from './http/security-headers';
import { INLINE_SCRIPTS } from './views/inline-scripts';
import type { AppBindings } from './http/types';
import { log } from './lib/log';
import { adminSite } from './admin';
import { adminErrorResponse, notFoundResponse } from './admin/error-page';
import { operatorApi } from './admin/operator-api';
import { adminApi } from './admin/api/router';
import { portalApi } from './portal/api';
import { portalPages } from './portal/pages';
import { health } from './http/health';
import { landing } from './landing';
import { surveyPages } from './surveys/routes';
import type { Services } from './services';
import { webhooks } from './webhooks/router';

export interface AppOptions {
  /** Build the services differently (tests inject a clock or fake adapters). */
  services?: (env: Env) => Services;
}

export function createApp(options: AppOptions = {}) {
  const app = new Hono<AppBindings>();

  app.use('*', securityHeaders(INLINE_SCRIPTS));
  app.use('*', configGuard());
  if (options.services) {
    const build = options.services;
    app.use('*', async (c, next) => {
      c.set('services', build(c.env));
      await next();
    });
  }
  app.use('*', requestContext());
  for (const path of ['/api/*', '/admin/*', '/survey/*']) app.use(path, bodyLimits);

  app.route('/', health);
  app.route('/', landing);
  app.route('/api/operator', operatorApi);
  app.route('/api/admin', adminApi);
  app.route('/', adminSite);
  app.route('/webhooks', webhooks);
  app.route('/api/portal', portalApi);
  app.route('/', portalPages);
  app.route('/survey', surveyPages);

  app.notFound(notFoundResponse);

  app.onError((err, c) => {
    if (err instanceof AppError) return adminErrorResponse(c, err);
    if (err instanceof HTTPException) {
      // Hono's own helpers (body limit, bearer auth…) throw these; keep their status, our shape.
      const status = err.status;
      const code =
        status === 401
          ? 'unauthorized'
          : status === 413
            ? 'payload_too_large'
            : status === 404
              ? 'not_found'
              : status === 415
                ? 'unsupported_media_type'
                : 'bad_request';
      return problemResponse(c, new AppError(code, err.message || 'Request rejected'));
    }
    log({
      kind: 'request',
      outcome: 'error',
      durationMs: 0,
      requestId: c.get('requestId'),
      path: c.req.path,
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      stack: err instanceof Error ? err.stack : undefined,
    });
    return problemResponse(
      c,
      new AppError('internal', 'Something went wrong on our side; the request id identifies it.'),
    );
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
