import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { scheduleCaseSurvey } from '../../src/commands/close-survey';
import { scheduleAndSendSurveys } from '../../src/surveys/surveys';
import { createOrder, createShop } from '../helpers/factory';
import { drain, jobServices, notifications } from './harness';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 21, 12);

async function deliveredOrder(settings: Record<string, unknown> = {}) {
  const shop = await createShop(
    env.DB,
    { settings: { integrations: 'local', surveyDelayDays: 3, surveyKind: 'csat', ...settings } },
    T0,
  );
  const { order } = await createOrder(env.DB, shop.id, { name: '#3001', deliveredDaysAgo: 0 }, T0);
  return { shop, order };
}

const links = (text: string) => [...text.matchAll(/(\/survey\/(?:unsubscribe\/)?[A-Za-z0-9_.-]+)/g)].map((m) => m[1]!);
const get = (path: string) => exports.default.fetch(new Request(`https://aftercare.test${path}`));
const post = (path: string, form: Record<string, string>) =>
  exports.default.fetch(
    new Request(`https://aftercare.test${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    }),
  );
const surveysOf = async (shopId: string) =>
  (await env.DB.prepare('SELECT * FROM surveys WHERE shop_id = ?').bind(shopId).all<Record<string, unknown>>()).results;
const casesOf = async (shopId: string) =>
  (await env.DB.prepare('SELECT * FROM cases WHERE shop_id = ?').bind(shopId).all<Record<string, unknown>>()).results;

describe('post-delivery surveys', () => {
  it('goes out N days after delivery, exactly once', async () => {
    const { shop, order } = await deliveredOrder();
    const { s, q, clock, email } = jobServices(T0 + DAY);
    expect(await scheduleAndSendSurveys(s)).toMatchObject({ scheduled: 1, enqueued: 0 });
    await drain(s, q);
    expect(await notifications(shop.id)).toHaveLength(0);

    clock.set(T0 + 3 * DAY - 1);
    await scheduleAndSendSurveys(s);
    expect(q.sent).toHaveLength(0);

    clock.set(T0 + 3 * DAY);
    await scheduleAndSendSurveys(s);
    await scheduleAndSendSurveys(s); // a second tick before the first job ran
    await drain(s, q);
    clock.advance(DAY);
    await scheduleAndSendSurveys(s);
    await drain(s, q);

    const rows = await notifications(shop.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'survey',
      status: 'sent',
      dedupe_key: `survey:${(await surveysOf(shop.id))[0]!.id}`,
    });
    expect(email.sent).toHaveLength(1);
    expect(links(String(rows[0]!.body_text))).toHaveLength(6); // scores 1-5 + unsubscribe
    expect(await surveysOf(shop.id)).toEqual([
      expect.objectContaining({ subject: `delivery:${order.id}`, kind: 'csat', status: 'sent', sent_at: T0 + 3 * DAY }),
    ]);
  });

  it('records a one-click score, updates on a second answer, and a low score opens ONE complaint case', async () => {
    const { shop } = await deliveredOrder();
    const { s, q } = jobServices(T0 + 3 * DAY);
    await scheduleAndSendSurveys(s);
    await drain(s, q);
    const [row] = await notifications(shop.id);
    const [one, two, , , five] = links(String(row!.body_text));

    // Opening a link (a shopper, or a mail scanner opening every link) shows the score, records nothing.
    for (const link of links(String(row!.body_text))) expect((await get(link)).status).toBe(200);
    let res = await get(one!);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('Thank you!');
    expect(html).toContain('Press Send to record your answer.');
    expect(html).toMatch(/<input type="radio" name="score" value="1" checked/);
    expect(html).toContain('<form method="post"');
    expect(await surveysOf(shop.id)).toEqual([expect.objectContaining({ score: null, status: 'sent' })]);
    expect(await casesOf(shop.id)).toHaveLength(0);

    // The one button posts the preselected score to the same signed link: that records it.
    res = await post(one!, { score: '1', comment: '' });
    expect(await res.text()).toContain('Thank you! Your answer: 1.');
    expect(await surveysOf(shop.id)).toEqual([expect.objectContaining({ score: 1, status: 'answered' })]);
    let cases = await casesOf(shop.id);
    expect(cases).toEqual([
      expect.objectContaining({
        type: 'complaint',
        source: 'survey',
        platform_ref: `survey:${(await surveysOf(shop.id))[0]!.id}`,
      }),
    ]);
    const events = await env.DB.prepare('SELECT type FROM case_events WHERE case_id = ?').bind(cases[0]!.id).all();
    expect(events.results.length).toBeGreaterThanOrEqual(1);

    await post(one!, { score: '1' });
    res = await post(two!, { score: '2' });
    expect(await res.text()).toContain('Your answer: 2.');
    res = await post(five!, { score: '4', comment: '  The courier was late.  ' });
    expect(res.status).toBe(200);
    const [survey, ...others] = await surveysOf(shop.id);
    expect(others).toHaveLength(0);
    expect(survey).toMatchObject({ score: 4, comment: 'The courier was late.', follow_up_case_id: cases[0]!.id });
    cases = await casesOf(shop.id);
    expect(cases).toHaveLength(1);
  });

  it('a high score opens no case; a tampered or foreign token changes nothing', async () => {
    const { shop } = await deliveredOrder();
    const { s, q } = jobServices(T0 + 3 * DAY);
    await scheduleAndSendSurveys(s);
    await drain(s, q);
    const all = links(String((await notifications(shop.id))[0]!.body_text));
    expect((await post(all[4]!, { score: '5' })).status).toBe(200);
    expect(await casesOf(shop.id)).toHaveLength(0);

    const [body, mac] = all[0]!.replace('/survey/', '').split('.');
    const tampered = `/survey/${body}.${mac!.slice(0, -2)}AA`;
    expect((await get(tampered)).status).toBe(404);
    expect((await post(tampered, { score: '1' })).status).toBe(404);
    expect((await get('/survey/not-a-token-at-all')).status).toBe(404);
    expect(await surveysOf(shop.id)).toEqual([expect.objectContaining({ score: 5 })]);
    expect(await casesOf(shop.id)).toHaveLength(0);
  });

  it('a closed case gets one survey of the shop kind (NPS 0-10), in the shopper language', async () => {
    const shop = await createShop(env.DB, { settings: { integrations: 'local', surveyKind: 'nps' } }, T0);
    const { order } = await createOrder(env.DB, shop.id, { name: '#3002' }, T0);
    await env.DB.prepare(
      `INSERT INTO cases (id, shop_id, number, order_id, type, status, source, locale, currency, created_at, updated_at) VALUES ('case_srv1', ?, 1001, ?, 'return', 'closed', 'portal', 'zh-CN', 'USD', ?, ?)`,
    )
      .bind(shop.id, order.id, T0, T0)
      .run();
    const { s, q } = jobServices(T0);
    const c = { id: 'case_srv1', shopId: shop.id, orderId: order.id, customerId: null, locale: 'zh-CN' };
    await env.DB.batch(scheduleCaseSurvey(s, c));
    await env.DB.batch(scheduleCaseSurvey(s, c));
    await scheduleAndSendSurveys(s);
    await drain(s, q);
    const rows = await notifications(shop.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      locale: 'zh-CN',
      subject: '您有多大可能向朋友推荐我们？',
      recipient: 'shopper@example.com',
    });
    expect(links(String(rows[0]!.body_text))).toHaveLength(12); // 0-10 + unsubscribe
    expect(await surveysOf(shop.id)).toEqual([expect.objectContaining({ subject: 'case:case_srv1', kind: 'nps' })]);
  });

  it('a German case (de-AT) gets a German survey email, and the link opens a German page', async () => {
    const shop = await createShop(env.DB, { settings: { integrations: 'local', surveyKind: 'csat' } }, T0);
    const { order } = await createOrder(env.DB, shop.id, { name: '#3003' }, T0);
    await env.DB.prepare(
      `INSERT INTO cases (id, shop_id, number, order_id, type, status, source, locale, currency, created_at, updated_at) VALUES ('case_srv_de', ?, 1001, ?, 'return', 'closed', 'portal', 'de-AT', 'EUR', ?, ?)`,
    )
      .bind(shop.id, order.id, T0, T0)
      .run();
    const { s, q } = jobServices(T0);
    await env.DB.batch(
      scheduleCaseSurvey(s, {
        id: 'case_srv_de',
        shopId: shop.id,
        orderId: order.id,
        customerId: null,
        locale: 'de-AT',
      }),
    );
    await scheduleAndSendSurveys(s);
    await drain(s, q);
    const [mail] = await notifications(shop.id);
    expect(mail).toMatchObject({ locale: 'de', subject: 'Wie zufrieden sind Sie?' });
    expect(mail!.body_text).toContain('zu Ihrer Anfrage R-1001: Wie zufrieden sind Sie?');
    expect(mail!.body_text).toContain('Ein Klick genügt (sehr unzufrieden → sehr zufrieden)');
    const link = links(String(mail!.body_text))[4]!;
    const page = await (await get(link)).text();
    expect(page).toContain('<html lang="de">');
    expect(page).toContain('Drücken Sie auf „Senden“, um Ihre Antwort zu übermitteln.');
    expect(await (await post(link, { score: '5' })).text()).toContain('Vielen Dank! Ihre Antwort: 5.');
    // A broken link names no survey: the browser's best language we speak (German, ranked below French).
    const broken = await exports.default.fetch(
      new Request('https://aftercare.test/survey/not-a-token-at-all', {
        headers: { 'accept-language': 'fr-CH, de;q=0.8, en;q=0.5' },
      }),
    );
    const brokenPage = await broken.text();
    expect(brokenPage).toContain('<html lang="de"><head>');
    expect(brokenPage).toContain('Dieser Umfragelink ist ungültig oder abgelaufen.');
  });

  it('the sweep surveys a closed case the close command did not schedule, but never a survey complaint', async () => {
    const shop = await createShop(env.DB, { settings: { integrations: 'local' } }, T0);
    const { order } = await createOrder(env.DB, shop.id, { name: '#3004' }, T0);
    for (const [id, number, source] of [
      ['case_cl1', 1001, 'admin'],
      ['case_cl2', 1002, 'survey'],
    ] as const) {
      await env.DB.prepare(
        `INSERT INTO cases (id, shop_id, number, order_id, type, status, source, locale, currency, closed_at, created_at, updated_at) VALUES (?, ?, ?, ?, 'complaint', 'closed', ?, 'en', 'USD', ?, ?, ?)`,
      )
        .bind(id, shop.id, number, order.id, source, T0, T0, T0)
        .run();
    }
    const { s, q } = jobServices(T0 + 60_000);
    await scheduleAndSendSurveys(s);
    await scheduleAndSendSurveys(s);
    await drain(s, q);
    expect((await surveysOf(shop.id)).map((r) => r.subject)).toEqual(['case:case_cl1']);
    expect(await notifications(shop.id)).toEqual([expect.objectContaining({ kind: 'survey', status: 'sent' })]);
  });

  it('honours the unsubscribe link: later surveys to that address are never sent', async () => {
    const { shop } = await deliveredOrder();
    const { s, q, email } = jobServices(T0 + 3 * DAY);
    await scheduleAndSendSurveys(s);
    await drain(s, q);
    const unsubscribe = links(String((await notifications(shop.id))[0]!.body_text)).at(-1)!;
    expect(unsubscribe).toContain('/survey/unsubscribe/');
    expect(await (await get(unsubscribe)).text()).toContain('Stop receiving surveys');
    expect(await (await post(unsubscribe, {})).text()).toContain('will not send you surveys any more');

    await createOrder(env.DB, shop.id, { name: '#3003', deliveredDaysAgo: 5 }, T0 + 3 * DAY);
    await scheduleAndSendSurveys(s);
    await drain(s, q);
    const rows = await notifications(shop.id);
    expect(rows.map((r) => r.status).sort()).toEqual(['cancelled', 'sent']);
    expect(email.sent).toHaveLength(1);
  });
});
