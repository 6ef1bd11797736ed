// storage: own (looks up the demo shop's fixed orders: the lookup rate limiter is per workerd, not per file)
/**
 * Tenant isolation of EVERY shopper route the app registers (the page on both mounts, `/portal/<shop>`
 * and the app proxy `/apps/returns`, and the JSON API `/api/portal/<shop>`), walked from the route
 * table so a new route cannot be missed:
 * - shop A's shopper token (with A's ids) at shop B's mount: the session is refused (back to the
 *   start, or 401), and nothing of A's is shown;
 * - shop A's token at A's own mount with shop B's ids (case, photo, line, order): never B's data.
 * Neither writes anything (table snapshot around the walk).
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app';
import { openReturn } from '../../src/commands/open-return';
import { DEMO_SHOP_DOMAIN, DEMO_SHOP_ID } from '../../src/db/demo-data';
import { seedDemoShop } from '../../src/db/seed';
import { csrfToken } from '../../src/portal/csrf';
import { signDraft } from '../../src/portal/draft';
import { createServices } from '../../src/services';
import { createOrder, createShop } from '../helpers/factory';
import { NONCE, SECRET, shopper, stepUrl, type Shopper } from './portal-forms';
import { quietFetch } from './quiet-worker';
import { snapshot } from './snapshot';

const B = 'tenant-b-portal.myshopify.com';
interface Tenant {
  domain: string;
  orderName: string;
  email: string;
  line: string;
  caseId: string;
  photo: string;
  shopper: Shopper;
  markers: string[];
}
let a: Tenant;
let b: Tenant;

async function tenant(
  shopId: string,
  domain: string,
  orderName: string,
  email: string,
  title: string,
): Promise<Tenant> {
  const { order, lines } = await createOrder(env.DB, shopId, {
    name: orderName,
    email,
    deliveredDaysAgo: 2,
    lines: [{ title, quantity: 3, sku: `${title}-SKU` }],
  });
  const c = await openReturn(createServices(env), {
    shopId,
    orderId: order.id,
    items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_small' }],
    resolution: 'refund',
    method: 'drop_off',
  });
  const photo = `${shopId}/pending-${order.id}/isolation.jpg`;
  await env.PHOTOS.put(photo, new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), {
    httpMetadata: { contentType: 'image/jpeg' },
    customMetadata: { shopId, orderId: order.id },
  });
  const s = await shopper(order.id, `isolation-${shopId}`, shopId);
  return {
    domain,
    orderName,
    email,
    line: lines[0]!.id,
    caseId: c.caseId,
    photo,
    shopper: s,
    markers: [email, title, c.caseId, order.id, lines[0]!.id, photo],
  };
}

/** The shopper routes of the app, once per method and path. */
function shopperRoutes(): Array<{ method: string; path: string }> {
  const seen = new Set<string>();
  return createApp()
    .routes.filter((r) => r.method !== 'ALL' && /^\/(portal\/|apps\/returns|api\/portal\/)/.test(r.path))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && !!seen.add(`${r.method} ${r.path}`))
    .map((r) => ({ method: r.method, path: r.path }));
}

/** The request for `route` at `mount`'s shop, carrying `who`'s session and naming `ids`' objects. */
async function request(
  route: { method: string; path: string },
  mountShop: string,
  who: Tenant,
  ids: Tenant,
): Promise<{ req: Request; sent: string }> {
  const api = route.path.startsWith('/api/portal/');
  const proxied = route.path.startsWith('/apps/returns');
  const rest = route.path
    .replace(/^\/(api\/portal|portal)\/:shop(\{[^}]*\})?/, '')
    .replace(/^\/apps\/returns/, '')
    .replace(':id', ids.caseId)
    .replace(/:key(\{[^}]*\})?/, ids.photo);
  const headers = new Headers({
    'cf-connecting-ip': `10.77.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`,
  });
  const fields: Record<string, string> = { _csrf: who.shopper.csrf };
  // The lookup form's CSRF token is bound to no session yet.
  if (rest === '/lookup')
    Object.assign(fields, { _csrf: await csrfToken(SECRET, NONCE, 'anon'), order: ids.orderName, email: ids.email });
  if (rest === '/order')
    Object.assign(fields, {
      [`qty_${ids.line}`]: '1',
      [`reason_${ids.line}`]: 'too_small',
      resolution: 'refund',
      method: 'drop_off',
    });
  if (rest === '/submit')
    fields.d = await signDraft(
      SECRET,
      who.shopper,
      { items: [{ lineItemId: ids.line, quantity: 1, reason: 'too_small' }], resolution: 'refund', method: 'drop_off' },
      { now: Date.now(), carrier: proxied ? 'proxy-url' : 'cookie' },
    );
  let url: string;
  let body: BodyInit | undefined;
  if (api) {
    url = `https://aftercare.test/api/portal/${mountShop}${rest}`;
    headers.set('authorization', `Bearer ${who.shopper.token}`);
    if (rest === '/lookup') body = JSON.stringify({ order: ids.orderName, email: ids.email });
    if (rest === '/returns')
      body = JSON.stringify({
        items: [{ lineItemId: ids.line, quantity: 1, reason: 'too_small', photos: [ids.photo] }],
        resolution: 'refund',
        method: 'drop_off',
      });
    if (rest === '/photos') {
      const form = new FormData();
      form.append('photo', new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'p.jpg'));
      body = form;
    } else if (body) headers.set('content-type', 'application/json');
  } else {
    url = await stepUrl(
      proxied ? 'proxy' : 'portal',
      rest,
      mountShop,
      proxied && route.method === 'GET' ? { t: who.shopper.token } : {},
    );
    if (proxied) fields.t = who.shopper.token;
    else headers.set('cookie', `ac_portal=${who.shopper.token}; ac_csrf=${NONCE}`);
    if (route.method === 'POST') {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(fields).toString();
    }
  }
  // What the caller itself sent: a page may echo it back (the typed email, the refused line id); that is no leak.
  // (The draft `d` carries its line id base64url-encoded.)
  const sent =
    decodeURIComponent(url) +
    (typeof body === 'string' ? decodeURIComponent(body.replace(/\+/g, ' ')) : '') +
    (fields.d ? ids.line : '');
  return { req: new Request(url, { method: route.method, headers, body, redirect: 'manual' }), sent };
}

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await seedDemoShop(env.DB, Date.now());
  const shopB = await createShop(env.DB, { domain: B });
  a = await tenant(DEMO_SHOP_ID, DEMO_SHOP_DOMAIN, '#A-5501', 'alice-only-in-a@example.com', 'A secret item');
  b = await tenant(shopB.id, B, '#B-5501', 'bob-only-in-b@example.com', 'B secret item');
});

describe('tenant isolation of every shopper route', () => {
  it('finds the shopper routes to walk, on both page mounts and the API', () => {
    const routes = shopperRoutes().map((r) => `${r.method} ${r.path.replace(/\{[^}]*\}/g, '')}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /portal/:shop/lookup',
        'POST /apps/returns/submit',
        'GET /apps/returns/returns/:id',
        'GET /portal/:shop/photos/:key',
        'POST /api/portal/:shop/returns',
        'GET /api/portal/:shop/returns/:id',
        'POST /api/portal/:shop/photos',
      ]),
    );
    expect(routes.length).toBeGreaterThanOrEqual(20);
  });

  it("shop A's session at shop B's mount is refused and shows nothing of A's; A's session never reaches B's case, photo, line or order", async () => {
    const before = await snapshot();
    const photosBefore = (await env.PHOTOS.list()).objects.length;
    const problems: string[] = [];
    for (const route of shopperRoutes()) {
      // The start page, the help center and `/track` (a help article's link: the order page with a
      // session, else the lookup) are public: they may answer, but show nothing of A's.
      const helpRoute = /\/help(\/:slug(\/feedback)?)?$/.test(route.path) || route.path.endsWith('/track');
      const publicRoute =
        helpRoute || (route.method === 'GET' && /(\/portal\/:shop(\{[^}]*\})?|\/apps\/returns)$/.test(route.path));
      const lookup = route.path.endsWith('/lookup');
      const namesIds = /:(id|key)\b/.test(route.path);
      for (const [attack, mount, ids] of [
        ['A at B', b.domain, a],
        ['B ids at A', a.domain, b],
      ] as const) {
        // An upload names no object: at A's own mount it is simply A's upload.
        if (attack === 'B ids at A' && route.method === 'POST' && route.path.endsWith('/photos')) continue;
        const { req, sent } = await request(route, mount, a, ids);
        const res = await quietFetch(req);
        const text = await res.text();
        const label = `${attack} ${route.method} ${route.path}: ${res.status} ${res.headers.get('location') ?? ''}`;
        const foreign = attack === 'A at B' ? a : b;
        const leaked = foreign.markers.filter(
          (m) => !sent.includes(m) && (text.includes(m) || (res.headers.get('location') ?? '').includes(m)),
        );
        if (res.status >= 500) problems.push(`${label} 5xx`);
        if (leaked.length) problems.push(`${label} leaked ${leaked.join(', ')}`);
        // A's own pages at A's mount are A's to see; what matters there is that B's objects are not.
        if (res.status >= 200 && res.status < 300 && !publicRoute && (attack === 'A at B' || namesIds))
          problems.push(`${label} accepted`);
        if (attack === 'A at B' && !publicRoute && !lookup) {
          // The session is refused outright: back to the start (page), 401 (API).
          const refused =
            res.status === 401 || (res.status === 303 && /expired=1/.test(res.headers.get('location') ?? ''));
          if (!refused) problems.push(`${label} session not refused`);
        }
        if (res.status === 303 && /\/returns\/case_/.test(res.headers.get('location') ?? ''))
          problems.push(`${label} opened a return`);
      }
    }
    expect(problems.join('\n')).toBe('');
    expect(await snapshot()).toBe(before);
    expect((await env.PHOTOS.list()).objects.length).toBe(photosBefore);
  });

  it('control: the same requests with matching shop, session and ids are accepted (the refusals above are about tenancy)', async () => {
    const own = await quietFetch(
      (await request({ method: 'GET', path: '/api/portal/:shop/returns/:id' }, a.domain, a, a)).req,
    );
    expect(own.status).toBe(200);
    expect(await own.text()).toContain(a.caseId);
    const page = await quietFetch(
      (await request({ method: 'GET', path: '/apps/returns/returns/:id' }, a.domain, a, a)).req,
    );
    expect(page.status).toBe(200);
    const photo = await quietFetch(
      (await request({ method: 'GET', path: '/portal/:shop/photos/:key' }, a.domain, a, a)).req,
    );
    expect(photo.status).toBe(200);
  });
});
