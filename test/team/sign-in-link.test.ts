/**
 * Standalone sign-in by emailed link: sent through the outbox to members only (the answer is the
 * same for anyone), single use, 15 minutes, and only in the browser that asked.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { fixedClock } from '../../src/lib/clock';
import { createServices } from '../../src/services';
import { setCookies } from '../admin/session-token';
import { createShop } from '../helpers/factory';
import { memberWithToken } from '../helpers/team';

const clock = fixedClock(Date.now());
const app = createApp({ services: (e) => createServices(e, { clock }) });
let shop: Awaited<ReturnType<typeof createShop>>;
let member: Awaited<ReturnType<typeof memberWithToken>>['member'];

const cookiesOf = (res: Response) =>
  Object.fromEntries(setCookies(res).map((c) => c.split(';')[0]!.split('=') as [string, string]));
const header = (c: Record<string, string>) =>
  Object.entries(c)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

/** Opens the login page and asks for a link as a browser would; returns that browser's cookies. */
async function askForLink(email: string): Promise<{ cookies: Record<string, string>; page: string }> {
  const login = await app.request('http://admin.test/admin/login', {}, env);
  const cookies = cookiesOf(login);
  const res = await app.request(
    'http://admin.test/admin/login/link',
    {
      method: 'POST',
      headers: { cookie: header(cookies), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: cookies['aftercare_login']!, shop: shop.domain, email }).toString(),
    },
    env,
  );
  expect(res.status).toBe(200);
  return { cookies: { ...cookies, ...cookiesOf(res) }, page: await res.text() };
}

async function lastLink(): Promise<string> {
  const row = await env.DB.prepare(
    "SELECT body_text FROM notifications WHERE shop_id = ? AND kind = 'sign_in_link' ORDER BY created_at DESC, rowid DESC",
  )
    .bind(shop.id)
    .first<{ body_text: string }>();
  return /http:\/\/admin\.test(\/admin\/login\/link\/\S+)/.exec(row!.body_text)![1]!;
}

const open = (path: string, cookies: Record<string, string>) =>
  app.request(`http://admin.test${path}`, { headers: { cookie: header(cookies) }, redirect: 'manual' }, env);

beforeAll(async () => {
  shop = await createShop(env.DB, { domain: 'signin.myshopify.com' }, clock.now());
  member = (await memberWithToken(shop.id, 'agent', { email: 'ann@example.com' })).member;
});

describe('sign-in links', () => {
  it('sign a member in once, in the browser that asked, into their own queue', async () => {
    const { cookies, page } = await askForLink('Ann@Example.com');
    expect(page).toContain('a sign-in link is on its way');
    const link = await lastLink();
    expect((await open(link, { aftercare_login: 'x' })).status).toBe(400); // another browser
    const res = await open(link, cookies);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin?view=mine');
    const session = cookiesOf(res)['aftercare_admin'];
    expect(session).toBeTruthy();
    const queue = await open('/admin', { aftercare_admin: session! });
    expect(queue.status).toBe(200);
    const me = (await open(link, cookies)).status;
    expect(me).toBe(400); // used already
  });

  it('expire after 15 minutes', async () => {
    const { cookies } = await askForLink('ann@example.com');
    const link = await lastLink();
    clock.advance(15 * 60 * 1000 + 1);
    expect((await open(link, cookies)).status).toBe(400);
  });

  it('answer the same for an address that is no member, and send nothing', async () => {
    const before = await env.DB.prepare('SELECT COUNT(*) AS n FROM notifications WHERE shop_id = ?')
      .bind(shop.id)
      .first();
    const { page } = await askForLink('stranger@example.com');
    expect(page).toContain('a sign-in link is on its way');
    const after = await env.DB.prepare('SELECT COUNT(*) AS n FROM notifications WHERE shop_id = ?')
      .bind(shop.id)
      .first();
    expect(after).toEqual(before);
    expect(member.id).toMatch(/^mem_/);
  });
});
