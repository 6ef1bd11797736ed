import type { Context } from 'hono';
import { AppError, problemResponse } from '../http/errors';
import { ErrorPage } from '../views/admin/error-page';
import { adminFormatterOf, renderAdmin } from './render';

/** A browser on an admin screen (it asks for HTML): errors are pages there; programs keep problem+json. */
export function wantsAdminPage(c: Context): boolean {
  const path = c.req.path;
  return (path === '/admin' || path.startsWith('/admin/')) && (c.req.header('accept') ?? '').includes('text/html');
}

/** The error as a page in the member's language (their setting once signed in, else the browser's). */
export function adminErrorResponse(c: Context, error: AppError): Response | Promise<Response> {
  if (!wantsAdminPage(c)) return problemResponse(c, error);
  for (const [k, v] of Object.entries(error.headers ?? {})) c.header(k, v);
  return renderAdmin(
    c,
    <ErrorPage
      code={error.code}
      detail={error.message}
      requestId={c.get('requestId')}
      shop={c.get('shopDomain')}
      csrf={c.get('csrf')}
    />,
    error.status,
  );
}

/** No route: a page saying so in the visitor's language on an admin path, problem+json elsewhere. */
export function notFoundResponse(c: Context): Response | Promise<Response> {
  const detail = wantsAdminPage(c)
    ? adminFormatterOf(c).t('error.noRoute', { path: c.req.path })
    : `No route for ${c.req.method} ${c.req.path}`;
  return adminErrorResponse(c, new AppError('not_found', detail));
}
