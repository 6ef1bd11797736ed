// storage: own (looks up the demo shop's fixed orders: the lookup rate limiter is per workerd, not per file)
/**
 * Hostile posts at the shopper page's lookup and choose forms (`/portal/<shop>/*` and the app-proxy
 * mount `/apps/returns/*`): fields dropped, duplicated, replaced by huge, negative or unicode values,
 * bad percent-encoding, wrong content types (JSON, text/plain, multipart without a boundary),
 * non-image and empty photos, and the session and CSRF token absent, altered, expired, from another
 * session or another shop. Property: never a 5xx; a refusal is a page (HTML) or a redirect back to
 * the start, and writes nothing — no row (table snapshot), no photo (R2).
 * The submit step is in portal-submit.property.test.ts, the answers step in portal-answers.property.test.ts.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app';
import { DEMO_SHOP_DOMAIN, DEMO_SHOP_ID } from '../../src/db/demo-data';
import { seedDemoShop } from '../../src/db/seed';
import { installStarterSet } from '../../src/help/starter-set';
import { csrfToken } from '../../src/portal/csrf';
import { createServices } from '../../src/services';
import { createShop } from '../helpers/factory';
import { RUNS } from './arbitraries';
import {
  badCreds,
  badCsrf,
  encodings,
  goodCreds,
  jpeg,
  location,
  mutatedFields,
  NONCE,
  photoCount,
  postStep,
  SECRET,
  shopper,
  stepUrl,
  type Creds,
  type Encoding,
  type Fields,
  type Mount,
  type Shopper,
} from './portal-forms';
import { quietFetch } from './quiet-worker';
import { snapshot } from './snapshot';

const statuses = new Map<string, number>();
const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
let good: Shopper;
let wrongTokens: Record<string, string>;
let lines: string[] = [];
let exchangeVariant = '';
let pickupDate = '';

/** Encodings whose fields reach the route (the rest lose `_csrf`, or cannot be parsed at all). */
const parsed = new Set<Encoding>(['urlencoded', 'multipart', 'raw-percent']);
/** Behind the app proxy there are no cookies: a missing or different cookie nonce does not matter there. */
const accepted = (mount: Mount, c: Creds) => c.valid || (mount === 'proxy' && c.label.startsWith('cookie nonce'));

async function expectPage(res: Response, label: string): Promise<string> {
  const text = await res.text();
  expect(res.status, `${label}: ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status !== 303) expect(res.headers.get('content-type') ?? '', label).toContain('text/html');
  return text;
}

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await seedDemoShop(env.DB, Date.now());
  const other = await createShop(env.DB, { domain: 'other-tenant.myshopify.com' });
  const res = await quietFetch(
    new Request(`https://aftercare.test/api/portal/${DEMO_SHOP_DOMAIN}/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '10.250.0.1' },
      body: JSON.stringify({ order: '#1007', email: 'shopper@example.com' }),
    }),
  );
  expect(res.status).toBe(200);
  const body = (await res.json()) as {
    token: string;
    order: {
      id: string;
      lines: Array<{ id: string; exchangeOptions: Array<{ variantId: string; available: number }> }>;
    };
  };
  lines = body.order.lines.map((l) => l.id);
  exchangeVariant = body.order.lines[1]!.exchangeOptions.find((o) => o.available > 0)!.variantId;
  good = await shopper(body.order.id, 'hostile-forms-session');
  wrongTokens = {
    expired: (await shopper(body.order.id, good.sessionId, undefined, Date.now() - 1)).token,
    'other shop': (await shopper(body.order.id, good.sessionId, other.id)).token,
    'other secret': good.token.replace(/\.[^.]+$/, '.' + 'A'.repeat(43)),
    junk: 'v1.e30.AAAA',
  };
  const page = await quietFetch(
    new Request(await stepUrl('portal', '/order'), {
      headers: { cookie: `ac_portal=${good.token}; ac_csrf=${NONCE}` },
    }),
  );
  pickupDate = /name="pickup_date"[\s\S]*?<option value="([^"]+)"/.exec(await page.text())![1]!;
});

afterAll(() => {
  console.info('portal form outcomes', Object.fromEntries(statuses));
});

describe('shopper page form posts under hostile input', { timeout: 300_000 }, () => {
  it('covers every POST route the shopper page registers (a new form route must join these properties)', () => {
    const posts = createApp()
      .routes.filter(
        (r) => r.method === 'POST' && (r.path.startsWith('/portal/') || r.path.startsWith('/apps/returns')),
      )
      .map((r) => r.path.replace(/^\/portal\/:shop\{[^}]+\}/, '/portal/:shop'));
    expect([...new Set(posts)].sort()).toEqual([
      '/apps/returns/contact',
      '/apps/returns/help/:slug/feedback',
      '/apps/returns/lookup',
      '/apps/returns/order',
      '/apps/returns/returns/:id/messages',
      '/apps/returns/review/answers',
      '/apps/returns/submit',
      '/portal/:shop/contact',
      '/portal/:shop/help/:slug/feedback',
      '/portal/:shop/lookup',
      '/portal/:shop/order',
      '/portal/:shop/returns/:id/messages',
      '/portal/:shop/review/answers',
      '/portal/:shop/submit',
    ]);
  });

  it('help feedback form: hostile posts → the thanks redirect or a 4xx page, never 5xx; a refusal writes nothing', async () => {
    await installStarterSet(createServices(env), DEMO_SHOP_ID);
    const anon = await csrfToken(SECRET, NONCE, 'anon');
    const creds = fc.oneof(
      fc.constant<Creds>({ label: 'valid', csrf: anon, nonce: NONCE, valid: true }),
      badCsrf(undefined, anon, { 'session-bound csrf': good.csrf }),
    );
    const valid: Fields = [
      ['v', 'hostileVisit0123456789'],
      ['answer', 'yes'],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('portal' as const, 'proxy' as const),
        creds,
        mutatedFields(valid, ['lang', 't']),
        fc.constantFrom(...encodings),
        fc.constantFrom('return-policy', 'no-such-article', 'Bad_Slug'),
        fc.nat(),
        async (mount, c, { fields }, encoding, slug, seed) => {
          const before = await snapshot();
          const res = await postStep(mount, `/help/${slug}/feedback`, c, fields, encoding, seed);
          const label = `${mount} ${c.label} ${encoding} ${slug} ${JSON.stringify(fields).slice(0, 300)}`;
          await expectPage(res, label);
          count(`help feedback ${res.status}`);
          expect([303, 400, 403, 404, 413], label).toContain(res.status);
          if (res.status === 303) expect(location(res), label).toMatch(/\/help\/return-policy\?.*thanks=1/);
          else expect(await snapshot(), label).toBe(before);
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('contact and reply forms: hostile posts → a page or a redirect, never 5xx; only a valid session with a message writes', async () => {
    const creds = fc.oneof(
      fc.constant(goodCreds(good)),
      badCreds(good, wrongTokens, {
        'anon csrf': await csrfToken(SECRET, NONCE, 'anon'),
        'other session csrf': await csrfToken(SECRET, NONCE, 'someone-else'),
      }),
    );
    const valid: Fields = [['body', 'Where is my parcel? It has not arrived.']];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('portal' as const, 'proxy' as const),
        creds,
        mutatedFields(valid, ['lang', 't']),
        fc.constantFrom(...encodings),
        fc.constantFrom('/contact', '/returns/case_no_such_case/messages'),
        fc.nat(),
        async (mount, c, { fields }, encoding, path, seed) => {
          const before = await snapshot();
          const res = await postStep(mount, path, c, fields, encoding, seed);
          const label = `${mount} ${c.label} ${encoding} ${path} ${JSON.stringify(fields).slice(0, 300)}`;
          const text = await expectPage(res, label);
          count(`conversation ${path.split('/')[1]} ${res.status}`);
          const wrote = (await snapshot()) !== before;
          // Only the right session with its CSRF token and a parsed, non-empty body may open an inquiry
          // (or, first, be shown the answers matching it: the deflection step records that it showed them);
          // a message on a case the order does not have is refused and writes nothing.
          if (wrote) {
            expect(accepted(mount, c) && parsed.has(encoding) && path === '/contact', label).toBe(true);
            if (res.status === 200) expect(text, label).toContain('name="outcome" value="continued"');
            else expect(location(res), label).toMatch(/\/returns\/case_[^?]+\?.*sent=1/);
          }
          if (!accepted(mount, c)) expect(wrote, label).toBe(false);
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('lookup form: mutated fields, encodings and CSRF tokens → a page or the redirect to the order, never 5xx, and never a write', async () => {
    const anon = await csrfToken(SECRET, NONCE, 'anon');
    const creds = fc.oneof(
      fc.constant<Creds>({ label: 'valid', csrf: anon, nonce: NONCE, valid: true }),
      badCsrf(undefined, anon, { 'session-bound csrf': good.csrf }),
    );
    const valid: Fields = [
      ['order', '#1007'],
      ['email', 'shopper@example.com'],
    ];
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('portal' as const, 'proxy' as const),
        creds,
        mutatedFields(valid, ['lang', 't']),
        fc.constantFrom(...encodings),
        fc.nat(),
        async (mount, c, { fields }, encoding, seed) => {
          const res = await postStep(mount, '/lookup', c, fields, encoding, seed);
          const label = `${mount} ${c.label} ${encoding} ${JSON.stringify(fields).slice(0, 300)}`;
          await expectPage(res, label);
          count(`lookup ${res.status}`);
          expect([303, 400, 403, 404, 413, 429], label).toContain(res.status);
          if (!accepted(mount, c) || !parsed.has(encoding)) expect([400, 403, 413], label).toContain(res.status);
          if (res.status === 303) expect(location(res), label).toMatch(/\/order(\?|$)/);
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(await snapshot()).toBe(before);
  });

  it('choose form (quantities, reasons, photos, exchange, pickup): hostile posts → the review redirect, a 4xx page or the start, never 5xx; nothing stored unless it reaches review', async () => {
    const [l1, l2] = lines as [string, string];
    const templates: Fields[] = [
      [
        [`qty_${l1}`, '1'],
        [`reason_${l1}`, 'too_small'],
        ['resolution', 'refund'],
        ['method', 'drop_off'],
      ],
      [
        [`qty_${l2}`, '2'],
        [`reason_${l2}`, 'damaged'],
        [`photos_${l2}`, jpeg()],
        ['resolution', 'exchange'],
        [`exchange_${l2}`, exchangeVariant],
        ['method', 'pickup'],
        ['pickup_name', 'Sam'],
        ['pickup_address1', '1 Main St'],
        ['pickup_city', 'Springfield'],
        ['pickup_zip', '12345'],
        ['pickup_country', 'US'],
        ['pickup_date', pickupDate],
      ],
    ];
    const photo = fc.constantFrom(
      jpeg(),
      new File(['<svg/>'], 'x.png', { type: 'image/png' }),
      new File([], 'empty.jpg', { type: 'image/jpeg' }),
      new File([new Uint8Array([0x89, 0x50])], 'short.png', { type: 'image/png' }),
      new File(['MZ\x90\x00'], 'photo.jpg.exe', { type: 'image/jpeg' }),
    );
    const body = fc
      .tuple(
        fc.constantFrom(...templates),
        fc.array(photo, { maxLength: 8 }),
        fc.constantFrom(...lines, 'gid://shopify/LineItem/1', '../x'),
      )
      .chain(([t, photos, line]) =>
        mutatedFields(
          [...t, ...photos.map((p): [string, File] => [`photos_${line}`, p])],
          [
            ...lines.flatMap((l) => [`qty_${l}`, `reason_${l}`, `exchange_${l}`, `note_${l}`]),
            'pickup_date',
            'resolution',
            'method',
          ],
        ),
      );
    const creds = fc.oneof(
      fc.constant(goodCreds(good)),
      badCreds(good, wrongTokens, {
        'anon csrf': await csrfToken(SECRET, NONCE, 'anon'),
        'other session csrf': await csrfToken(SECRET, NONCE, 'someone-else'),
      }),
    );
    const rows = await snapshot();
    let photos = await photoCount();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('portal' as const, 'proxy' as const),
        creds,
        body,
        fc.constantFrom(...encodings),
        fc.nat(),
        async (mount, c, { fields }, encoding, seed) => {
          const res = await postStep(mount, '/order', c, fields, encoding, seed);
          const label = `${mount} ${c.label} ${encoding} ${JSON.stringify(fields.map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, 40) : `file:${v.name}:${v.size}`]))}`;
          const text = await expectPage(res, label);
          const to = location(res);
          const reviewed = res.status === 303 && /\/review(\?|$)/.test(to);
          // On /portal the draft rides in a cookie scoped to the review path, never in the Location.
          if (reviewed && mount === 'portal') {
            expect(to, label).not.toMatch(/[?&]d=/);
            expect(res.headers.get('set-cookie') ?? '', label).toMatch(
              /ac_draft0=[^;]+;.*Path=\/portal\/[^/;]+\/review;.*HttpOnly/,
            );
          }
          if (reviewed && mount === 'proxy') expect(to, label).toMatch(/[?&]d=/);
          count(`order ${res.status}${reviewed ? ' review' : to.includes('expired=1') ? ' expired' : ''}`);
          // A missing or wrong session goes back to the start (or is refused before it is read: an unparseable body).
          if (c.token !== good.token) expect(to.includes('expired=1') || res.status === 400, label).toBe(true);
          if (!accepted(mount, c) || !parsed.has(encoding)) expect(reviewed, label).toBe(false);
          if (res.status === 422) expect(text, label).toContain('role="alert"');
          if (!reviewed) expect(await photoCount(), `${label} stored a photo while refused`).toBe(photos);
          else photos = await photoCount();
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
    // The choose step keeps the chosen return in a signed draft: it never writes a row, accepted or not.
    expect(await snapshot()).toBe(rows);
    expect(statuses.get('order 303 review') ?? 0, 'valid posts reached review').toBeGreaterThan(10);
    expect(statuses.get('order 422') ?? 0, 'field errors were re-rendered').toBeGreaterThan(10);
  });
});
