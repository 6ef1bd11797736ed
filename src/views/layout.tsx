/**
 * The shared page frame and a few accessible form components (hono/jsx, server-rendered, no JS
 * needed). Used by the shopper portal; the admin screen may use `Layout`, `Field`, `ErrorSummary`.
 * Colours meet WCAG AA contrast (text #1a1a1a on #fff, links #0a4f96, errors #a4161a).
 */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { matchLocale, translator } from '../i18n';

export const baseCss = `*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei",sans-serif;color:#1a1a1a;background:#f5f5f4}
a{color:#0a4f96}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.5rem;z-index:9}
header.bar{background:#1f2937;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between}
header.bar a{color:#fff}header.bar .brand{font-weight:600}
main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}h2{font-size:1.2rem;margin:1.25rem 0 .5rem}
.card{background:#fff;border:1px solid #d6d3d1;border-radius:8px;padding:1rem;margin:0 0 1rem}
.field{margin:0 0 1rem}.field label,.legend{display:block;font-weight:600;margin:0 0 .25rem}
.hint{display:block;color:#44403c;font-size:.9rem;margin:0 0 .25rem}
input[type=text],input[type=email],input[type=search],input:not([type]),select,textarea{width:100%;font:inherit;padding:.55rem .6rem;border:1px solid #57534e;border-radius:6px;background:#fff;color:#1a1a1a}
input[type=file]{font:inherit;max-width:100%}textarea{min-height:4.5rem}
fieldset{border:1px solid #d6d3d1;border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}legend{font-weight:600;padding:0 .25rem}
.choice{display:flex;gap:.5rem;align-items:flex-start;margin:.35rem 0}.choice input{margin-top:.3rem;width:1.15rem;height:1.15rem}
button,.button{display:inline-block;font:inherit;font-weight:600;padding:.7rem 1.2rem;border-radius:6px;border:2px solid #0a4f96;background:#0a4f96;color:#fff;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:#0a4f96}
.error{color:#a4161a;font-weight:600}.alert{border:2px solid #a4161a;background:#fef2f2;color:#7f1d1d;border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}
.notice{border:2px solid #166534;background:#f0fdf4;color:#14532d;border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}
[aria-invalid=true]{border-color:#a4161a!important;border-width:2px!important}
.muted{color:#44403c}.pill{display:inline-block;border-radius:999px;padding:0 .6rem;font-size:.85rem;font-weight:600}
.yes{background:#dcfce7;color:#14532d}.no{background:#fee2e2;color:#7f1d1d}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:.4rem 0;border-bottom:1px solid #e7e5e4;vertical-align:top}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.total td,.total th{font-weight:700;border-bottom:0}ol.timeline{list-style:none;padding:0;margin:0}ol.timeline li{border-left:3px solid #a8a29e;padding:.1rem 0 .6rem .75rem}
details{margin:.25rem 0}summary{cursor:pointer;font-weight:600}.row{display:flex;gap:.75rem;flex-wrap:wrap;align-items:center}
img.thumb{width:56px;height:56px;object-fit:cover;border-radius:6px;background:#e7e5e4}
@media (min-width:40rem){main{padding:1.5rem}h1{font-size:1.75rem}}`;

export interface LayoutProps {
  title: string;
  lang: string;
  /** Extra CSS for one screen (keep it small); the base CSS is always inlined. */
  css?: string;
  header?: Child;
  children?: Child;
  /** A few lines of progressive enhancement; the page must work without it. */
  script?: string;
}

/** One HTML document: viewport for phones, a skip link, a `main` landmark, one inline stylesheet. */
export function Layout(props: LayoutProps) {
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{props.title}</title>
        <style>{raw(baseCss + (props.css ?? ''))}</style>
      </head>
      <body>
        <a class="skip" href="#main">
          {translator(matchLocale(props.lang) ?? 'en')('skip')}
        </a>
        {props.header ?? null}
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        {props.script ? <script>{raw(props.script)}</script> : null}
      </body>
    </html>
  );
}

export interface FieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** The control; give it `id` and `aria-describedby={describedBy(id, hint, error)}`. */
  children: Child;
}

/** `aria-describedby` for a control with an optional hint and error (errors are announced). */
export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A labelled control with its hint and error text tied to it. */
export function Field(props: FieldProps) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <span class="error" id={`${props.id}-error`}>
          {props.error}
        </span>
      ) : null}
      {props.children}
    </div>
  );
}

/**
 * The form-level message screen readers announce on load (`role="alert"`). Shared by the shopper
 * pages and the admin forms; an error may be markup (the admin names the field in `<code>`).
 */
export function ErrorSummary(props: { title: string; errors?: Child[] }) {
  return (
    <div class="alert" role="alert" id="error-summary">
      <strong>{props.title}</strong>
      {props.errors && props.errors.length > 0 ? (
        <ul>
          {props.errors.map((e) => (
            <li>{e}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Notice(props: { children?: Child }) {
  return (
    <div class="notice" role="status">
      {props.children}
    </div>
  );
}
