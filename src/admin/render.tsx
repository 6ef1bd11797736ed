import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Child } from 'hono/jsx';
import { type AdminFormatter, adminFormatter, adminLocale } from '../i18n/admin';
import { AdminFrameContext } from '../views/admin/app-bridge';
import { AdminProvider } from '../views/admin/i18n';

/**
 * Renders an admin screen inside the member's language and the shop's zone (set by the screen
 * auth middleware; before sign-in, the browser's language and UTC).
 */
export function renderAdmin(c: Context, page: Child, status: ContentfulStatusCode = 200) {
  const frame = { embedded: c.get('embedded') === true, apiKey: c.get('services').settings.SHOPIFY_API_KEY };
  return c.html(
    <AdminProvider fmt={adminFormatterOf(c)}>
      <AdminFrameContext.Provider value={frame}>{page}</AdminFrameContext.Provider>
    </AdminProvider>,
    status,
  );
}

/** The member's formatter once signed in; before that (sign-in, errors), the browser's language in UTC. */
export function adminFormatterOf(c: Context): AdminFormatter {
  return c.get('fmt') ?? adminFormatter(adminLocale(null, c.req.header('accept-language')), 'UTC');
}
