/**
 * Hostile deliveries at both webhook endpoints: every request is built from a real sample, signed
 * correctly, then maybe mutated (bit flips, truncation, wrong/absent/malformed signatures, dropped
 * or garbled headers, huge numbers, deep nesting, wrong content types, non-UTF-8, oversized).
 * Property: only 4xx, or 200 for a correctly signed valid delivery; never 5xx; and the only rows
 * that exist afterwards are the stored events of deliveries that were answered 200.
 */
import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { shopifyHmac, stripeSignature } from '../helpers/webhooks';
import worker from '../../src/index';
import { shopify, stripe } from '../webhooks/fixtures';

const RUNS = 1000;
const encoder = new TextEncoder();
type Expect = 'accept' | 'reject' | 'either';
interface Case {
  body: Uint8Array;
  headers: Record<string, string>;
  expect: Expect;
  /** The delivery id a 200 must have stored. */
  deliveryId: string;
  label: string;
}

const bytes = (s: string) => encoder.encode(s);
/** Built once: a signed-or-not body one byte over the limit costs the same to refuse every time. */
const OVERSIZED = encoder.encode(`{"pad": "${'x'.repeat(1024 * 1024)}"}`);
const hugeNumbers = fc.constantFrom(
  '1e400',
  '-1e400',
  '123456789012345678901234567890',
  '9007199254740993',
  '0.' + '1'.repeat(400),
  '9'.repeat(400),
);
const deep = fc.integer({ min: 50, max: 1000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n));
const junkSignature = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.base64String({ maxLength: 64 }),
  fc.constantFrom('', ' ', 'sha256=', 't=1,v1=', 't=abc,v1=zz', 'v1=' + 'a'.repeat(64)),
);
const contentType = fc.constantFrom(
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
  'application/json; charset=latin1',
);
const nonUtf8 = fc.uint8Array({ minLength: 1, maxLength: 200 }).map((a) => Uint8Array.from([0xff, 0xfe, 0xc3, ...a]));

/** One mutation of a correctly signed base delivery, with the answer it deserves. */
function mutations(sign: (b: Uint8Array) => Promise<string>, sigHeader: string, required: string[]) {
  return (base: { body: string; headers: Record<string, string>; deliveryId: string }) =>
    fc
      .oneof(
        { weight: 4, arbitrary: fc.constant({ kind: 'valid' as const }) },
        {
          weight: 3,
          arbitrary: fc.record({
            kind: fc.constant('flip' as const),
            at: fc.nat(),
            bit: fc.integer({ min: 0, max: 7 }),
          }),
        },
        { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
        { weight: 2, arbitrary: fc.record({ kind: fc.constant('junk-signature' as const), sig: junkSignature }) },
        { weight: 1, arbitrary: fc.constant({ kind: 'no-signature' as const }) },
        {
          weight: 2,
          arbitrary: fc.record({ kind: fc.constant('drop-header' as const), name: fc.constantFrom(...required) }),
        },
        { weight: 2, arbitrary: fc.record({ kind: fc.constant('content-type' as const), type: contentType }) },
        { weight: 2, arbitrary: fc.record({ kind: fc.constant('huge-number' as const), n: hugeNumbers }) },
        { weight: 1, arbitrary: fc.record({ kind: fc.constant('deep' as const), text: deep }) },
        {
          weight: 2,
          arbitrary: fc.record({ kind: fc.constant('non-utf8' as const), raw: nonUtf8, signIt: fc.boolean() }),
        },
        {
          weight: 2,
          arbitrary: fc.record({
            kind: fc.constant('not-object' as const),
            text: fc.constantFrom('[]', '"x"', '42', 'null', '{', '', '{"a":1,}'),
          }),
        },
        { weight: 1, arbitrary: fc.record({ kind: fc.constant('oversized' as const), signIt: fc.boolean() }) },
      )
      .map(async (m): Promise<Case> => {
        const headers = { ...base.headers };
        let body = bytes(base.body);
        let expectation: Expect = 'accept';
        const resign = async () => {
          headers[sigHeader] = await sign(body);
        };
        switch (m.kind) {
          case 'valid':
            break;
          case 'flip': {
            const copy = body.slice();
            copy[m.at % copy.length]! ^= 1 << m.bit;
            body = copy;
            expectation = 'reject';
            break;
          }
          case 'truncate':
            body = body.slice(0, m.at % body.length);
            expectation = 'reject';
            break;
          case 'junk-signature':
            headers[sigHeader] = m.sig;
            expectation = 'reject';
            break;
          case 'no-signature':
            delete headers[sigHeader];
            expectation = 'reject';
            break;
          case 'drop-header':
            delete headers[m.name];
            expectation = 'reject';
            break;
          case 'content-type':
            headers['content-type'] = m.type;
            break;
          case 'huge-number':
            body = bytes(base.body.replace(/^\{/, `{"huge": ${m.n}, `));
            await resign();
            break;
          case 'deep':
            body = bytes(base.body.replace(/^\{/, `{"deep": ${m.text}, `));
            await resign();
            expectation = 'either';
            break;
          case 'non-utf8':
            body = m.raw;
            if (m.signIt) await resign();
            expectation = 'reject';
            break;
          case 'not-object':
            body = bytes(m.text);
            await resign();
            expectation = 'reject';
            break;
          case 'oversized':
            body = OVERSIZED;
            if (m.signIt) await resign();
            expectation = 'reject';
            break;
        }
        return { body, headers, expect: expectation, deliveryId: base.deliveryId, label: m.kind };
      });
}

async function run(path: string, c: Case, accepted: Set<string>, rejected: Set<string>): Promise<void> {
  // The Worker's own fetch handler, in process: the same app and bindings without an RPC hop per run.
  const req = new Request(`https://aftercare.test${path}`, { method: 'POST', headers: c.headers, body: c.body });
  const res = await worker.fetch(req as Request<unknown, IncomingRequestCfProperties>, env, createExecutionContext());
  await res.arrayBuffer();
  expect(res.status, c.label).toBeLessThan(500);
  if (c.expect === 'accept') expect(res.status, c.label).toBe(200);
  if (c.expect === 'reject') expect(res.status, c.label).toBeGreaterThanOrEqual(400);
  if (res.status === 200) accepted.add(c.deliveryId);
  else {
    expect(res.headers.get('content-type'), c.label).toMatch(/^application\/problem\+json/);
    rejected.add(c.deliveryId);
  }
}

/** Only deliveries answered 200 left a stored event; everything else left nothing at all. */
async function onlyVerifiedRowsStored(source: string, accepted: Set<string>, rejected: Set<string>): Promise<void> {
  const rows = await env.DB.prepare('SELECT delivery_id FROM webhook_events WHERE source = ?1')
    .bind(source)
    .all<{ delivery_id: string }>();
  const stored = new Set(rows.results.map((r) => r.delivery_id));
  for (const id of stored) expect(accepted.has(id), `stored ${id} was not accepted`).toBe(true);
  for (const id of accepted) expect(stored.has(id), `accepted ${id} was not stored`).toBe(true);
  // The ack path creates nothing else: no shop, order or case is written before the consumer runs
  // (the queue consumer may since have applied accepted events, for the one hostile shop only).
  const shops = await env.DB.prepare('SELECT domain FROM shops').all<{ domain: string }>();
  for (const { domain } of shops.results) expect(domain).toBe('hostile-shop.myshopify.com');
  expect(accepted.size).toBeGreaterThan(100);
  expect(rejected.size).toBeGreaterThan(300);
}

const shopifySamples = [
  ['orders/create', shopify.ordersCreate],
  ['fulfillments/create', shopify.fulfillmentsCreate],
  ['refunds/create', shopify.refundsCreate],
  ['returns/request', shopify.returnsRequest],
  ['customers/redact', shopify.customersRedact],
] as const;

describe('hostile webhook deliveries', () => {
  // Thousands of request log lines would cost more than the requests; the status codes are the point.
  beforeAll(() => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it(`POST /webhooks/shopify: ${RUNS} mutated deliveries, only 4xx or 200 for a correct one, never 5xx, no unverified rows`, async () => {
    const accepted = new Set<string>();
    const rejected = new Set<string>();
    // Fresh delivery ids (fast-check's biased generators repeat small values; a repeat is a duplicate).
    const base = fc
      .record({ sample: fc.constantFrom(...shopifySamples), id: fc.constant(null).map(() => crypto.randomUUID()) })
      .map(({ sample, id }) => ({
        body: sample[1],
        deliveryId: id,
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': sample[0],
          'x-shopify-shop-domain': 'hostile-shop.myshopify.com',
          'x-shopify-webhook-id': id,
          'x-shopify-api-version': '2026-04',
        } as Record<string, string>,
      }));
    const sign = async (b: Uint8Array) => shopifyHmac(new TextDecoder().decode(b));
    const mutate = mutations(sign, 'x-shopify-hmac-sha256', [
      'x-shopify-topic',
      'x-shopify-shop-domain',
      'x-shopify-webhook-id',
      'x-shopify-api-version',
    ]);
    const arb = base.chain((b) =>
      mutate(b).map(async (p) => {
        const c = await p;
        if (!('x-shopify-hmac-sha256' in c.headers) && c.label !== 'no-signature' && c.label !== 'junk-signature') {
          c.headers['x-shopify-hmac-sha256'] = await sign(bytes(b.body));
        }
        return c;
      }),
    );
    await fc.assert(
      fc.asyncProperty(arb, async (p) => run('/webhooks/shopify', await p, accepted, rejected)),
      { numRuns: RUNS },
    );
    await onlyVerifiedRowsStored('shopify', accepted, rejected);
  }, 120_000);

  it(`POST /webhooks/stripe: ${RUNS} mutated deliveries, including stale and future timestamps, never 5xx, no unverified rows`, async () => {
    const accepted = new Set<string>();
    const rejected = new Set<string>();
    const samples = [stripe.refundCreated, stripe.refundFailed, stripe.chargeRefunded, stripe.refundUpdated];
    const base = fc
      .record({
        sample: fc.constantFrom(...samples),
        id: fc.constant(null).map(() => crypto.randomUUID().replaceAll('-', '')),
        skew: fc.oneof(
          fc.integer({ min: -290, max: 290 }),
          fc.integer({ min: 310, max: 100_000 }).map((n) => -n),
        ),
      })
      .map(({ sample, id, skew }) => {
        const body = sample.replace(/"id": "evt_[A-Za-z0-9]+"/, `"id": "evt_${id}"`);
        return {
          body,
          deliveryId: `evt_${id}`,
          skew,
          headers: { 'content-type': 'application/json; charset=utf-8' } as Record<string, string>,
        };
      });
    const arb = base.chain((b) => {
      const at = () => Math.floor(Date.now() / 1000) + b.skew;
      const sign = (x: Uint8Array) => stripeSignature(new TextDecoder().decode(x), 'whsec_dev', at());
      return mutations(sign, 'stripe-signature', ['stripe-signature'])(b).map(async (p) => {
        const c = await p;
        if (
          !('stripe-signature' in c.headers) &&
          c.label !== 'no-signature' &&
          c.label !== 'junk-signature' &&
          c.label !== 'drop-header'
        ) {
          c.headers['stripe-signature'] = await sign(bytes(b.body));
        }
        // A signature older than 300 s is refused whatever else is right.
        if (b.skew < -300 && c.expect !== 'reject') c.expect = 'reject';
        return c;
      });
    });
    await fc.assert(
      fc.asyncProperty(arb, async (p) => run('/webhooks/stripe', await p, accepted, rejected)),
      { numRuns: RUNS },
    );
    await onlyVerifiedRowsStored('stripe', accepted, rejected);
  }, 120_000);
});
