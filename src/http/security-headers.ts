import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { toBase64Url } from '../lib/crypto';
import type { AppBindings } from './types';

/** Who may frame the admin screens: the Shopify admin (embedded app) and nothing else. */
export const SHOPIFY_FRAME_ANCESTORS = ['https://admin.shopify.com', 'https://*.myshopify.com'];
export const HSTS = 'max-age=31536000';
/** Where App Bridge comes from: the embedded admin loads it from Shopify's CDN (never standalone pages). */
export const APP_BRIDGE_ORIGIN = 'https://cdn.shopify.com';

/**
 * The browser-facing headers of every response (hono/secure-headers, configured):
 * - Content-Security-Policy: nothing loads but our own pages' forms, images (ours, `data:` and
 *   https product images from the shop's CDN) and the inline scripts of `src/views/inline-scripts.ts`
 *   by hash. Styles stay `'unsafe-inline'`: every page inlines its stylesheet and a few `style=`
 *   attributes, and CSS cannot run code. `frame-ancestors` lets the Shopify admin frame `/admin/*`
 *   (the embedded app) and nobody frame anything else (plus `X-Frame-Options: DENY` there). Once the
 *   admin knows the shop, the ancestors narrow to that shop's own admin, as Shopify asks. `/admin`
 *   may also load App Bridge from cdn.shopify.com and fetch from its own origin.
 * - HSTS on https requests only (a plain-http local server must stay reachable), without
 *   `includeSubDomains`: the operator's other subdomains are not ours to pin.
 * - `Referrer-Policy: no-referrer` (links never leak a shopper token behind the app proxy),
 *   `X-Content-Type-Options: nosniff`.
 * `inlineScripts` are the pages' inline scripts (src/views/inline-scripts.ts, wired in app.ts).
 * Cross-origin isolation headers stay off: the app proxy serves these pages from the shop's origin.
 */
export function securityHeaders(inlineScripts: readonly string[]): MiddlewareHandler<AppBindings> {
  let hashes: Promise<string[]> | undefined;
  const variants = new Map<boolean, MiddlewareHandler>();
  const variant = (embedded: boolean, scriptSrc: string[]) => {
    let mw = variants.get(embedded);
    if (!mw) {
      mw = secureHeaders({
        contentSecurityPolicy: {
          defaultSrc: ["'none'"],
          scriptSrc: embedded ? [...scriptSrc, APP_BRIDGE_ORIGIN] : scriptSrc,
          ...(embedded ? { connectSrc: ["'self'"] } : {}),
          styleSrc: ["'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'https:'],
          formAction: ["'self'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
          frameAncestors: embedded ? SHOPIFY_FRAME_ANCESTORS : ["'none'"],
        },
        xFrameOptions: embedded ? false : 'DENY',
        strictTransportSecurity: false,
        referrerPolicy: 'no-referrer',
        xContentTypeOptions: 'nosniff',
        crossOriginResourcePolicy: false,
        crossOriginOpenerPolicy: false,
        crossOriginEmbedderPolicy: false,
      });
      variants.set(embedded, mw);
    }
    return mw;
  };
  return async (c, next) => {
    hashes ??= Promise.all(inlineScripts.map(scriptHash));
    const scriptSrc = (await hashes).map((h) => `'${h}'`);
    const embedded = c.req.path === '/admin' || c.req.path.startsWith('/admin/');
    await variant(embedded, scriptSrc.length ? scriptSrc : embedded ? [] : ["'none'"])(c, next);
    if (embedded) narrowFrameAncestors(c.res.headers, c.get('shopDomain'));
    if (new URL(c.req.url).protocol === 'https:') c.res.headers.set('strict-transport-security', HSTS);
  };
}

/** `frame-ancestors` of a shop's admin page: that shop and admin.shopify.com, not every shop. */
function narrowFrameAncestors(headers: Headers, shop: string | undefined): void {
  const csp = headers.get('content-security-policy');
  if (!csp || !shop || !/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(shop)) return;
  headers.set(
    'content-security-policy',
    csp.replace(
      `frame-ancestors ${SHOPIFY_FRAME_ANCESTORS.join(' ')}`,
      `frame-ancestors https://${shop} https://admin.shopify.com`,
    ),
  );
}

/** The CSP source of one inline script: `sha256-<base64 of its UTF-8 text>`. */
export async function scriptHash(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  const b64 = toBase64Url(digest).replaceAll('-', '+').replaceAll('_', '/');
  return `sha256-${b64}${'='.repeat((4 - (b64.length % 4)) % 4)}`;
}
