import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SHOP_ID } from '../../src/db/demo-data';
import { installStarterSet } from '../../src/help/starter-set';
import { createServices } from '../../src/services';
import { adminSession } from '../admin/admin-session';
import { Browser, hidden, lineIds, location } from '../portal/browser';
import { call, demoShop, freshIp, SHOP } from '../portal/helpers';

const START = `/portal/${SHOP}`;

beforeAll(async () => {
  await demoShop();
  await installStarterSet(createServices(env), DEMO_SHOP_ID);
});

/** Lookup → choose one item for "changed my mind" → the review page. */
async function reviewPage(lang = 'en') {
  const b = new Browser(freshIp(), lang);
  const start = await (await b.get(START)).text();
  const lookedUp = await b.post(
    `${START}/lookup`,
    new URLSearchParams({ _csrf: hidden(start, '_csrf'), order: '1002', email: 'shopper@example.com' }),
  );
  const order = await (await b.get(location(lookedUp))).text();
  const [line] = lineIds(order);
  const form = new FormData();
  form.set('_csrf', hidden(order, '_csrf'));
  form.set(`qty_${line}`, '1');
  form.set(`reason_${line}`, 'changed_mind');
  form.set('resolution', 'refund');
  form.set('method', 'drop_off');
  const chosen = await b.post(`${START}/order`, form);
  expect(chosen.status).toBe(303);
  const review = await (await b.get(location(chosen))).text();
  return { b, review };
}

async function deflection() {
  const res = await call('/api/admin/metrics', {
    headers: { authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm', 'x-shop-domain': SHOP },
  });
  expect(res.status).toBe(200);
  return (await res.json<{ deflection: Record<string, number | null> }>()).deflection;
}

describe('deflection: answers before a return, and the dashboard figure', () => {
  it('shows the articles linked to the chosen reason on the review step, in the shopper’s language', async () => {
    const { review } = await reviewPage('zh-CN');
    expect(review).toContain('这些解答也许能先帮到您');
    expect(review).toContain('退货政策');
    expect(review).toMatch(/href="\/portal\/[^"]+\/help\/return-policy\?v=[^"]+"/);
  });

  it('counts a shopper who read the suggestions and left as answered without a case, one who went on as not', async () => {
    const before = await deflection();
    const left = await reviewPage();
    expect(left.review).toContain('These answers may help first');
    // Reloading the review page is the same question, not a second one.
    expect((await left.b.get(`${START}/review`)).status).toBe(200);
    let after = await deflection();
    expect(after.questions).toBe(Number(before.questions) + 1);
    expect(after.answeredWithoutCase).toBe(Number(before.answeredWithoutCase) + 1);

    const went = await reviewPage();
    const submitted = await went.b.post(
      `${START}/submit`,
      new URLSearchParams({
        _csrf: hidden(went.review, '_csrf'),
        d: hidden(went.review, 'd'),
        v: hidden(went.review, 'v'),
      }),
    );
    expect(submitted.status).toBe(303);
    after = await deflection();
    expect(after.questions).toBe(Number(before.questions) + 2);
    expect(after.answeredWithoutCase).toBe(Number(before.answeredWithoutCase) + 1);
    expect(after.rate).toBeCloseTo(Number(after.answeredWithoutCase) / Number(after.questions));
  });

  it('counts an article marked helpful in the help center, and shows the figure on the dashboard screen', async () => {
    const before = await deflection();
    const b = new Browser(freshIp());
    const article = await (await b.get(`${START}/help/exchanges`)).text();
    const form = new URLSearchParams({ _csrf: hidden(article, '_csrf'), v: hidden(article, 'v'), answer: 'yes' });
    expect((await b.post(`${START}/help/exchanges/feedback`, form)).status).toBe(303);
    const after = await deflection();
    expect(after.answeredWithoutCase).toBe(Number(before.answeredWithoutCase) + 1);
    expect(after.helpful).toBe(Number(before.helpful) + 1);
    expect(after.articleViews).toBe(Number(before.articleViews) + 1);
    const screen = await exports.default.fetch((await adminSession(SHOP)).get('/admin/dashboard'));
    const html = await screen.text();
    expect(html).toContain('Help center');
    expect(html).toContain(`<strong data-metric="deflected">${after.answeredWithoutCase}</strong>`);
  });
});
