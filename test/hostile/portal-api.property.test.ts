// storage: own (looks up the demo shop's fixed orders: the lookup rate limiter is per workerd, not per file)
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_SHOP_DOMAIN } from '../../src/db/demo-data';
import { seedDemoShop } from '../../src/db/seed';
import { clientIp, contentType, hostileBody, hostileJson, hostileString, hugeNumber, RUNS } from './arbitraries';
import { quietFetch } from './quiet-worker';
import { snapshot, WriteWatch } from './snapshot';

const BASE = `https://aftercare.test/api/portal/${DEMO_SHOP_DOMAIN}`;

async function call(path: string, init: RequestInit & { ip?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('cf-connecting-ip', init.ip ?? '10.9.9.9');
  return quietFetch(new Request(BASE + path, { ...init, headers }));
}

const watch = new WriteWatch();

/** Bad input: a 4xx problem+json, never a 5xx. */
async function expectRejected(res: Response): Promise<void> {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(res.status, text.slice(0, 300)).toBeLessThan(500);
  expect(res.headers.get('content-type') ?? '').toContain('application/problem+json');
}

/** …and nothing written. */
async function expectRejectedWithoutWrites(res: Response, before: string): Promise<void> {
  await expectRejected(res);
  expect(await watch.current()).toBe(before);
}

let token = '';
let lineItemId = '';
const validReturn = () => ({
  items: [{ lineItemId, quantity: 1, reason: 'too_small' }],
  resolution: 'refund',
  method: 'drop_off',
});

beforeAll(async () => {
  // Thousands of runs: the app's one-line-per-request log would only slow the run and bury failures.
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await seedDemoShop(env.DB, Date.now());
  const res = await call('/lookup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ order: '#1001', email: 'shopper@example.com' }),
    ip: '10.200.0.1',
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { token: string; order: { lines: Array<{ id: string }> } };
  token = body.token;
  lineItemId = body.order.lines[0]!.id;
});

describe('shopper API under hostile input', { timeout: 300_000 }, () => {
  it('order lookup: any body, any content type → 4xx or a token, never 5xx, and no writes when refused', async () => {
    // A lookup never writes, accepted or not: one snapshot around all the runs.
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(hostileBody, contentType, clientIp, async (body, type, ip) => {
        const res = await call('/lookup', { method: 'POST', headers: type ? { 'content-type': type } : {}, body, ip });
        if (res.status === 200) {
          // Only the real pair opens the order (a mutated body may still be that pair).
          const json = (await res.json()) as { token?: string };
          expect(json.token).toMatch(/^v1\./);
          return;
        }
        await expectRejected(res);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(await snapshot()).toBe(before);
  });

  it('order lookup: hostile values in the right shape → 4xx, never 5xx, no hint which half was wrong', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(hostileString, hugeNumber, hostileJson),
        fc.oneof(hostileString, hugeNumber, hostileJson),
        clientIp,
        async (order, email, ip) => {
          const res = await call('/lookup', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ order, email }),
            ip,
          });
          expect(res.status).not.toBe(200);
          await expectRejected(res);
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(await snapshot()).toBe(before);
  });

  it('open a return with a valid token: mutated bodies → 4xx and no case, never 5xx', async () => {
    const field = fc.constantFrom(
      'items',
      'resolution',
      'method',
      'pickup',
      'exchange',
      'items.0.quantity',
      'items.0.lineItemId',
      'items.0.reason',
      'items.0.note',
      'items.0.photos',
    );
    const mutation = fc.tuple(field, fc.oneof(hostileJson, hugeNumber, hostileString, fc.constant(undefined)));
    const bodies = fc.oneof(
      hostileBody,
      mutation.map(([path, value]) => {
        const body = validReturn() as Record<string, unknown>;
        const keys = path.split('.');
        let target = body as Record<string, unknown>;
        for (const k of keys.slice(0, -1)) target = target[k] as Record<string, unknown>;
        target[keys.at(-1)!] = value;
        return JSON.stringify(body);
      }),
    );
    await fc.assert(
      fc.asyncProperty(bodies, contentType, async (body, type) => {
        const before = await watch.baseline();
        const res = await call('/returns', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': type },
          body,
        });
        if (res.status === 201) return watch.accept(); // a mutation that left a valid request (a note, a photo list) may open the return
        await expectRejectedWithoutWrites(res, before);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});
