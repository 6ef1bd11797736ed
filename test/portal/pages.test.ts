// storage: own (looks up the demo shop's fixed orders: the lookup rate limiter is per workerd, not per file)
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { signProxyQuery } from '../../src/portal/app-proxy';
import { Browser, hidden, lineIds, location } from './browser';
import { call, demoShop, freshIp, jpeg, proxied, SHOP } from './helpers';

beforeAll(demoShop);
const START = `/portal/${SHOP}`;

async function signedIn(order = '#1002', lang?: string) {
  const b = new Browser(freshIp(), lang);
  const start = await b.get(START);
  const res = await b.post(
    `${START}/lookup`,
    new URLSearchParams({ _csrf: hidden(await start.text(), '_csrf'), order, email: 'shopper@example.com' }),
  );
  expect(res.status).toBe(303);
  expect(location(res)).toBe(`${START}/order`);
  const page = await b.get(`${START}/order`);
  expect(page.status).toBe(200);
  return { b, html: await page.text() };
}

describe('the shopper page without JavaScript (forms + POST/Redirect/GET)', () => {
  it('walks help → lookup → choose (photo, exchange, pickup) → review → submit → status', async () => {
    const b = new Browser(freshIp());
    const start = await b.get(START);
    expect(start.status).toBe(200);
    const startHtml = await start.text();
    expect(startHtml).toContain('You can return most items within 30 days of delivery.');
    expect(startHtml).toMatch(/<label for="order">Order number<\/label>/);

    const lookedUp = await b.post(
      `${START}/lookup`,
      new URLSearchParams({ _csrf: hidden(startHtml, '_csrf'), order: '1002', email: 'shopper@example.com' }),
    );
    expect(lookedUp.status).toBe(303);
    expect(b.cookies.get('ac_portal')).toMatch(/^v1\./);

    const order = await (await b.get(location(lookedUp))).text();
    const [line] = lineIds(order);
    expect(order).toContain('Trail Runner Sneakers');
    const form = new FormData();
    form.set('_csrf', hidden(order, '_csrf'));
    form.set(`qty_${line}`, '1');
    form.set(`reason_${line}`, 'damaged');
    form.append(`photos_${line}`, jpeg(4096));
    form.set(`note_${line}`, 'sole came loose');
    form.set('resolution', 'exchange');
    form.set(`exchange_${line}`, 'gid://shopify/ProductVariant/70023');
    form.set('method', 'pickup');
    for (const [k, v] of Object.entries({
      pickup_name: 'Sam Shopper',
      pickup_address1: '500 Market St',
      pickup_city: 'San Francisco',
      pickup_zip: '94105',
      pickup_country: 'United States',
    }))
      form.set(k, v);
    form.set('pickup_date', /name="pickup_date"[\s\S]*?<option value="([^"]+)"/.exec(order)![1]!);
    const chosen = await b.post(`${START}/order`, form);
    expect(chosen.status).toBe(303);
    const reviewUrl = location(chosen);
    // The chosen return waits in a cookie scoped to the review page, not in the URL.
    expect(reviewUrl).toBe(`${START}/review`);
    expect(b.cookies.get('ac_draft0')).toBeTruthy();

    const review = await (await b.get(reviewUrl)).text();
    expect(review).toContain('EU 43');
    expect(review).toContain('Carrier pickup');
    const submitted = await b.post(
      `${START}/submit`,
      new URLSearchParams({ _csrf: hidden(review, '_csrf'), d: hidden(review, 'd') }),
    );
    expect(submitted.status).toBe(303);
    const statusUrl = location(submitted);
    const caseId = /\/returns\/(case_[A-Z0-9]+)\?new=1$/.exec(statusUrl)![1]!;

    const status = await (await b.get(statusUrl)).text();
    expect(status).toMatch(/Return R-\d+/);
    expect(status).toContain('role="status"');
    const row = await env.DB.prepare('SELECT resolution, method FROM cases WHERE id = ?').bind(caseId).first();
    expect(row).toEqual({ resolution: 'exchange', method: 'pickup' });
    const item = await env.DB.prepare('SELECT exchange_variant_id, photo_keys FROM case_items WHERE case_id = ?')
      .bind(caseId)
      .first<{ exchange_variant_id: string; photo_keys: string }>();
    expect(item!.exchange_variant_id).toBe('gid://shopify/ProductVariant/70023');
    expect(JSON.parse(item!.photo_keys)).toHaveLength(1);
    const pickup = await env.DB.prepare('SELECT status FROM pickups WHERE case_id = ?').bind(caseId).first();
    expect(pickup).toEqual({ status: 'requested' });
  });

  it('speaks Chinese from Accept-Language and switches language with ?lang=, remembered by cookie', async () => {
    const b = new Browser(freshIp(), 'zh-CN');
    const zh = await (await b.get(START)).text();
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('查找您的订单');
    const en = await (await b.get(`${START}?lang=en`)).text();
    expect(en).toContain('<html lang="en">');
    expect(b.cookies.get('ac_lang')).toBe('en');
    expect(await (await b.get(START)).text()).toContain('Find your order');
  });

  it('speaks German (Sie-form) to a shopper from Austria, Switzerland or Germany, with German money on the order', async () => {
    for (const lang of ['de-AT,de;q=0.9,en;q=0.5', 'de-CH', 'de-DE,de']) {
      const start = await (await new Browser(freshIp(), lang).get(START)).text();
      expect(start, lang).toContain('<html lang="de">');
      expect(start, lang).toContain('<h2 id="lookup-h">Bestellung finden</h2>');
      expect(start, lang).toContain(
        'Die meisten Artikel können Sie innerhalb von 30 Tagen nach der Zustellung zurücksenden.',
      );
      for (const german of ['<label for="order">Bestellnummer</label>', 'Zum Inhalt springen'])
        expect(start, lang).toContain(german);
      expect(start, lang).toMatch(/<a href="[^"]*lang=de"[^>]*aria-current="true"[^>]*>Deutsch<\/a>/);
    }
    const { html } = await signedIn('#1007', 'de-DE');
    // 120.00 USD, written the German way: comma decimals, the sign after a no-break space.
    for (const german of [
      '<html lang="de">',
      'Bestellung #1007',
      '120,00\u00a0$',
      'Beschädigt angekommen',
      'Abholung durch den Paketdienst',
    ])
      expect(html).toContain(german);
    for (const english of ['$120.00', 'Arrived damaged', 'Carrier pickup']) expect(html).not.toContain(english);
  });

  it('answers a wrong pair with the same page and an announced error, status 404', async () => {
    const b = new Browser(freshIp());
    const csrf = hidden(await (await b.get(START)).text(), '_csrf');
    const wrongEmail = await b.post(
      `${START}/lookup`,
      new URLSearchParams({ _csrf: csrf, order: '#1001', email: 'x@example.com' }),
    );
    const wrongOrder = await b.post(
      `${START}/lookup`,
      new URLSearchParams({ _csrf: csrf, order: '#9999', email: 'shopper@example.com' }),
    );
    expect([wrongEmail.status, wrongOrder.status]).toEqual([404, 404]);
    const [a, c] = [await wrongEmail.text(), await wrongOrder.text()];
    expect(a).toContain('role="alert"');
    const alert = (h: string) => /role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(h)![1];
    expect(alert(a)).toBe(alert(c));
    // The language switch on that page leads back to the (GET) start page, not to the POST route.
    expect(a).toContain(`href="${START}?lang=zh-CN"`);
  });

  it('refuses a form without its CSRF token or with one from another session', async () => {
    const b = new Browser(freshIp());
    await b.get(START);
    expect(
      (await b.post(`${START}/lookup`, new URLSearchParams({ order: '#1001', email: 'shopper@example.com' }))).status,
    ).toBe(403);
    const { b: other, html } = await signedIn('#1001');
    const stolen = hidden(html, '_csrf');
    const { b: victim } = await signedIn('#1001');
    const form = new FormData();
    form.set('_csrf', stolen);
    expect((await victim.post(`${START}/order`, form)).status).toBe(403);
    void other;
  });

  it('re-renders the choose step with the field errors tied to their controls for a wrong-type photo (422)', async () => {
    const { b, html } = await signedIn('#1007');
    const [line] = lineIds(html);
    const form = new FormData();
    form.set('_csrf', hidden(html, '_csrf'));
    form.set(`qty_${line}`, '1');
    form.set(`reason_${line}`, 'damaged');
    form.append(`photos_${line}`, new File(['<svg/>'], 'x.png', { type: 'image/png' }));
    form.set('resolution', 'refund');
    form.set('method', 'drop_off');
    const res = await b.post(`${START}/order`, form);
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('role="alert"');
    expect(page).toContain(`id="photos_${line}-error"`);
    expect(page).toMatch(new RegExp(`aria-describedby="photos_${line}-hint photos_${line}-error"`));
    expect(page).toContain('Photos must be JPEG, PNG, WebP or HEIC.');
  });

  it('sends an expired or missing session back to the start', async () => {
    const b = new Browser(freshIp());
    const res = await b.get(`${START}/order`);
    expect(res.status).toBe(303);
    expect(location(res)).toBe(`${START}?expired=1`);
    b.cookies.set('ac_portal', 'v1.tampered.sig');
    expect(location(await b.get(`${START}/order`))).toBe(`${START}?expired=1`);
  });

  it('sends a photo form without a session back to the start before reading its body (API: 401, unread too)', async () => {
    const upload = () => {
      const counter = { pulled: 0 };
      const chunk = new Uint8Array(1024 * 1024);
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          counter.pulled += 1;
          if (counter.pulled > 40) controller.close();
          else controller.enqueue(chunk);
        },
      });
      const init = {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        body,
        duplex: 'half',
      };
      return { counter, init: init as RequestInit };
    };
    // The app in this isolate (no service-binding pipe that would drain the stream on its own).
    const app = createApp();
    const send = (path: string, init: RequestInit) =>
      app.fetch(new Request(`https://aftercare.test${path}`, { ...init, redirect: 'manual' }), env);
    const page = upload();
    const res = await send(`${START}/order`, page.init);
    expect(res.status).toBe(303);
    expect(location(res)).toBe(`${START}?expired=1`);
    expect(page.counter.pulled, 'page').toBeLessThanOrEqual(2);
    const api = upload();
    expect((await send(`/api/portal/${SHOP}/photos`, api.init)).status).toBe(401);
    expect(api.counter.pulled, 'api').toBeLessThanOrEqual(2);
  });

  it('rate limits page lookups too (429 page with Retry-After)', async () => {
    const b = new Browser(freshIp());
    const csrf = hidden(await (await b.get(START)).text(), '_csrf');
    // Fixed 60 s windows: the 429 comes after 10 to 20 attempts depending on where the edge falls.
    let last: Response | undefined;
    for (let i = 0; i < 25 && last?.status !== 429; i++)
      last = await b.post(
        `${START}/lookup`,
        new URLSearchParams({ _csrf: csrf, order: `#${6000 + i}`, email: `no${i}@example.com` }),
      );
    expect(last!.status).toBe(429);
    expect(last!.headers.get('retry-after')).toBe('60');
  });
});

describe('through the Shopify app proxy (/apps/returns)', () => {
  it('serves the page for a correctly signed request with links under the proxy prefix', async () => {
    const res = await call(await proxied('/apps/returns'));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('action="/apps/returns/lookup?lang=en"');
  });

  it('carries the session in the form (cookies do not pass the proxy) through lookup to the order', async () => {
    const start = await (await call(await proxied('/apps/returns'))).text();
    const res = await call(await proxied('/apps/returns/lookup'), {
      method: 'POST',
      body: new URLSearchParams({
        _csrf: hidden(start, '_csrf'),
        order: '#1001',
        email: 'shopper@example.com',
        lang: 'en',
      }),
    });
    expect(res.status).toBe(303);
    const loc = new URL(res.headers.get('location')!, 'https://shop.example');
    expect(loc.pathname).toBe('/apps/returns/order');
    const t = loc.searchParams.get('t')!;
    expect(t).toMatch(/^v1\./);
    const order = await call(await proxied('/apps/returns/order', { t }));
    expect(order.status).toBe(200);
    expect(await order.text()).toContain('Order #1001');
  });

  it('limits lookups per shopper address from X-Forwarded-For, not per Shopify server, and ignores hops the shopper forged', async () => {
    const shopifyServer = '35.0.0.1';
    const start = await (await call(await proxied('/apps/returns'), { ip: shopifyServer })).text();
    let attempt = 0;
    const post = async (xff: string) =>
      call(await proxied('/apps/returns/lookup'), {
        method: 'POST',
        ip: shopifyServer,
        // Cloudflare appends the address that connected to it (Shopify's server) after Shopify's hop.
        headers: { 'x-forwarded-for': `${xff}, ${shopifyServer}` },
        body: new URLSearchParams({
          _csrf: hidden(start, '_csrf'),
          order: `#${5000 + attempt}`,
          email: `proxy${attempt++}@example.com`,
        }),
      });
    // One shopper (on an IPv6 /64, changing the host half and forging a first hop each time) is limited...
    const statuses: number[] = [];
    while (statuses.length < 25 && statuses.at(-1) !== 429)
      statuses.push(
        (await post(`10.9.9.${statuses.length}, 2001:db8:aa:bb:${statuses.length.toString(16)}::1`)).status,
      );
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.indexOf(429)).toBeGreaterThanOrEqual(10);
    // ...while another shopper through the same Shopify server is not.
    expect((await post('2001:db8:cc:dd::1')).status).toBe(404);
  });

  it('refuses an unsigned, wrongly signed or stale request with 401', async () => {
    expect((await call(`/apps/returns?shop=${SHOP}`)).status).toBe(401);
    const good = await proxied('/apps/returns');
    expect((await call(good.replace('shop=demo-shop', 'shop=evil-shop'))).status).toBe(401);
    const q = new URLSearchParams({
      shop: SHOP,
      path_prefix: '/apps/returns',
      timestamp: String(Math.floor(Date.now() / 1000) - 3 * 86400),
    });
    q.set('signature', await signProxyQuery('dev-shopify-secret', q));
    expect((await call(`/apps/returns?${q}`)).status).toBe(401);
  });
});
