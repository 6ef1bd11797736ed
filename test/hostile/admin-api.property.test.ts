// storage: own (looks up the demo shop's fixed orders: the lookup rate limiter is per workerd, not per file)
/**
 * Hostile bodies at every admin JSON writer: `POST /api/admin/cases/:id/actions`, `PUT
 * /api/admin/policy`, `PUT /api/admin/taxonomy`, `POST /api/admin/sla/resync`, `POST/PATCH
 * /api/admin/support-addresses`. Bodies are a valid
 * document with one field replaced by something it must not accept (wrong type, huge number, deep
 * nesting, prototype keys), or raw junk (broken JSON, non-UTF-8 bytes), under any content type.
 * Property: never a 5xx; a refusal is a 4xx problem+json and writes nothing (table snapshot).
 * A body the route legitimately accepts (2xx) moves the baseline.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_SHOP_DOMAIN } from '../../src/db/demo-data';
import { seedDemoShop } from '../../src/db/seed';
import { brokenBodyBytes, brokenBodyText, contentType, deepJson, hostileJson, hugeNumber, RUNS } from './arbitraries';
import { quietFetch } from './quiet-worker';
import { WriteWatch } from './snapshot';

const ADMIN = { authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm', 'x-shop-domain': DEMO_SHOP_DOMAIN };
const watch = new WriteWatch();
/** Statuses seen, so a run that only ever hit the auth wall (401) or a 404 cannot pass as proof. */
const statuses = new Map<number, number>();
let caseId = '';
let policy: Record<string, unknown> = {};

async function admin(method: string, path: string, body: string | Uint8Array, type: string): Promise<Response> {
  const headers: Record<string, string> = { ...ADMIN };
  if (type) headers['content-type'] = type;
  return quietFetch(new Request(`https://aftercare.test/api/admin${path}`, { method, headers, body }));
}

/** A value no field of these documents accepts where a string, number, enum or list belongs. */
const wrongValue = fc.oneof(
  hugeNumber.filter((n) => !Number.isSafeInteger(n) || n < 0 || n > 1e12),
  deepJson,
  fc.constantFrom(
    null,
    true,
    [],
    {},
    [[[[]]]],
    { __proto__: { admin: true } },
    { constructor: { prototype: { x: 1 } } },
    '',
    ' ',
    '9'.repeat(400),
    'x'.repeat(6000),
    '\ud800',
    'NaN',
    '-0',
    '1e309',
  ),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'a'), hostileJson, { minKeys: 1 }),
);

/** `doc` with the value at `path` replaced (creating nothing: paths come from the document). */
function replaced(doc: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(doc)) return doc.map((v, i) => (i === head ? replaced(v, rest, value) : v));
  if (doc && typeof doc === 'object')
    return {
      ...(doc as Record<string, unknown>),
      [head!]: replaced((doc as Record<string, unknown>)[head!], rest, value),
    };
  return value;
}

/** Every path to a leaf (and to each object/array) of a JSON document. */
function paths(doc: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = prefix.length ? [prefix] : [];
  if (Array.isArray(doc)) {
    for (const [i, v] of doc.slice(0, 3).entries()) out.push(...paths(v, [...prefix, i]));
  } else if (doc && typeof doc === 'object')
    for (const [k, v] of Object.entries(doc)) out.push(...paths(v, [...prefix, k]));
  return out;
}

const rawJunk = fc.oneof(brokenBodyText, brokenBodyBytes as fc.Arbitrary<string | Uint8Array>);

/** One hostile body derived from `valid` documents: a field replaced, or junk. */
function hostileFrom(valid: unknown[]): fc.Arbitrary<{ body: string | Uint8Array; type: string; label: string }> {
  const mutated = fc
    .constantFrom(...valid)
    .chain((doc) => fc.tuple(fc.constant(doc), fc.constantFrom(...paths(doc)), wrongValue))
    .map(([doc, path, value]) => ({
      body: JSON.stringify(replaced(doc, path, value)) ?? 'null',
      label: `${path.join('.')} replaced`,
    }));
  const junk = rawJunk.map((body) => ({ body, label: 'junk' }));
  const wrongType = fc
    .tuple(
      fc.constantFrom(...valid),
      contentType.filter((t) => !t.startsWith('application/json')),
    )
    .map(([doc, type]) => ({ body: JSON.stringify(doc), type, label: `valid body as ${type || 'no type'}` }));
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(mutated, fc.constantFrom('application/json', 'application/json; charset=utf-8'))
        .map(([m, type]) => ({ ...m, type })),
    },
    { weight: 2, arbitrary: fc.tuple(junk, contentType).map(([m, type]) => ({ ...m, type })) },
    { weight: 2, arbitrary: wrongType },
  );
}

/** A 4xx problem+json and no write, or a legitimate 2xx (baseline moves). Never a 5xx. */
async function judge(res: Response, label: string): Promise<void> {
  const text = await res.text();
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  expect(res.status, `${label}: ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status < 300) return watch.accept();
  expect(res.status, `${label}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.headers.get('content-type') ?? '', label).toContain('application/problem+json');
  expect(await watch.current(), `${label} wrote while refused`).toBe(await watch.baseline());
}

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await seedDemoShop(env.DB, Date.now());
  // A real case to act on, opened the way a shopper opens one.
  const portal = `https://aftercare.test/api/portal/${DEMO_SHOP_DOMAIN}`;
  const found = await quietFetch(
    new Request(`${portal}/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '10.250.0.1' },
      body: JSON.stringify({ order: '#1001', email: 'shopper@example.com' }),
    }),
  );
  const { token, order } = (await found.json()) as {
    token: string;
    order: { lines: Array<{ id: string; eligible: boolean }> };
  };
  const line = order.lines.find((l) => l.eligible)!;
  const opened = await quietFetch(
    new Request(`${portal}/returns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        items: [{ lineItemId: line.id, quantity: 1, reason: 'too_small' }],
        resolution: 'refund',
        method: 'drop_off',
      }),
    }),
  );
  expect(opened.status).toBe(201);
  caseId = ((await opened.json()) as { id: string }).id;
  const got = await quietFetch(new Request('https://aftercare.test/api/admin/policy', { headers: ADMIN }));
  policy = (await got.json()) as Record<string, unknown>;
  await watch.accept();
});

afterAll(() => {
  // The bodies reached validation (400), the media-type check (415) and the handlers (2xx/4xx).
  expect(statuses.get(401) ?? 0).toBe(0);
  expect(statuses.get(400) ?? 0).toBeGreaterThan(500);
  expect(statuses.get(415) ?? 0).toBeGreaterThan(100);
});

describe('admin JSON API under hostile input', { timeout: 240_000 }, () => {
  it('POST /api/admin/cases/:id/actions: mutated actions, junk, wrong content types → 4xx problem+json and no write, never 5xx', async () => {
    const actions = [
      { action: 'approve', note: 'ok' },
      { action: 'reject', reason: 'worn' },
      { action: 'request_info', message: 'photo please' },
      { action: 'refund', amountMinor: 100, note: 'partial' },
      { action: 'receive', items: [{ itemId: 'item_x', condition: 'as_new' }] },
      { action: 'exchange', items: [{ itemId: 'item_x', variantId: 'v1' }] },
      { action: 'note', text: 'hello' },
      { action: 'tag', add: ['vip'], remove: ['x'] },
      { action: 'reopen', reason: 'again' },
    ];
    const target = fc.oneof(
      { weight: 9, arbitrary: fc.constant('own') },
      { weight: 1, arbitrary: fc.constantFrom('case_00000000000000000000000000', 'case_x', '..%2F..', '%00') },
    );
    await fc.assert(
      fc.asyncProperty(hostileFrom(actions), target, async (req, which) => {
        const id = which === 'own' ? caseId : which;
        await judge(await admin('POST', `/cases/${id}/actions`, req.body, req.type), `${req.label} → ${id}`);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('PUT /api/admin/policy: the current policy with one field replaced, junk, wrong content types → 4xx and no write', async () => {
    await fc.assert(
      fc.asyncProperty(hostileFrom([policy]), async (req) => {
        await judge(await admin('PUT', '/policy', req.body, req.type), req.label);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('PUT /api/admin/taxonomy and POST /api/admin/sla/resync: mutated and junk bodies → 4xx and no write', async () => {
    const taxonomy = { tags: [{ code: 'vip', label: 'VIP' }], reasons: [{ code: 'too_small', label: 'Too small' }] };
    const resync = { caseIds: [caseId] };
    await fc.assert(
      fc.asyncProperty(fc.boolean(), hostileFrom([taxonomy]), hostileFrom([resync]), async (which, tax, res) => {
        if (which) await judge(await admin('PUT', '/taxonomy', tax.body, tax.type), `taxonomy ${tax.label}`);
        else await judge(await admin('POST', '/sla/resync', res.body, res.type), `resync ${res.label}`);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
  it('POST and PATCH /api/admin/support-addresses: mutated and junk bodies → 4xx and no write', async () => {
    const added = { address: 'help@demo-shop.example', replyFrom: 'team@demo-shop.example', primary: false };
    const patch = { replyFrom: 'team@demo-shop.example' };
    const target = fc.constantFrom(
      'support%40demo-shop.example',
      'nobody%40demo-shop.example',
      'not-an-address',
      '%00',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        hostileFrom([added]),
        hostileFrom([patch]),
        target,
        async (which, post, change, to) => {
          if (which) await judge(await admin('POST', '/support-addresses', post.body, post.type), `POST ${post.label}`);
          else
            await judge(
              await admin('PATCH', `/support-addresses/${to}`, change.body, change.type),
              `PATCH ${to} ${change.label}`,
            );
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});
