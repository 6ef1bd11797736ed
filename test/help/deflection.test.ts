// storage: own (looks up the demo shop's fixed orders: the lookup rate limiter is per workerd, not per file)
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SHOP_ID } from '../../src/db/demo-data';
import { installStarterSet } from '../../src/help/starter-set';
import { createServices } from '../../src/services';
import { adminSession } from '../admin/admin-session';
import { Browser, hidden, lineIds, location } from '../portal/browser';
import { call, demoShop, freshIp, proxied, SHOP } from '../portal/helpers';

const START = `/portal/${SHOP}`;

beforeAll(async () => {
  await demoShop();
  await installStarterSet(createServices(env), DEMO_SHOP_ID);
});

async function signedIn(lang = 'en', orderNumber = '1002') {
  const b = new Browser(freshIp(), lang);
  const start = await (await b.get(START)).text();
  const lookedUp = await b.post(
    `${START}/lookup`,
    new URLSearchParams({ _csrf: hidden(start, '_csrf'), order: orderNumber, email: 'shopper@example.com' }),
  );
  const order = await (await b.get(location(lookedUp))).text();
  return { b, order };
}

/** Lookup → choose one item for "changed my mind" → the review URL, which puts the answers for that reason first. */
async function answersStep(lang = 'en', orderNumber = '1002') {
  const { b, order } = await signedIn(lang, orderNumber);
  const [line] = lineIds(order);
  const form = new FormData();
  form.set('_csrf', hidden(order, '_csrf'));
  form.set(`qty_${line}`, '1');
  form.set(`reason_${line}`, 'changed_mind');
  form.set('resolution', 'refund');
  form.set('method', 'drop_off');
  const chosen = await b.post(`${START}/order`, form);
  expect(chosen.status).toBe(303);
  expect(location(chosen)).toBe(`${START}/review`);
  const page = await b.get(location(chosen));
  expect(page.status).toBe(200);
  return { b, url: location(chosen), html: await page.text() };
}

const choose = (b: Browser, html: string, action: string, outcome: string, extra: Record<string, string> = {}) =>
  b.post(
    `${START}${action}`,
    new URLSearchParams({ _csrf: hidden(html, '_csrf'), v: hidden(html, 'v'), outcome, ...extra }),
  );

type Figures = Record<string, number | null> & { byChannel: Record<string, Record<string, number>> };
async function deflection(): Promise<Figures> {
  const res = await call('/api/admin/metrics', {
    headers: { authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm', 'x-shop-domain': SHOP },
  });
  expect(res.status).toBe(200);
  return (await res.json<{ deflection: Figures }>()).deflection;
}

const outcomeOf = (visit: string) =>
  env.DB.prepare('SELECT outcome, case_id AS caseId, channel FROM deflections WHERE shop_id = ? AND visit = ?')
    .bind(DEMO_SHOP_ID, visit)
    .first<{ outcome: string; caseId: string | null; channel: string }>();

describe('deflection before a return', () => {
  it('puts the articles linked to the chosen reason first, in the shopper’s language, with two ways on', async () => {
    const { b, html } = await answersStep('zh-CN');
    expect(html).toContain('这些解答也许能先帮到您');
    expect(html).toContain('退货政策');
    expect(html).toMatch(/href="\/portal\/[^"]+\/help\/return-policy\?v=[^"]+"/);
    expect(html).toContain('这解决了我的问题');
    expect(html).toContain('我仍要提交');
    expect(html).not.toContain('<script');
    // The buttons post inside the draft cookie's path; the draft itself is not on the page.
    expect(html).toContain(`action="${START}/review/answers"`);
    expect(html).not.toContain('name="d"');
    const draft = b.cookies.get('ac_draft0')!;
    expect(html).not.toContain(draft.slice(draft.lastIndexOf('.') + 1));
  });

  it('counts a shopper who saw the answers and left as answered without a case, once however often they reload', async () => {
    const before = await deflection();
    const { b, url } = await answersStep();
    const again = await b.get(url);
    expect(await again.text()).toContain('These answers may help first');
    const after = await deflection();
    expect(after.questions).toBe(Number(before.questions) + 1);
    expect(after.answeredWithoutCase).toBe(Number(before.answeredWithoutCase) + 1);
    expect(after.left).toBe(Number(before.left) + 1);
    expect(after.byChannel.return!.questions).toBe(before.byChannel.return!.questions! + 1);
  });

  it('records "This answered my question" once, thanks the shopper without opening anything, and drops the draft', async () => {
    const before = await deflection();
    const { b, html } = await answersStep();
    const draft = b.cookies.get('ac_draft0')!;
    const answered = await choose(b, html, '/review/answers', 'answered');
    expect(answered.status).toBe(303);
    expect(location(answered)).toMatch(/\/order\?answered=1$/);
    expect(b.cookies.has('ac_draft0')).toBe(false);
    expect(await (await b.get(location(answered))).text()).toContain('Glad that helped. Nothing was sent');
    b.cookies.set('ac_draft0', draft);
    expect((await choose(b, html, '/review/answers', 'answered')).status).toBe(303);
    const after = await deflection();
    expect(after.questions).toBe(Number(before.questions) + 1);
    expect(after.answered).toBe(Number(before.answered) + 1);
    expect(after.answeredWithoutCase).toBe(Number(before.answeredWithoutCase) + 1);
    expect((await outcomeOf(hidden(html, 'v')))?.outcome).toBe('answered');
  });

  it('records "I still want to send it" and the case it opened; the review follows; that outcome is final', async () => {
    const before = await deflection();
    const { b, html } = await answersStep();
    const visit = hidden(html, 'v');
    const draft = b.cookies.get('ac_draft0')!;
    const on = await choose(b, html, '/review/answers', 'continued');
    expect(location(on)).toBe(`${START}/review`);
    const review = await (await b.get(location(on))).text();
    expect(review).not.toContain('These answers may help first');
    expect(hidden(review, 'd')).toBe(draft);
    expect(hidden(review, 'v')).toBe(visit);
    const submitted = await b.post(
      `${START}/submit`,
      new URLSearchParams({ _csrf: hidden(review, '_csrf'), d: hidden(review, 'd'), v: visit }),
    );
    expect(submitted.status).toBe(303);
    const caseId = /\/returns\/([^?]+)/.exec(location(submitted))![1];
    // Changing their mind afterwards (the same draft again) does not make it deflected.
    b.cookies.set('ac_draft0', draft);
    await choose(b, html, '/review/answers', 'answered');
    expect(await outcomeOf(visit)).toEqual({ outcome: 'continued', caseId, channel: 'return' });
    const after = await deflection();
    expect(after.questions).toBe(Number(before.questions) + 1);
    expect(after.continued).toBe(Number(before.continued) + 1);
    expect(after.answeredWithoutCase).toBe(Number(before.answeredWithoutCase));
    expect(after.rate).toBeCloseTo(Number(after.answeredWithoutCase) / Number(after.questions));
  });

  it('refuses an answer without a readable draft: an altered one is a 400 page, none goes back to choosing', async () => {
    const { b, html } = await answersStep('en', '1007');
    const draft = b.cookies.get('ac_draft0')!;
    b.cookies.set('ac_draft0', `${draft}x`);
    const altered = await choose(b, html, '/review/answers', 'answered');
    expect(altered.status).toBe(400);
    expect(await altered.text()).toContain('We could not read your chosen return.');
    b.cookies.delete('ac_draft0');
    const none = await choose(b, html, '/review/answers', 'continued');
    expect(location(none)).toBe(`${START}/order`);
    expect(await outcomeOf(hidden(html, 'v'))).toMatchObject({ outcome: 'shown' });
  });

  it('behind the app proxy (no cookies) the step carries the link draft in its form, and going on keeps it', async () => {
    const query = (res: Response) => new URL(location(res), 'https://shop.example').searchParams;
    const start = await (await call(await proxied('/apps/returns'))).text();
    const looked = await call(await proxied('/apps/returns/lookup'), {
      method: 'POST',
      body: new URLSearchParams({ _csrf: hidden(start, '_csrf'), order: '#1010', email: 'shopper@example.com' }),
    });
    const t = query(looked).get('t')!;
    const order = await (await call(await proxied('/apps/returns/order', { t }))).text();
    const [line] = lineIds(order);
    const form = new URLSearchParams({ _csrf: hidden(order, '_csrf'), t, resolution: 'refund', method: 'drop_off' });
    form.set(`qty_${line}`, '1');
    form.set(`reason_${line}`, 'changed_mind');
    const chosen = await call(await proxied('/apps/returns/order'), { method: 'POST', body: form });
    expect(chosen.status).toBe(303);
    const d = query(chosen).get('d')!;
    const step = await call(await proxied('/apps/returns/review', { t: query(chosen).get('t')!, d, lang: 'en' }));
    expect(step.status).toBe(200);
    const html = await step.text();
    expect(html).toContain('These answers may help first');
    expect(html).toMatch(/action="\/apps\/returns\/review\/answers/);
    expect(hidden(html, 'd')).toBe(d);
    const on = await call(await proxied('/apps/returns/review/answers'), {
      method: 'POST',
      body: new URLSearchParams({ _csrf: hidden(html, '_csrf'), t: hidden(html, 't'), d, outcome: 'continued' }),
    });
    expect(on.status).toBe(303);
    expect(new URL(location(on), 'https://x').pathname).toBe('/apps/returns/review');
    expect(query(on).get('d')).toBe(d);
    const review = await (await call(await proxied('/apps/returns/review', { t: query(on).get('t')!, d }))).text();
    expect(review).not.toContain('These answers may help first');
    expect(hidden(review, 'v')).toBe(hidden(html, 'v'));
    expect(await outcomeOf(hidden(html, 'v'))).toMatchObject({ outcome: 'continued', channel: 'return' });
  });
});

describe('deflection before the contact form', () => {
  const ask = async (b: Browser, order: string, body: string) =>
    b.post(`${START}/contact`, new URLSearchParams({ _csrf: hidden(order, '_csrf'), body }));

  it('shows the answers matching what the shopper typed first; "answered" sends nothing', async () => {
    const before = await deflection();
    const { b, order } = await signedIn('en', '1006');
    const res = await ask(b, order, 'Hello, where is my order? The parcel has not arrived.');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('These answers may help first');
    expect(html).toContain('Where is my order?');
    expect(html).toContain('The parcel has not arrived.');
    expect(hidden(html, 'body')).toBe('Hello, where is my order? The parcel has not arrived.');
    const answered = await choose(b, html, '/contact', 'answered', { body: hidden(html, 'body') });
    expect(location(answered)).toMatch(/\/order\?answered=1$/);
    const after = await deflection();
    expect(after.byChannel.contact!.questions).toBe(before.byChannel.contact!.questions! + 1);
    expect(after.byChannel.contact!.answeredWithoutCase).toBe(before.byChannel.contact!.answeredWithoutCase! + 1);
  });

  it('"I still want to send it" opens the inquiry once, however often it is posted', async () => {
    const { b, order } = await signedIn('de', '1006');
    const html = await (await ask(b, order, 'Wo ist meine Bestellung? Das Paket ist noch nicht da.')).text();
    expect(html).toContain('Ich möchte es trotzdem senden');
    const first = await choose(b, html, '/contact', 'continued', { body: hidden(html, 'body') });
    const again = await choose(b, html, '/contact', 'continued', { body: hidden(html, 'body') });
    expect(first.status).toBe(303);
    expect(location(again)).toBe(location(first));
    const caseId = /\/returns\/([^?]+)/.exec(location(first))![1]!;
    expect(await outcomeOf(hidden(html, 'v'))).toEqual({ outcome: 'continued', caseId, channel: 'contact' });
    const cases = await env.DB.prepare('SELECT type FROM cases WHERE id = ?').bind(caseId).first<{ type: string }>();
    expect(cases?.type).toBe('inquiry');
  });

  it('sends a message no article matches straight away, without counting a question', async () => {
    const before = await deflection();
    const { b, order } = await signedIn('en', '1006');
    const res = await ask(b, order, 'Xylophone quartz zebra?');
    expect(res.status).toBe(303);
    expect(location(res)).toMatch(/\/returns\/[^?]+\?sent=1/);
    expect((await deflection()).questions).toBe(before.questions);
  });
});

describe('deflection in the help center', () => {
  it('counts an article marked helpful, and shows the figure on the dashboard screen', async () => {
    const before = await deflection();
    const b = new Browser(freshIp());
    const article = await (await b.get(`${START}/help/exchanges`)).text();
    const form = new URLSearchParams({ _csrf: hidden(article, '_csrf'), v: hidden(article, 'v'), answer: 'yes' });
    expect((await b.post(`${START}/help/exchanges/feedback`, form)).status).toBe(303);
    expect((await b.post(`${START}/help/exchanges/feedback`, form)).status).toBe(303);
    const after = await deflection();
    expect(after.answeredWithoutCase).toBe(Number(before.answeredWithoutCase) + 1);
    expect(after.byChannel.help!.questions).toBe(before.byChannel.help!.questions! + 1);
    expect(after.helpful).toBe(Number(before.helpful) + 1);
    expect(after.articleViews).toBe(Number(before.articleViews) + 1);
    const screen = await exports.default.fetch((await adminSession(SHOP)).get('/admin/dashboard'));
    const html = await screen.text();
    expect(html).toContain('Help center');
    expect(html).toContain(`<strong data-metric="deflected">${after.answeredWithoutCase}</strong>`);
  });
});

describe('POST /api/portal/:shop/help/:slug/feedback', () => {
  const vote = (slug: string, body: unknown) =>
    call(`/api/portal/${SHOP}/help/${slug}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('records a helpful answer once per visit as answered without a case; refuses bad input with problem+json', async () => {
    const before = await deflection();
    const visit = 'api-visit-0123456789abcd';
    expect((await vote('refunds-timing', { visit, helpful: true })).status).toBe(204);
    expect((await vote('refunds-timing', { visit, helpful: true })).status).toBe(204);
    const after = await deflection();
    expect(after.helpful).toBe(Number(before.helpful) + 1);
    expect(after.answeredWithoutCase).toBe(Number(before.answeredWithoutCase) + 1);
    expect((await vote('refunds-timing', { visit: 'short', helpful: true })).status).toBe(400);
    const missing = await vote('no-such-article', { visit, helpful: false });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });
});
