import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { findShopById } from '../../src/db/shops';
import { applyFulfillment } from '../../src/events/fulfillments';
import { checkShipmentDelay, detectLateShipments } from '../../src/delays/delays';
import { localGoodwillRecords } from '../../src/delays/goodwill';
import { createOrder, createShop } from '../helpers/factory';
import { drain, jobServices, notifications } from './harness';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 20, 9);

async function lateShipment(settings: Record<string, unknown> = {}, opts: { locale?: string } = {}) {
  const shop = await createShop(
    env.DB,
    { settings: { integrations: 'local', delayGraceDays: 1, stallDays: 3, ...settings } },
    T0,
  );
  const { order, customerId } = await createOrder(env.DB, shop.id, { name: '#2001' }, T0);
  if (opts.locale)
    await env.DB.prepare('UPDATE customers SET locale = ?, first_name = ? WHERE id = ?')
      .bind(opts.locale, '小明', customerId)
      .run();
  const id = `shp_test_${crypto.randomUUID().slice(0, 8)}`;
  await env.DB.prepare(
    `INSERT INTO shipments (id, shop_id, order_id, platform_id, carrier, tracking_urls, status, shipped_at, estimated_delivery_at, last_tracking_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'USPS', '["https://t.example/1"]', 'in_transit', ?, ?, ?, ?, ?)`,
  )
    .bind(id, shop.id, order.id, `gid://shopify/Fulfillment/${id}`, T0 - 6 * DAY, T0 - 2 * DAY, T0 - DAY, T0, T0)
    .run();
  return { shop, order, shipmentId: id };
}

const episode = async (id: string) =>
  (await env.DB.prepare('SELECT delay_episode FROM shipments WHERE id = ?').bind(id).first<number>('delay_episode'))!;

describe('proactive delay notices', () => {
  it('a late shipment gets exactly one notice across repeated sweeps and duplicate webhooks', async () => {
    const { shop, shipmentId } = await lateShipment();
    const { s, q, email } = jobServices(T0);
    const first = await detectLateShipments(s);
    expect(first.noticed).toBeGreaterThanOrEqual(1);
    await detectLateShipments(s);
    // Duplicate fulfillment webhooks racing each other and the sweep.
    await Promise.all([
      checkShipmentDelay(s, shop.id, shipmentId),
      checkShipmentDelay(s, shop.id, shipmentId),
      detectLateShipments(s),
    ]);
    await drain(s, q);
    await drain(s, {
      sent: [{ body: { kind: 'deliver-notification', shopId: shop.id, dedupeKey: `delay:${shipmentId}:1` } }],
    });

    const rows = await notifications(shop.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'delay_notice',
      dedupe_key: `delay:${shipmentId}:1`,
      status: 'sent',
      provider: 'local',
      recipient: 'shopper@example.com',
    });
    expect(rows[0]!.subject).toBe('Your order #2001 is running late');
    expect(email.sent.filter((m) => m.id === rows[0]!.id)).toHaveLength(1);
    expect(await episode(shipmentId)).toBe(1);
  });

  it('notifies again only for a new delay episode: a new ETA that passes too, or a stall after movement', async () => {
    const { shop, shipmentId } = await lateShipment();
    const { s, q, clock } = jobServices(T0);
    await detectLateShipments(s);
    clock.advance(DAY);
    await detectLateShipments(s);
    expect(await notifications(shop.id)).toHaveLength(1);

    // The carrier moves the parcel and promises a new date (what a fulfillments/update carries).
    await env.DB.prepare('UPDATE shipments SET estimated_delivery_at = ?, last_tracking_at = ? WHERE id = ?')
      .bind(T0 + 2 * DAY, T0 + DAY, shipmentId)
      .run();
    clock.set(T0 + 2.5 * DAY); // new ETA + 1 day grace not yet passed
    await detectLateShipments(s);
    expect(await notifications(shop.id)).toHaveLength(1);

    clock.set(T0 + 3.5 * DAY); // it passed: a second, longer delay
    await detectLateShipments(s);
    await detectLateShipments(s);
    await checkShipmentDelay(s, shop.id, shipmentId);
    let rows = await notifications(shop.id);
    expect(rows.map((r) => r.dedupe_key)).toEqual([`delay:${shipmentId}:1`, `delay:${shipmentId}:2`]);

    // Tracking moves once more, then stalls for longer than stallDays (3): episode 3, flagged stalled.
    await env.DB.prepare('UPDATE shipments SET last_tracking_at = ? WHERE id = ?')
      .bind(T0 + 4 * DAY, shipmentId)
      .run();
    clock.set(T0 + 6.5 * DAY);
    await detectLateShipments(s);
    expect(await notifications(shop.id)).toHaveLength(2);
    clock.set(T0 + 7.5 * DAY);
    await detectLateShipments(s);
    await detectLateShipments(s);
    rows = await notifications(shop.id);
    expect(rows).toHaveLength(3);
    expect(rows[2]!.body_text).toContain('tracking has not moved');
    expect(await episode(shipmentId)).toBe(3);
    await drain(s, q);
    expect((await notifications(shop.id)).every((r) => r.status === 'sent')).toBe(true);
  });

  it("writes the notice in the shopper's language", async () => {
    const { shop } = await lateShipment({}, { locale: 'zh-CN' });
    const { s } = jobServices(T0);
    await detectLateShipments(s);
    const [row] = await notifications(shop.id);
    expect(row).toMatchObject({ locale: 'zh-CN', subject: '您的订单 #2001 有所延误' });
    expect(row!.body_text).toContain('小明，您好');
  });

  it('writes the notice in German for a German customer (de-DE), the promised date as Germans write it', async () => {
    const { shop } = await lateShipment({}, { locale: 'de-DE' });
    await detectLateShipments(jobServices(T0).s);
    const [row] = await notifications(shop.id);
    expect(row).toMatchObject({ locale: 'de', subject: 'Ihre Bestellung #2001 verspätet sich' });
    expect(row!.body_text).toContain(
      'Die Sendung ist bis zu dem von USPS genannten Termin nicht angekommen (18.11.2026).',
    );
  });

  it('says nothing about a delivered or on-time shipment', async () => {
    const { shop, shipmentId } = await lateShipment();
    await env.DB.prepare("UPDATE shipments SET status = 'delivered', delivered_at = ? WHERE id = ?")
      .bind(T0 - DAY, shipmentId)
      .run();
    const onTime = await lateShipment();
    await env.DB.prepare('UPDATE shipments SET estimated_delivery_at = ?, last_tracking_at = ? WHERE id = ?')
      .bind(T0 + DAY, T0, onTime.shipmentId)
      .run();
    const { s } = jobServices(T0);
    await detectLateShipments(s);
    expect(await checkShipmentDelay(s, shop.id, shipmentId)).toMatchObject({ noticed: false });
    expect(await notifications(shop.id)).toHaveLength(0);
    expect(await notifications(onTime.shop.id)).toHaveLength(0);
  });

  it('adds one goodwill discount code per episode when the shop turned it on', async () => {
    const { shop } = await lateShipment({ goodwillDiscount: { percent: 15, validDays: 30 } });
    const { s } = jobServices(T0);
    await detectLateShipments(s);
    await detectLateShipments(s);
    const [row] = await notifications(shop.id);
    const code = /SORRY-[2-9A-Z]{8}/.exec(String(row!.body_text))?.[0];
    expect(code).toBeDefined();
    const created = localGoodwillRecords().filter((r) => r.shopId === shop.id);
    expect(created).toEqual([expect.objectContaining({ code, percent: 15, startsAt: T0, endsAt: T0 + 30 * DAY })]);
  });
});

describe('a fulfillment webhook checks for a delay at once', () => {
  async function fulfillmentFor(status: string) {
    const shop = await createShop(env.DB, { settings: { integrations: 'local', delayGraceDays: 1, stallDays: 3 } }, T0);
    const { order } = await createOrder(env.DB, shop.id, { name: '#2101' }, T0);
    const body = {
      id: `${Math.floor(Math.random() * 1e12)}`,
      order_id: order.platformId.split('/').pop(),
      name: '#2101.1',
      status: 'success',
      shipment_status: status,
      tracking_company: 'USPS',
      tracking_urls: ['https://t.example/2101'],
      created_at: new Date(T0 - 6 * DAY).toISOString(),
      estimated_delivery_at: new Date(T0 - 2 * DAY).toISOString(), // the promised day has passed
      updated_at: new Date(T0 - DAY).toISOString(),
    };
    return { shop, body };
  }

  it('a late parcel in transit gets its notice from the job the applier enqueued, before any sweep', async () => {
    const { shop, body } = await fulfillmentFor('in_transit');
    const { s, q } = jobServices(T0);
    await applyFulfillment({ s, shop: (await findShopById(s, shop.id))!, body, event: {} as never });
    const shipment = await env.DB.prepare('SELECT id FROM shipments WHERE shop_id = ?')
      .bind(shop.id)
      .first<{ id: string }>();
    expect(q.sent.map((m) => m.body)).toEqual([
      { kind: 'check-shipment-delay', shopId: shop.id, shipmentId: shipment!.id },
    ]);
    // The same event applied again (a redelivery) asks again; the check still notices only once.
    await applyFulfillment({ s, shop: (await findShopById(s, shop.id))!, body, event: {} as never });
    await drain(s, q);
    const rows = await notifications(shop.id);
    expect(rows.map((r) => [r.kind, r.dedupe_key])).toEqual([['delay_notice', `delay:${shipment!.id}:1`]]);
  });

  it('a delivered parcel asks for no check', async () => {
    const { shop, body } = await fulfillmentFor('delivered');
    const { s, q } = jobServices(T0);
    await applyFulfillment({ s, shop: (await findShopById(s, shop.id))!, body, event: {} as never });
    expect(q.sent).toEqual([]);
  });
});
