// storage: own (looks up the demo shop's fixed orders: the lookup rate limiter is per workerd, not per file)
/**
 * Where the chosen return (the signed draft) travels between the choose and review steps. On
 * `/portal/<shop>` it never enters a URL (no Location, no link, no log line): a path-scoped,
 * http-only, short-lived cookie carries it to the review page, whose form posts it back. Behind the
 * app proxy (no cookies) it rides in the review link, short-lived and bound to order and session.
 * An altered or expired draft is a page in the shopper's language (400 / 410), never a 5xx.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_SHOP_ID } from '../../src/db/demo-data';
import { DRAFT_TTL_MS, signDraft } from '../../src/portal/draft';
import { verifyShopperToken } from '../../src/portal/token';
import { createOrder } from '../helpers/factory';
import { Browser, hidden, lineIds, location } from './browser';
import { call, demoShop, freshIp, proxied, SHOP } from './helpers';

beforeAll(demoShop);
afterEach(() => vi.restoreAllMocks());
const START = `/portal/${SHOP}`;
const request = {
  items: [{ lineItemId: '', quantity: 1, reason: 'too_small' }],
  resolution: 'refund' as const,
  method: 'drop_off' as const,
};

function chooseForm(html: string, extra: Record<string, string> = {}): FormData {
  const [line] = lineIds(html);
  const form = new FormData();
  form.set('_csrf', hidden(html, '_csrf'));
  form.set(`qty_${line}`, '1');
  form.set(`reason_${line}`, 'too_small');
  form.set('resolution', 'refund');
  form.set('method', 'drop_off');
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  return form;
}

/** Lookup and the choose page on /portal, in `lang`. */
async function atChooseStep(lang = 'en', order = '1007') {
  const b = new Browser(freshIp(), lang);
  const start = await (await b.get(START)).text();
  const res = await b.post(
    `${START}/lookup`,
    new URLSearchParams({ _csrf: hidden(start, '_csrf'), order, email: 'shopper@example.com' }),
  );
  expect(res.status).toBe(303);
  return { b, html: await (await b.get(`${START}/order`)).text() };
}

async function sessionOf(b: Browser) {
  const shop = await env.DB.prepare('SELECT id FROM shops WHERE domain = ?').bind(SHOP).first<{ id: string }>();
  return (await verifyShopperToken(env.APP_SECRET, b.cookies.get('ac_portal')!, Date.now(), shop!.id))!;
}

describe('the draft on /portal never appears in a URL', () => {
  it('choose → review → submit: no Location, link or log line carries it; the cookie is http-only, Lax, scoped, short-lived', async () => {
    const logged: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    const { b, html } = await atChooseStep();
    const chosen = await b.post(`${START}/order`, chooseForm(html));
    expect(chosen.status).toBe(303);
    expect(location(chosen)).toBe(`${START}/review`);
    const setCookies = (chosen.headers as unknown as { getSetCookie(): string[] }).getSetCookie();
    const draftCookie = setCookies.find((line) => line.startsWith('ac_draft0='))!;
    expect(draftCookie).toMatch(
      new RegExp(`; Max-Age=${DRAFT_TTL_MS / 1000}; Path=${START}/review; HttpOnly; Secure; SameSite=Lax`),
    );
    const draft = b.cookies.get('ac_draft0')!;
    const mac = draft.slice(draft.lastIndexOf('.') + 1);
    expect(mac.length).toBeGreaterThan(20);

    const review = await b.get(location(chosen));
    expect(review.status).toBe(200);
    expect(review.headers.get('cache-control')).toContain('no-store');
    const page = await review.text();
    expect(hidden(page, 'd')).toBe(draft);
    // Every link and form target on the page is free of it (a Referer would carry it otherwise).
    for (const [, url] of page.matchAll(/(?:href|action)="([^"]*)"/g)) expect(url).not.toContain(mac);

    const submitted = await b.post(
      `${START}/submit`,
      new URLSearchParams({ _csrf: hidden(page, '_csrf'), d: hidden(page, 'd') }),
    );
    expect(submitted.status).toBe(303);
    expect(location(submitted)).toMatch(/\/returns\/case_[A-Z0-9]+\?new=1$/);
    expect(location(submitted)).not.toContain(mac);
    // The submit clears the draft cookie on its path.
    const cleared = (submitted.headers as unknown as { getSetCookie(): string[] }).getSetCookie();
    expect(cleared.some((l) => /^ac_draft0=;.*Max-Age=0.*Path=\/portal\/[^;]+\/review/.test(l))).toBe(true);
    expect(b.cookies.has('ac_draft0')).toBe(false);
    expect(logged.length, 'the request log was captured').toBeGreaterThan(0);
    expect(logged.filter((l) => l.includes(mac))).toEqual([]);
  });

  it('ignores a draft put in the /portal review URL: without its cookie the review goes back to the choose step', async () => {
    const { b, html } = await atChooseStep();
    const chosen = await b.post(`${START}/order`, chooseForm(html));
    const draft = b.cookies.get('ac_draft0')!;
    b.cookies.delete('ac_draft0');
    const res = await b.get(`${START}/review?d=${encodeURIComponent(draft)}`);
    expect(res.status).toBe(303);
    expect(location(res)).toBe(`${START}/order`);
    void chosen;
  });

  it('carries a long draft (notes on every line) across several cookie chunks, and a shorter one deletes the rest', async () => {
    await createOrder(env.DB, DEMO_SHOP_ID, {
      name: '#8850',
      deliveredDaysAgo: 2,
      lines: Array.from({ length: 6 }, (_, i) => ({ title: `Shirt ${i}`, quantity: 1 })),
    });
    const { b, html } = await atChooseStep('en', '8850');
    const lines = lineIds(html);
    expect(lines).toHaveLength(6);
    const form = chooseForm(html);
    for (const line of lines) {
      form.set(`qty_${line}`, '1');
      form.set(`reason_${line}`, 'too_small');
      form.set(`note_${line}`, 'n'.repeat(1000));
    }
    expect((await b.post(`${START}/order`, form)).status).toBe(303);
    const chunks = [...b.cookies.keys()].filter((k) => k.startsWith('ac_draft'));
    // Six 1,000-character notes, base64url-encoded: three chunks of at most 3,800 characters.
    expect(chunks).toEqual(['ac_draft0', 'ac_draft1', 'ac_draft2']);
    const review = await b.get(`${START}/review`);
    expect(review.status).toBe(200);
    const draft = hidden(await review.text(), 'd');
    expect(draft).toBe(chunks.map((_, i) => b.cookies.get(`ac_draft${i}`)).join(''));

    const short = await b.post(`${START}/order`, chooseForm(html));
    expect(short.status).toBe(303);
    expect([...b.cookies.keys()].filter((k) => k.startsWith('ac_draft'))).toEqual(['ac_draft0']);
    expect((await b.get(`${START}/review`)).status).toBe(200);
  });
});

describe('an altered or expired draft is a page in the shopper’s language, 4xx', () => {
  it('an altered draft cookie: 400 with the way back to the choose step (Chinese)', async () => {
    const { b, html } = await atChooseStep('zh-CN');
    await b.post(`${START}/order`, chooseForm(html));
    const draft = b.cookies.get('ac_draft0')!;
    b.cookies.set('ac_draft0', `${draft.slice(0, 10)}${draft[10] === 'A' ? 'B' : 'A'}${draft.slice(11)}`);
    const res = await b.get(`${START}/review`);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('我们无法读取您选择的退货信息。');
    expect(page).toContain(`href="${START}/order"`);
  });

  it('an expired draft: 410 on the review page and on the submit (German), nothing opened', async () => {
    const { b, html } = await atChooseStep('de-DE');
    const claims = await sessionOf(b);
    const [line] = lineIds(html);
    const expired = await signDraft(
      env.APP_SECRET,
      claims,
      { ...request, items: [{ ...request.items[0]!, lineItemId: line! }] },
      { now: Date.now() - DRAFT_TTL_MS - 1000, carrier: 'cookie' },
    );
    b.cookies.set('ac_draft0', expired);
    const review = await b.get(`${START}/review`);
    expect(review.status).toBe(410);
    const page = await review.text();
    expect(page).toContain('<html lang="de">');
    expect(page).toContain('Ihre gewählte Rücksendung ist abgelaufen.');
    const cases = () => env.DB.prepare('SELECT COUNT(*) AS n FROM cases').first<number>('n');
    const before = await cases();
    const submit = await b.post(`${START}/submit`, new URLSearchParams({ _csrf: hidden(html, '_csrf'), d: expired }));
    expect(submit.status).toBe(410);
    expect(await submit.text()).toContain('Ihre gewählte Rücksendung ist abgelaufen.');
    expect(await cases()).toBe(before);
  });

  it('a submit with a tampered draft or none: 400 page in English, nothing opened', async () => {
    const { b, html } = await atChooseStep();
    await b.post(`${START}/order`, chooseForm(html));
    const draft = b.cookies.get('ac_draft0')!;
    for (const d of [`${draft}x`, '', 'not-a-draft']) {
      const body = new URLSearchParams({ _csrf: hidden(html, '_csrf') });
      if (d) body.set('d', d);
      const res = await b.post(`${START}/submit`, body);
      expect(res.status, d).toBe(400);
      expect(await res.text(), d).toContain('We could not read your chosen return.');
    }
  });
});

describe('behind the app proxy (cookies stripped) the draft rides in the review link', () => {
  const query = (res: Response) => new URL(res.headers.get('location')!, 'https://shop.example').searchParams;

  it('lookup → choose → review?d= → submit opens the return; the link draft is refused on /portal and once expired', async () => {
    const start = await (await call(await proxied('/apps/returns'))).text();
    const looked = await call(await proxied('/apps/returns/lookup'), {
      method: 'POST',
      body: new URLSearchParams({ _csrf: hidden(start, '_csrf'), order: '#1010', email: 'shopper@example.com' }),
    });
    expect(looked.status).toBe(303);
    const t = query(looked).get('t')!;
    const order = await (await call(await proxied('/apps/returns/order', { t }))).text();
    const chosen = await call(await proxied('/apps/returns/order'), { method: 'POST', body: chooseForm(order, { t }) });
    expect(chosen.status, await chosen.clone().text()).toBe(303);
    expect(new URL(chosen.headers.get('location')!, 'https://x').pathname).toBe('/apps/returns/review');
    expect(chosen.headers.get('set-cookie') ?? '').not.toContain('ac_draft');
    const q = query(chosen);
    const d = q.get('d')!;
    expect(d).toMatch(/^[\w-]+\.[\w-]+$/);

    const review = await call(await proxied('/apps/returns/review', { t: q.get('t')!, d, lang: 'en' }));
    expect(review.status).toBe(200);
    const page = await review.text();
    expect(hidden(page, 'd')).toBe(d);
    const submitted = await call(await proxied('/apps/returns/submit'), {
      method: 'POST',
      body: new URLSearchParams({ _csrf: hidden(page, '_csrf'), t: hidden(page, 't'), d }),
    });
    expect(submitted.status).toBe(303);
    expect(new URL(submitted.headers.get('location')!, 'https://x').pathname).toMatch(
      /^\/apps\/returns\/returns\/case_/,
    );

    // The link's draft is signed for the link: planted as a /portal cookie (same session) it is refused.
    const b = new Browser(freshIp());
    b.cookies.set('ac_portal', t);
    b.cookies.set('ac_draft0', d);
    expect((await b.get(`${START}/review`)).status).toBe(400);
  });

  it('a link draft past its lifetime is a 410 page, not a review', async () => {
    const start = await (await call(await proxied('/apps/returns'))).text();
    const looked = await call(await proxied('/apps/returns/lookup'), {
      method: 'POST',
      body: new URLSearchParams({ _csrf: hidden(start, '_csrf'), order: '#1010', email: 'shopper@example.com' }),
    });
    const t = query(looked).get('t')!;
    const shop = await env.DB.prepare('SELECT id FROM shops WHERE domain = ?').bind(SHOP).first<{ id: string }>();
    const claims = (await verifyShopperToken(env.APP_SECRET, t, Date.now(), shop!.id))!;
    const order = await (await call(await proxied('/apps/returns/order', { t }))).text();
    const [line] = lineIds(order);
    const d = await signDraft(
      env.APP_SECRET,
      claims,
      { ...request, items: [{ ...request.items[0]!, lineItemId: line! }] },
      { now: Date.now() - DRAFT_TTL_MS - 1000, carrier: 'proxy-url' },
    );
    const res = await call(await proxied('/apps/returns/review', { t, d, lang: 'zh-CN' }));
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('您选择的退货信息已过期。');
  });
});
