/**
 * Shared by the shopper page's hostile-form properties: a shopper session made the way the page
 * makes one (signed token + CSRF token bound to its session id and cookie nonce), requests in both
 * of the page's mounts (`/portal/<shop>` with cookies, `/apps/returns` behind the signed app proxy
 * with the session in the form), credentials that are wrong in every way we know, and form bodies
 * mutated and encoded in every way a browser or an attacker might send them.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { DEMO_SHOP_DOMAIN, DEMO_SHOP_ID } from '../../src/db/demo-data';
import { signProxyQuery } from '../../src/portal/app-proxy';
import { csrfToken } from '../../src/portal/csrf';
import { signShopperToken } from '../../src/portal/token';
import { hostileString } from './arbitraries';
import { quietFetch } from './quiet-worker';

export const SECRET = 'test-app-secret-Kq7vN2xR9pL4mW8sT1yB6cF3hJ0dG5zA';
export const NONCE = 'hostileNonce0123456789';
export type Mount = 'portal' | 'proxy';
export type Fields = Array<[string, string | File]>;

export interface Shopper {
  orderId: string;
  sessionId: string;
  token: string;
  csrf: string;
}

export async function shopper(
  orderId: string,
  sessionId: string,
  shopId = DEMO_SHOP_ID,
  expiresAt = Date.now() + 3_600_000,
): Promise<Shopper> {
  const token = await signShopperToken(SECRET, { shopId, orderId, customerId: null, expiresAt, sessionId });
  return { orderId, sessionId, token, csrf: await csrfToken(SECRET, NONCE, sessionId) };
}

/** The URL of a page step on either mount; the proxy's query is signed as Shopify signs it. */
export async function stepUrl(
  mount: Mount,
  step: string,
  shop = DEMO_SHOP_DOMAIN,
  extra: Record<string, string> = {},
): Promise<string> {
  if (mount === 'portal') return `https://aftercare.test/portal/${shop}${step}`;
  const q = new URLSearchParams({
    ...extra,
    shop,
    logged_in_customer_id: '',
    path_prefix: '/apps/returns',
    timestamp: String(Math.floor(Date.now() / 1000)),
  });
  q.set('signature', await signProxyQuery('dev-shopify-secret', q));
  return `https://aftercare.test/apps/returns${step}?${q}`;
}

/** How the request carries (or fails to carry) the shopper's credentials. */
export interface Creds {
  label: string;
  /** The session token (cookie on /portal, `t` field on the proxy); undefined: none. */
  token?: string | undefined;
  csrf?: string | undefined;
  /** The CSRF cookie nonce (/portal only). */
  nonce?: string | undefined;
  valid: boolean;
}

const alter = (s: string) =>
  fc.tuple(fc.nat(), fc.constantFrom(...'AZaz09-_.~')).map(([i, ch]) => {
    const at = i % s.length;
    return s.slice(0, at) + (s[at] === ch ? (ch === 'A' ? 'B' : 'A') : ch) + s.slice(at + 1);
  });

/** A CSRF token wrong in one way each (the session token, if any, is the good one). */
export function badCsrf(
  token: string | undefined,
  csrf: string,
  otherCsrf: Record<string, string>,
): fc.Arbitrary<Creds> {
  return fc.oneof(
    fc.constant<Creds>({ label: 'no csrf', token, nonce: NONCE, valid: false }),
    fc
      .constantFrom(...Object.entries(otherCsrf))
      .map(([label, other]): Creds => ({ label, token, csrf: other, nonce: NONCE, valid: false })),
    alter(csrf).map((bad): Creds => ({ label: `csrf altered ${bad}`, token, csrf: bad, nonce: NONCE, valid: false })),
    hostileString
      .filter((bad) => bad !== csrf)
      .map((bad): Creds => ({ label: 'csrf hostile', token, csrf: bad, nonce: NONCE, valid: false })),
    // On /portal the cookie nonce must repeat the token's; behind the proxy (no cookies) only the signature counts.
    fc
      .constantFrom(undefined, 'otherNonce0123456789ab')
      .map((nonce): Creds => ({ label: `cookie nonce ${nonce}`, token, csrf, nonce, valid: false })),
  );
}

/** Credentials wrong in one way each: the session token or the CSRF token. */
export function badCreds(
  good: Shopper,
  wrongTokens: Record<string, string>,
  otherCsrf: Record<string, string>,
): fc.Arbitrary<Creds> {
  return fc.oneof(
    fc.constant<Creds>({ label: 'no token', csrf: good.csrf, nonce: NONCE, valid: false }),
    fc
      .constantFrom(...Object.entries(wrongTokens))
      .map(([label, token]): Creds => ({ label, token, csrf: good.csrf, nonce: NONCE, valid: false })),
    alter(good.token).map(
      (token): Creds => ({ label: `token altered ${token}`, token, csrf: good.csrf, nonce: NONCE, valid: false }),
    ),
    badCsrf(good.token, good.csrf, otherCsrf),
  );
}

export const goodCreds = (s: Shopper): Creds => ({
  label: 'valid',
  token: s.token,
  csrf: s.csrf,
  nonce: NONCE,
  valid: true,
});

/** Field-level mutations of a valid form: dropped, duplicated, replaced, extra fields. */
const hostileValue = fc.oneof(
  { arbitrary: hostileString, weight: 10 },
  {
    arbitrary: fc.constantFrom(
      '-1',
      '-999999999',
      '0',
      '1.5',
      '1e309',
      '9007199254740993',
      '99999999999999999999999999',
      'NaN',
      'Infinity',
      '0x10',
      ' 1',
      '1 ',
      '٣',
      '１',
    ),
    weight: 10,
  },
  { arbitrary: fc.constant('x'.repeat(200_000)), weight: 1 },
);

export function mutatedFields(valid: Fields, extraNames: string[]): fc.Arbitrary<{ fields: Fields; changed: boolean }> {
  const names = [
    ...new Set([...valid.map(([k]) => k), ...extraNames, '__proto__', 'constructor', 'qty_', 'qty_[]', 'a.b', '']),
  ];
  const mutation = fc.oneof(
    fc.record({ op: fc.constant('drop' as const), i: fc.nat() }),
    fc.record({ op: fc.constant('dup' as const), i: fc.nat(), value: hostileValue }),
    fc.record({ op: fc.constant('set' as const), i: fc.nat(), value: hostileValue }),
    fc.record({
      op: fc.constant('add' as const),
      name: fc.oneof(fc.constantFrom(...names), hostileString),
      value: hostileValue,
    }),
  );
  return fc.array(mutation, { minLength: 0, maxLength: 3 }).map((ms) => {
    const fields = [...valid];
    for (const m of ms) {
      const at = 'i' in m ? m.i % Math.max(fields.length, 1) : 0;
      if (m.op === 'drop') fields.splice(at, 1);
      else if (m.op === 'dup' && fields[at]) fields.push([fields[at]![0], m.value]);
      else if (m.op === 'set' && fields[at]) fields[at] = [fields[at]![0], m.value];
      else if (m.op === 'add') fields.push([m.name, m.value]);
    }
    return { fields, changed: ms.length > 0 };
  });
}

export type Encoding =
  | 'urlencoded'
  | 'multipart'
  | 'raw-percent'
  | 'json'
  | 'text'
  | 'none'
  | 'multipart-no-boundary'
  | 'multipart-broken'
  | 'utf16'
  | 'bytes';
export const encodings: Encoding[] = [
  'urlencoded',
  'multipart',
  'raw-percent',
  'json',
  'text',
  'none',
  'multipart-no-boundary',
  'multipart-broken',
  'utf16',
  'bytes',
];

const badPercent = ['%', '%zz', '%E0%A4%A', '%C0%AF', '%ED%A0%80', '%FF%FE', '%%41', '+%2', '%u0041'];

/** A body (and its content type) for `fields` in `encoding`. */
export function encode(
  fields: Fields,
  encoding: Encoding,
  seed: number,
): { body: BodyInit | undefined; type: string | undefined } {
  const text = (): Array<[string, string]> => fields.map(([k, v]) => [k, typeof v === 'string' ? v : v.name]);
  switch (encoding) {
    case 'urlencoded':
      return { body: new URLSearchParams(text()).toString(), type: 'application/x-www-form-urlencoded' };
    case 'multipart': {
      const fd = new FormData();
      // workerd's FormData cannot serialize a name ending in a backslash (it throws on the sending side).
      for (const [k, v] of fields) fd.append(k.endsWith('\\') ? `${k}_` : k, v);
      return { body: fd, type: undefined }; // the Request sets the boundary
    }
    case 'raw-percent': {
      const pairs = text().map(([k, v], i) =>
        i === seed % Math.max(fields.length, 1)
          ? `${k}=${badPercent[seed % badPercent.length]}${v.slice(0, 50)}`
          : new URLSearchParams([[k, v]]).toString(),
      );
      return {
        body: pairs.join('&') + (seed % 2 ? `&${badPercent[(seed >> 1) % badPercent.length]}` : ''),
        type: 'application/x-www-form-urlencoded',
      };
    }
    case 'json':
      return { body: JSON.stringify(Object.fromEntries(text())), type: 'application/json' };
    case 'text':
      return {
        body: text()
          .map(([k, v]) => `${k}=${v}`)
          .join('\n'),
        type: 'text/plain',
      };
    case 'none':
      // Bytes, not a string: a string body would get `text/plain;charset=UTF-8` from the Request itself.
      return { body: new TextEncoder().encode(new URLSearchParams(text()).toString()), type: undefined };
    case 'multipart-no-boundary':
      return { body: `--x\r\ncontent-disposition: form-data; name="a"\r\n\r\nb\r\n--x--`, type: 'multipart/form-data' };
    case 'multipart-broken':
      return {
        body: `--x\r\ncontent-disposition: form-data; name="_csrf"\r\n\r\n${text()[0]?.[1] ?? ''}`,
        type: 'multipart/form-data; boundary=x',
      };
    case 'utf16': {
      const s = new URLSearchParams(text()).toString();
      const bytes = new Uint8Array(2 + s.length * 2);
      bytes.set([0xff, 0xfe]);
      for (let i = 0; i < s.length; i++) bytes[2 + 2 * i] = s.charCodeAt(i) & 0xff;
      return { body: bytes, type: 'application/x-www-form-urlencoded; charset=utf-16' };
    }
    case 'bytes':
      return {
        body: new Uint8Array([0xc0, 0xaf, 0x3d, 0xff, 0x26, 0x80, 0x3d, 0xed, 0xa0, 0x80, seed & 0xff]),
        type: 'application/x-www-form-urlencoded',
      };
  }
}

/**
 * Posts `fields` to a page step with `creds`, on either mount, from a per-run client address;
 * `cookies` go along on /portal (a step's own cookie, such as the return draft's).
 */
export async function postStep(
  mount: Mount,
  step: string,
  creds: Creds,
  fields: Fields,
  encoding: Encoding,
  seed: number,
  shop = DEMO_SHOP_DOMAIN,
  cookies: Record<string, string> = {},
): Promise<Response> {
  const all: Fields = [...fields];
  if (creds.csrf !== undefined) all.unshift(['_csrf', creds.csrf]);
  if (mount === 'proxy' && creds.token !== undefined) all.unshift(['t', creds.token]);
  const { body, type } = encode(all, encoding, seed);
  const headers = new Headers({ 'cf-connecting-ip': `10.${(seed >> 16) & 255}.${(seed >> 8) & 255}.${seed & 255}` });
  if (type) headers.set('content-type', type);
  if (mount === 'portal') {
    const jar = Object.entries(cookies).map(([k, v]) => `${k}=${v}`);
    if (creds.token !== undefined) jar.push(`ac_portal=${creds.token}`);
    if (creds.nonce !== undefined) jar.push(`ac_csrf=${creds.nonce}`);
    if (jar.length) headers.set('cookie', jar.join('; '));
  }
  return quietFetch(
    new Request(await stepUrl(mount, step, shop), { method: 'POST', headers, body, redirect: 'manual' }),
  );
}

/** Every stored photo of the shop (R2): a refused choose form must leave nothing behind. */
export async function photoCount(shopId = DEMO_SHOP_ID): Promise<number> {
  let n = 0;
  let cursor: string | undefined;
  do {
    const page = await env.PHOTOS.list({ prefix: `${shopId}/`, ...(cursor ? { cursor } : {}) });
    n += page.objects.length;
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return n;
}

/** The path and query of a redirect, or '' when the answer is not one. */
export function location(res: Response): string {
  const loc = res.headers.get('location');
  return loc ? loc.replace(/^https?:\/\/[^/]+/, '') : '';
}

/** A JPEG's magic bytes, padded. */
export function jpeg(size = 64): File {
  const bytes = new Uint8Array(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
  return new File([bytes], 'photo.jpg', { type: 'image/jpeg' });
}
