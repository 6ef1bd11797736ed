/**
 * Hostile posts at the return's answers step (`/portal/<shop>/review/answers` with the draft in its
 * cookie, `/apps/returns/review/answers` with it in the form): the signed draft altered, foreign,
 * from the other carrier or missing, the outcome anything, the session and CSRF token wrong in every
 * way (a token of another order included: a draft is bound to its order), every encoding. Property:
 * never a 5xx, a redirect or a page; only the right session with a readable draft and a real outcome
 * records anything (table snapshot per run). A control shows a valid post does write, so the
 * comparison can fail.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_SHOP_ID } from '../../src/db/demo-data';
import { seedDemoShop } from '../../src/db/seed';
import { installStarterSet } from '../../src/help/starter-set';
import { csrfToken } from '../../src/portal/csrf';
import { signDraft } from '../../src/portal/draft';
import type { ReturnRequest } from '../../src/portal/return-request';
import { createServices } from '../../src/services';
import { hostileString, RUNS } from './arbitraries';
import {
  badCreds,
  type Creds,
  type Encoding,
  encodings,
  type Fields,
  goodCreds,
  location,
  type Mount,
  NONCE,
  postStep,
  SECRET,
  type Shopper,
  shopper,
} from './portal-forms';
import { WriteWatch } from './snapshot';

const watch = new WriteWatch();
const accepted = (mount: Mount, c: Creds) => c.valid || (mount === 'proxy' && c.label.startsWith('cookie nonce'));
const parsed = new Set<Encoding>(['urlencoded', 'multipart', 'raw-percent']);
let good: Shopper;
let wrongTokens: Record<string, string>;

const request: ReturnRequest = {
  items: [{ lineItemId: 'line_demo1007_2', quantity: 1, reason: 'too_small' }],
  resolution: 'refund',
  method: 'drop_off',
};

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await seedDemoShop(env.DB, Date.now());
  await installStarterSet(createServices(env), DEMO_SHOP_ID);
  good = await shopper('ord_demo1007', 'hostile-answers-session');
  wrongTokens = {
    expired: (await shopper('ord_demo1007', good.sessionId, undefined, Date.now() - 1)).token,
    'other order': (await shopper('ord_demo1003', good.sessionId)).token,
  };
  await watch.accept();
});

/** A draft for `mount`'s carrier (cookie draft on /portal, link draft behind the proxy), bound to `good`. */
const sign = (mount: Mount, req: ReturnRequest, o: { secret?: string; sessionId?: string; orderId?: string } = {}) =>
  signDraft(o.secret ?? SECRET, { sessionId: o.sessionId ?? good.sessionId, orderId: o.orderId ?? good.orderId }, req, {
    now: Date.now(),
    carrier: mount === 'proxy' ? 'proxy-url' : 'cookie',
  });

/** As a browser would send a cookie holding `d` (a lone surrogate becomes U+FFFD, as on the wire). */
const cookieValue = (d: string) => encodeURIComponent(new TextDecoder().decode(new TextEncoder().encode(d)));

/** The step's post: the draft in its cookie on /portal (as a browser would send it), in the form behind the proxy. */
const post = (mount: Mount, c: Creds, d: string | undefined, fields: Fields, encoding: Encoding, seed: number) =>
  mount === 'proxy'
    ? postStep(mount, '/review/answers', c, d === undefined ? fields : [['d', d], ...fields], encoding, seed)
    : postStep(mount, '/review/answers', c, fields, encoding, seed, undefined, {
        ...(d === undefined ? {} : { ac_draft0: cookieValue(d) }),
      });

describe('the answers step under hostile input', { timeout: 300_000 }, () => {
  it('control: a valid post records the outcome and redirects', async () => {
    const before = await watch.baseline();
    const d = await sign('portal', { ...request, items: [{ ...request.items[0]!, reason: 'too_large' }] });
    const res = await post('portal', goodCreds(good), d, [['outcome', 'answered']], 'urlencoded', 1);
    expect(res.status).toBe(303);
    expect(location(res)).toMatch(/\/order\?answered=1$/);
    expect(await watch.current()).not.toBe(before);
    await watch.accept();
  });

  it('altered drafts, hostile outcomes, wrong credentials and encodings → a redirect, never 5xx; only a valid post writes', async () => {
    const valid = { portal: await sign('portal', request), proxy: await sign('proxy', request) };
    const foreign = async (m: Mount) => [
      await sign(m, request, { sessionId: 'another-session' }),
      await sign(m, request, { secret: 'another-secret' }),
      await sign(m, request, { orderId: 'ord_demo1003' }),
      await sign(m === 'portal' ? 'proxy' : 'portal', request),
      valid[m].slice(0, -2),
      undefined,
    ];
    const others = { portal: await foreign('portal'), proxy: await foreign('proxy') };
    const draft: fc.Arbitrary<(m: Mount) => string | undefined> = fc.oneof(
      { weight: 3, arbitrary: fc.constant((m: Mount) => valid[m]) },
      fc.nat().map((i) => (m: Mount) => others[m][i % others[m].length]),
      hostileString.map((d) => () => d),
    );
    const outcome = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom<string | undefined>('answered', 'continued') },
      fc.constant<string | undefined>(undefined),
      hostileString,
    );
    const creds = fc.oneof(
      { weight: 3, arbitrary: fc.constant(goodCreds(good)) },
      { weight: 2, arbitrary: badCreds(good, wrongTokens, { 'anon csrf': await csrfToken(SECRET, NONCE, 'anon') }) },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('portal' as const, 'proxy' as const),
        creds,
        draft,
        outcome,
        fc.constantFrom(...encodings),
        fc.nat(),
        async (mount, c, pick, o, encoding, seed) => {
          const d = pick(mount);
          const before = await watch.baseline();
          const res = await post(mount, c, d, o === undefined ? [] : [['outcome', o]], encoding, seed);
          const text = await res.text();
          const label = `${mount} ${c.label} ${encoding} d=${String(d).slice(0, 60)} outcome=${String(o).slice(0, 40)}`;
          expect(res.status, `${label}: ${text.slice(0, 300)}`).toBeLessThan(500);
          if (res.status !== 303) expect(res.headers.get('content-type') ?? '', label).toContain('text/html');
          if ((await watch.current()) === before) return;
          const real = o === 'answered' || o === 'continued';
          expect(accepted(mount, c) && parsed.has(encoding) && d === valid[mount] && real, `${label} wrote`).toBe(true);
          await watch.accept();
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});
