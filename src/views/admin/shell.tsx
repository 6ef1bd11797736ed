import type { Child } from 'hono/jsx';
import type { AdminKey } from '../../i18n/admin';
import { AppBridgeChrome, AppBridgeHead, AppBridgeScript, useAdminFrame } from './app-bridge';
import { useAdmin } from './i18n';

/**
 * Small, dependency-free CSS: readable tables, status pills, SLA markers; works without JS. Close to
 * Polaris (system font, 13-14px text, #f1f1f1 canvas, white cards with a soft shadow, 8-12px radii,
 * dark primary buttons) so the embedded app sits well next to the Shopify admin.
 */
export const adminCss = `
*{box-sizing:border-box}body{margin:0;font:14px/1.45 -apple-system,BlinkMacSystemFont,"San Francisco","Segoe UI",Roboto,"Helvetica Neue","PingFang SC","Microsoft YaHei",sans-serif;color:#303030;background:#f1f1f1}
a{color:#005bd3}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:2px solid #005bd3;outline-offset:1px}
header.top{background:#1a1a1a;color:#fff;padding:.5rem 1rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
header.top a{color:#fff;text-decoration:none;padding:.25rem .5rem;border-radius:8px}header.top a[aria-current=page]{background:#404040}
header.top .shop{margin-left:auto;opacity:.85}main{padding:1rem;max-width:1200px;margin:0 auto}
h1{font-size:1.25rem;font-weight:650;margin:.2rem 0 1rem}h2{font-size:1rem;font-weight:650;margin:1.2rem 0 .5rem}
table{border-collapse:collapse;width:100%;background:#fff}th,td{padding:.45rem .6rem;border-bottom:1px solid #ebebeb;text-align:left;vertical-align:top}
th{background:#f7f7f7;font-weight:600;color:#616161}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.card{background:#fff;border-radius:12px;box-shadow:0 1px 0 rgba(26,26,26,.07),0 0 0 1px rgba(26,26,26,.07);padding:1rem;margin-bottom:1rem;overflow-x:auto}
.grid{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(260px,1fr))}
.pill{display:inline-block;padding:0 .5rem;border-radius:8px;background:#ebebeb;font-size:12px;font-weight:550}
.breach{background:#fedad9;color:#8e1f0b;font-weight:600}.warn{background:#ffef9d;color:#4f4700}.ok{background:#cdfee1;color:#0c5132}
form.inline{display:inline}label{display:block;margin:.3rem 0}input,select,textarea{font:inherit;padding:.35rem .5rem;border:1px solid #8a8a8a;border-radius:8px;background:#fff;color:#303030}
textarea{width:100%}button{font:inherit;font-weight:600;padding:.35rem .8rem;border-radius:8px;border:1px solid #1a1a1a;background:#303030;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#303030;border-color:#c9c9c9}.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin-bottom:.75rem}
.filters label{margin:0}.muted{color:#616161}.error{background:#fedad9;border:1px solid #fdb7b1;color:#8e1f0b;padding:.5rem .75rem;border-radius:8px}.alert{background:#fedad9;border:1px solid #fdb7b1;padding:.5rem .75rem;border-radius:8px;margin:0 0 1rem}
.notice{background:#cdfee1;border:1px solid #8bdcaf;color:#0c5132;padding:.5rem .75rem;border-radius:8px}
.kpi{font-size:1.6rem;font-weight:650}.timeline{list-style:none;padding:0}.timeline li{border-left:3px solid #c9c9c9;padding:.2rem .6rem;margin:.3rem 0}
svg text{font:11px system-ui,sans-serif;fill:#303030}.photos img{max-width:120px;max-height:120px;margin:.2rem;border:1px solid #ebebeb}
pre{white-space:pre-wrap;background:#f7f7f7;padding:.5rem;border-radius:8px;overflow:auto}
body.embedded main{padding-top:.75rem}
.next-step{border:2px solid #303030}kbd{border:1px solid #c9c9c9;border-radius:4px;padding:0 .3rem;font:12px ui-monospace,monospace}
@media (max-width:700px){main{padding:.5rem}table{font-size:13px}}
`;

export const adminNav = [
  ['/admin', 'nav.queue'],
  ['/admin/dashboard', 'nav.dashboard'],
  ['/admin/review', 'nav.review'],
  ['/admin/policy', 'nav.policy'],
  ['/admin/sla', 'nav.sla'],
  ['/admin/templates', 'nav.templates'],
  ['/admin/customers', 'nav.customers'],
  ['/admin/help', 'nav.help'],
  ['/admin/team', 'nav.team'],
  ['/admin/operations', 'nav.operations'],
  ['/admin/activity', 'activity.nav'],
  ['/admin/setup', 'setup.nav'],
  ['/api/docs', 'nav.api'],
] as const satisfies ReadonlyArray<readonly [string, AdminKey]>;

export interface ShellProps {
  title: string;
  path?: string;
  shop?: string;
  csrf?: string;
  children?: Child;
}

/**
 * The admin page frame: navigation, the shop, a logout form carrying the CSRF token. Embedded in
 * Shopify, the title bar and navigation are Shopify's (App Bridge) and ours stay out of the way.
 */
export function AdminShell(props: ShellProps) {
  const { t, locale } = useAdmin();
  const { embedded } = useAdminFrame();
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <AppBridgeHead />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t('shell.titleSuffix')}`}</title>
        <style dangerouslySetInnerHTML={{ __html: adminCss }} />
      </head>
      <body class={embedded ? 'embedded' : undefined}>
        {props.shop ? <AppBridgeChrome title={props.title} nav={adminNav} /> : null}
        {props.shop && !embedded ? (
          <header class="top">
            <strong>{t('shell.brand')}</strong>
            <nav aria-label={t('shell.nav')}>
              {adminNav.map(([href, key]) => (
                <a href={href} aria-current={props.path === href ? 'page' : undefined}>
                  {t(key)}
                </a>
              ))}
            </nav>
            <span class="shop">{props.shop}</span>
            <form class="inline" method="post" action="/admin/logout">
              <input type="hidden" name="_csrf" value={props.csrf ?? ''} />
              <button class="secondary" type="submit">
                {t('shell.logout')}
              </button>
            </form>
          </header>
        ) : null}
        <main>{props.children}</main>
        <AppBridgeScript />
      </body>
    </html>
  );
}

/** A hidden CSRF field for every form. */
export function Csrf(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

export function Flash(props: { ok?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {props.ok ? (
        <p class="notice" role="status" data-toast>
          {props.ok}
        </p>
      ) : null}
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
    </>
  );
}

/** Field errors from the admin forms as items for the shared `ErrorSummary`, naming each field. */
export function fieldErrorItems(errors: Array<{ path: string; message: string }>): Child[] {
  return errors.map((e) => (
    <span>
      <code>{e.path}</code>: {e.message}
    </span>
  ));
}
