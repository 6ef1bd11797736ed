/**
 * Hostile form posts at the admin screens (cookie session + CSRF token): every form route with the
 * CSRF token missing, altered, or from another session is refused with a 4xx and writes nothing;
 * with a valid token, fields replaced by hostile values get a 4xx (or a legitimate redirect) and
 * never a 5xx, and a refusal writes nothing, whatever the body's encoding.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_SHOP_DOMAIN } from '../../src/db/demo-data';
import { seedDemoShop } from '../../src/db/seed';
import { adminSession } from '../admin/admin-session';
import { hostileString, RUNS } from './arbitraries';
import { quietFetch } from './quiet-worker';
import { encode, encodings, type Encoding } from './portal-forms';
import { WriteWatch } from './snapshot';

/** Mostly the two encodings a browser uses, often anything else. */
const encoding = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom<Encoding>('urlencoded', 'multipart') },
  { weight: 1, arbitrary: fc.constantFrom(...encodings) },
);

const watch = new WriteWatch();
const statuses = new Map<number, number>();
let session: Awaited<ReturnType<typeof adminSession>>;
let otherSession: Awaited<ReturnType<typeof adminSession>>;

/** The admin's form routes and a plausible set of fields for each. */
const forms: Array<{ path: string; fields: Record<string, string> }> = [
  { path: '/admin/policy/blocklist', fields: { value: 'bad@example.com', reason: 'fraud' } },
  { path: '/admin/policy/blocklist/remove', fields: { id: 'blk_x' } },
  { path: '/admin/sla', fields: { calendar: '24x7' } },
  { path: '/admin/policy', fields: { windowDays: '30' } },
  { path: '/admin/cases/bulk', fields: { action: 'tag', ids: 'case_00000000000000000000000000', tag: 'vip' } },
  { path: '/admin/cases/case_00000000000000000000000000/actions', fields: { action: 'note', text: 'hi' } },
  { path: '/admin/templates/return_confirmation/en', fields: { subject: 'Hi', body: 'Body' } },
  { path: '/admin/events/evt_x/replay', fields: {} },
  { path: '/admin/settings/email', fields: { address: 'help@demo-shop.example', replyFrom: '', primary: '1' } },
  { path: '/admin/settings/email/support%40demo-shop.example', fields: { replyFrom: 'team@demo-shop.example' } },
  { path: '/admin/settings/email/nobody%40demo-shop.example/remove', fields: {} },
  {
    path: '/admin/settings/return-address',
    fields: { name: 'Returns', address1: '1 Main St', city: 'Springfield', zip: '12345', countryCode: 'US' },
  },
  { path: '/admin/setup/dismiss', fields: {} },
];

function post(path: string, fields: Record<string, string>, cookie: string): Request {
  return new Request(`http://admin.test${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

async function judge(res: Response, label: string, mayAccept: boolean): Promise<void> {
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  expect(res.status, label).toBeLessThan(500);
  if (mayAccept && res.status < 400) return watch.accept();
  expect(res.status, label).toBeGreaterThanOrEqual(400);
  expect(await watch.current(), `${label} wrote while refused`).toBe(await watch.baseline());
}

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await seedDemoShop(env.DB, Date.now());
  session = await adminSession(DEMO_SHOP_DOMAIN);
  otherSession = await adminSession(DEMO_SHOP_DOMAIN, Date.now() - 1_000);
  await watch.accept();
});

afterAll(() => {
  expect(statuses.get(403) ?? 0).toBeGreaterThan(100); // the CSRF wall was reached, not only 404s
});

describe('admin form posts under hostile input', { timeout: 240_000 }, () => {
  it('a missing, altered or other-session CSRF token is refused on every form route, and nothing is written', async () => {
    const badCsrf = fc.oneof(
      fc.constant(undefined),
      fc.constant('other'),
      fc.tuple(fc.nat(), fc.constantFrom(...'abcdefXYZ019-_')).map(([i, ch]) => ({ at: i, ch })),
      hostileString,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...forms), badCsrf, async (form, bad) => {
        let csrf: string | undefined;
        if (bad === 'other') csrf = otherSession.csrf;
        else if (typeof bad === 'object' && bad) {
          const at = bad.at % session.csrf.length;
          csrf = session.csrf.slice(0, at) + (session.csrf[at] === bad.ch ? '~' : bad.ch) + session.csrf.slice(at + 1);
        } else csrf = bad;
        fc.pre(csrf !== session.csrf);
        const fields = csrf === undefined ? form.fields : { ...form.fields, _csrf: csrf };
        await judge(
          await quietFetch(post(form.path, fields, session.cookie)),
          `${form.path} csrf=${String(csrf).slice(0, 40)}`,
          false,
        );
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('with a valid token, hostile field values get a 4xx or a legitimate answer, never a 5xx, and a refusal writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...forms),
        fc.dictionary(
          fc.oneof(
            fc.constantFrom(
              'value',
              'id',
              'reason',
              'calendar',
              'windowDays',
              'action',
              'ids',
              'text',
              'subject',
              'body',
              'address',
              'replyFrom',
              'primary',
              '__proto__',
            ),
            fc.string({ maxLength: 10 }),
          ),
          hostileString,
          { maxKeys: 4 },
        ),
        encoding,
        fc.nat(),
        async (form, extra, enc, seed) => {
          // Any encoding (multipart, bad percent-escapes, JSON, text, none, unparseable): the CSRF token
          // travels in the header too, so a body the route cannot use is judged by the route, not the wall.
          const { body, type } = encode(Object.entries({ ...form.fields, ...extra, _csrf: session.csrf }), enc, seed);
          const headers = new Headers({ cookie: session.cookie, 'x-csrf-token': session.csrf });
          if (type) headers.set('content-type', type);
          const res = await quietFetch(new Request(`http://admin.test${form.path}`, { method: 'POST', headers, body }));
          await judge(res, `${form.path} ${enc} ${JSON.stringify(extra).slice(0, 200)}`, true);
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});
