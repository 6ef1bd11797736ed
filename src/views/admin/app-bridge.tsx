/**
 * The admin inside the Shopify admin: App Bridge from Shopify's CDN, its title bar and navigation
 * menu, toasts for notices, and links and forms that carry a fresh session token instead of
 * trusting a cookie inside the iframe. Rendered only when the request is embedded; standalone
 * pages carry none of it.
 * @see https://shopify.dev/docs/api/app-bridge-library
 */
import type { Child } from 'hono/jsx';
import { createContext, useContext } from 'hono/jsx';
import { embeddedAdminScript } from '../inline-scripts';
import type { AdminKey } from '../../i18n/admin';
import { useAdmin } from './i18n';

export const APP_BRIDGE_SRC = 'https://cdn.shopify.com/shopifycloud/app-bridge.js';

/** Whether this page is embedded, and the app's API key App Bridge needs (public, not a secret). */
export interface AdminFrame {
  embedded: boolean;
  apiKey: string;
}

export const AdminFrameContext = createContext<AdminFrame>({ embedded: false, apiKey: '' });
export const useAdminFrame = (): AdminFrame => useContext(AdminFrameContext);

/** App Bridge must be the first script in the head, loaded synchronously (not async or deferred). */
export function AppBridgeHead() {
  const frame = useAdminFrame();
  if (!frame.embedded) return null;
  return (
    <>
      <meta name="shopify-api-key" content={frame.apiKey} />
      <script src={APP_BRIDGE_SRC}></script>
    </>
  );
}

/** Shopify's title bar and the app's menu in the admin's sidebar; the first link is the app's home. */
export function AppBridgeChrome(props: { title: string; nav: ReadonlyArray<readonly [string, AdminKey]> }) {
  const { t } = useAdmin();
  if (!useAdminFrame().embedded) return null;
  const [home, ...rest] = props.nav;
  return (
    <>
      <ui-title-bar title={props.title}></ui-title-bar>
      <ui-nav-menu>
        {home ? (
          <a href={home[0]} rel="home">
            {t(home[1])}
          </a>
        ) : null}
        {rest.map(([href, key]) => (
          <a href={href}>{t(key)}</a>
        ))}
      </ui-nav-menu>
    </>
  );
}

/** The embedded page's one inline script (hashed in the CSP): toasts, and tokens on links and forms. */
export function AppBridgeScript(): Child {
  if (!useAdminFrame().embedded) return null;
  return <script dangerouslySetInnerHTML={{ __html: embeddedAdminScript }} />;
}
