import type { Child } from 'hono/jsx';
import type { AdminKey } from '../../i18n/admin';
import { useAdmin } from './i18n';

/** Small, dependency-free CSS: readable tables, status pills, SLA markers; works without JS. */
export const adminCss = `
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;color:#1f2328;background:#f6f7f9}
a{color:#0b5cad}header.top{background:#1f2a37;color:#fff;padding:.5rem 1rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
header.top a{color:#fff;text-decoration:none;padding:.25rem .5rem;border-radius:4px}header.top a[aria-current=page]{background:#3b4a5c}
header.top .shop{margin-left:auto;opacity:.8}main{padding:1rem;max-width:1200px;margin:0 auto}
h1{font-size:1.4rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:1.2rem 0 .5rem}
table{border-collapse:collapse;width:100%;background:#fff}th,td{padding:.4rem .5rem;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}
th{background:#f0f2f5;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.card{background:#fff;border:1px solid #e5e7eb;border-radius:6px;padding:1rem;margin-bottom:1rem;overflow-x:auto}
.grid{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(260px,1fr))}
.pill{display:inline-block;padding:0 .45rem;border-radius:999px;background:#eef1f4;font-size:12px}
.breach{background:#fde2e1;color:#a4161a;font-weight:600}.warn{background:#fff3cd;color:#7a5b00}.ok{background:#e3f6e8;color:#1a6b34}
form.inline{display:inline}label{display:block;margin:.3rem 0}input,select,textarea{font:inherit;padding:.3rem .4rem;border:1px solid #c9ced6;border-radius:4px}
textarea{width:100%}button{font:inherit;padding:.35rem .8rem;border-radius:4px;border:1px solid #0b5cad;background:#0b5cad;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b5cad}.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin-bottom:.75rem}
.filters label{margin:0}.muted{color:#6b7280}.error{background:#fde2e1;border:1px solid #f5b5b3;padding:.5rem .75rem;border-radius:4px}.alert{background:#fde2e1;border:1px solid #f5b5b3;padding:.5rem .75rem;border-radius:4px;margin:0 0 1rem}
.notice{background:#e3f6e8;border:1px solid #a8dcb7;padding:.5rem .75rem;border-radius:4px}
.kpi{font-size:1.6rem;font-weight:600}.timeline{list-style:none;padding:0}.timeline li{border-left:3px solid #c9ced6;padding:.2rem .6rem;margin:.3rem 0}
svg text{font:11px system-ui,sans-serif;fill:#374151}.photos img{max-width:120px;max-height:120px;margin:.2rem;border:1px solid #e5e7eb}
pre{white-space:pre-wrap;background:#f6f8fa;padding:.5rem;border-radius:4px;overflow:auto}
.next-step{border:2px solid #0b5cad}kbd{border:1px solid #c9ced6;border-radius:3px;padding:0 .3rem;font:12px ui-monospace,monospace}
@media (max-width:700px){main{padding:.5rem}table{font-size:13px}}
`;

export const adminNav = [
  ['/admin', 'nav.queue'],
  ['/admin/dashboard', 'nav.dashboard'],
  ['/admin/review', 'nav.review'],
  ['/admin/policy', 'nav.policy'],
  ['/admin/sla', 'nav.sla'],
  ['/admin/templates', 'nav.templates'],
  ['/admin/help', 'nav.help'],
  ['/admin/team', 'nav.team'],
  ['/admin/operations', 'nav.operations'],
  ['/api/docs', 'nav.api'],
] as const satisfies ReadonlyArray<readonly [string, AdminKey]>;

export interface ShellProps {
  title: string;
  path?: string;
  shop?: string;
  csrf?: string;
  children?: Child;
}

/** The admin page frame: navigation, the shop, a logout form carrying the CSRF token. */
export function AdminShell(props: ShellProps) {
  const { t, locale } = useAdmin();
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t('shell.titleSuffix')}`}</title>
        <style dangerouslySetInnerHTML={{ __html: adminCss }} />
      </head>
      <body>
        {props.shop ? (
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
        <p class="notice" role="status">
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
