/**
 * Shopify app proxy verification. Shopify forwards `https://<shop>/apps/returns/...` to us with
 * `shop`, `path_prefix`, `timestamp`, `logged_in_customer_id` and `signature` added to the query.
 * The signature is the hex HMAC-SHA256, keyed with the app's secret, of every other parameter as
 * `key=value` (repeated keys' values joined with `,`), sorted, concatenated without separators.
 * @see https://shopify.dev/docs/apps/build/online-store/app-proxies/authenticate-app-proxies
 */
import { DAY_MS } from '../lib/durations';
import { hmacSha256, timingSafeEqual, toHex } from '../lib/crypto';

/** How old a proxied request's timestamp may be: stops replay of a captured URL days later. */
export const PROXY_MAX_AGE_MS = DAY_MS;

export function proxyMessage(params: URLSearchParams): string {
  const grouped = new Map<string, string[]>();
  for (const [k, v] of params) {
    if (k === 'signature') continue;
    const list = grouped.get(k) ?? [];
    list.push(v);
    grouped.set(k, list);
  }
  return [...grouped.entries()]
    .map(([k, vs]) => `${k}=${vs.join(',')}`)
    .sort()
    .join('');
}

export async function signProxyQuery(secret: string, params: URLSearchParams): Promise<string> {
  return toHex(await hmacSha256(secret, proxyMessage(params)));
}

export interface ProxyRequest {
  shop: string;
  loggedInCustomerId: string | null;
  pathPrefix: string;
}

/** The verified proxy parameters, or null when the signature is missing, wrong or stale. */
export async function verifyProxyQuery(
  secret: string,
  params: URLSearchParams,
  now: number,
): Promise<ProxyRequest | null> {
  const signature = params.get('signature');
  const shop = params.get('shop');
  const timestamp = Number(params.get('timestamp'));
  if (!signature || !shop || !Number.isFinite(timestamp)) return null;
  if (!timingSafeEqual(signature.toLowerCase(), await signProxyQuery(secret, params))) return null;
  if (Math.abs(now - timestamp * 1000) > PROXY_MAX_AGE_MS) return null;
  return {
    shop,
    loggedInCustomerId: params.get('logged_in_customer_id') || null,
    pathPrefix: params.get('path_prefix') || '/apps/returns',
  };
}
