// storage: own (looks up the demo shop's fixed orders: the lookup rate limiter is per workerd, not per file)
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SHOP_ID } from '../../src/db/demo-data';
import { installStarterSet } from '../../src/help/starter-set';
import { createServices } from '../../src/services';
import { Browser, hidden, location } from './browser';
import { demoShop, freshIp, SHOP } from './helpers';

const START = `/portal/${SHOP}`;

beforeAll(async () => {
  await demoShop();
  await installStarterSet(createServices(env), DEMO_SHOP_ID);
});

async function orderPage(orderNumber: string, lang = 'en') {
  const b = new Browser(freshIp(), lang);
  const start = await (await b.get(START)).text();
  const lookedUp = await b.post(
    `${START}/lookup`,
    new URLSearchParams({ _csrf: hidden(start, '_csrf'), order: orderNumber, email: 'shopper@example.com' }),
  );
  return { b, html: await (await b.get(location(lookedUp))).text() };
}

const tracking = (html: string) =>
  html.slice(html.indexOf('id="tracking-card"'), html.indexOf('</section>', html.indexOf('id="tracking-card"')));

describe('where the order is, on the shopper page', () => {
  it('shows each parcel: carrier, latest status, tracking number and link, expected delivery', async () => {
    const { html } = await orderPage('1006');
    const card = tracking(html);
    expect(card).toContain('<h2 id="tracking">Where your order is</h2>');
    expect(card).toContain('data-status="in_transit"');
    expect(card).toContain('On its way');
    expect(card).toContain('UPS');
    expect(card).toContain('href="https://tracking.example/1006"');
    expect(card).toContain('rel="noopener noreferrer external"');
    expect(card).toContain('Expected delivery');
    expect(card).toContain(`href="${START}/help/where-is-my-order"`);
    expect(html).not.toContain('<script src');
  });

  it('speaks Chinese and German, and says when a parcel was delivered', async () => {
    const zh = tracking((await orderPage('1002', 'zh-CN')).html);
    expect(zh).toContain('您的订单到哪儿了');
    expect(zh).toMatch(/已于 .+ 送达/);
    expect(zh).toContain('承运商');
    const de = tracking((await orderPage('1006', 'de')).html);
    expect(de).toContain('Wo Ihre Bestellung ist');
    expect(de).toContain('Unterwegs');
    expect(de).toContain('Paket beim Versanddienst verfolgen');
  });

  it('says plainly when nothing has shipped yet', async () => {
    const card = tracking((await orderPage('1008')).html);
    expect(card).toContain('Your order has not been shipped yet.');
    expect(card).not.toContain('data-status=');
  });

  it('offers only web addresses as tracking links, whatever a webhook stored', async () => {
    await env.DB.prepare(
      `UPDATE shipments SET tracking_urls = '["javascript:alert(1)"]', status = 'weird_new_status'
       WHERE shop_id = ? AND order_id = (SELECT id FROM orders WHERE shop_id = ? AND name = '#1005')`,
    )
      .bind(DEMO_SHOP_ID, DEMO_SHOP_ID)
      .run();
    const card = tracking((await orderPage('1005')).html);
    expect(card).not.toContain('javascript:');
    expect(card).toContain('In progress');
  });

  it('shows the parcels on the status page too, and the "where is my order" article links to them', async () => {
    const { b, html } = await orderPage('1006');
    const sent = await b.post(
      `${START}/contact`,
      new URLSearchParams({ _csrf: hidden(html, '_csrf'), body: 'Xylophone quartz zebra?' }),
    );
    const status = await (await b.get(location(sent))).text();
    expect(tracking(status)).toContain('https://tracking.example/1006');

    const article = await (await b.get(`${START}/help/where-is-my-order`)).text();
    expect(article).toContain('href="../track"');
    const track = await b.get(`${START}/track`);
    expect(location(track)).toBe(`${START}/order`);
    const stranger = await new Browser(freshIp()).get(`${START}/track`);
    expect(location(stranger)).toBe(START);
  });
});
