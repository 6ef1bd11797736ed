/** The portal's page frame: shop name, the language switch, and the shared layout. */
import type { Child } from 'hono/jsx';
import type { Formatter, Locale } from '../../i18n';
import { Layout } from '../layout';

export interface PortalView {
  f: Formatter;
  shopName: string;
  /** Where the portal lives for this request: `/portal/<shop>` or the app proxy prefix. */
  base: string;
  /** The current path + query without `lang`, for the language links. */
  here: string;
  csrf: string;
  /** Behind the app proxy cookies do not survive: the session token (`t`) and language ride in forms and links. */
  carry: Record<string, string>;
}

const languages: Array<[Locale, string]> = [
  ['en', 'English'],
  ['zh-CN', '简体中文'],
  ['de', 'Deutsch'],
];

export function withParams(href: string, params: Record<string, string | null | undefined>): string {
  const [path, query = ''] = href.split('?', 2) as [string, string?];
  const q = new URLSearchParams(query);
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** A link inside the portal, carrying the session token only when cookies are not available. */
export function portalHref(
  ctx: PortalView,
  path: string,
  params: Record<string, string | null | undefined> = {},
): string {
  return withParams(`${ctx.base}${path}`, { ...ctx.carry, ...params });
}

export function HiddenSession(props: { ctx: PortalView }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={props.ctx.csrf} />
      {Object.entries(props.ctx.carry).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

export function PortalPage(props: { ctx: PortalView; title: string; children?: Child; script?: string }) {
  const { ctx } = props;
  const t = ctx.f.t;
  const header = (
    <header class="bar">
      <span class="brand">{ctx.shopName}</span>
      <nav aria-label={t('lang.switch')}>
        {languages.map(([code, name], i) => (
          <>
            {i > 0 ? ' · ' : ''}
            <a
              href={withParams(ctx.here, { ...ctx.carry, lang: code })}
              lang={code}
              hreflang={code}
              aria-current={code === ctx.f.locale ? 'true' : undefined}
            >
              {name}
            </a>
          </>
        ))}
      </nav>
    </header>
  );
  return (
    <Layout
      title={`${props.title} · ${ctx.shopName}`}
      lang={ctx.f.locale}
      header={header}
      {...(props.script ? { script: props.script } : {})}
    >
      {props.children}
    </Layout>
  );
}
