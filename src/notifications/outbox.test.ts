import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createShop } from '../../test/helpers/factory';
import { fixedClock } from '../lib/clock';
import { createServices } from '../services';
import { prepareNotification } from './outbox';
import { templateSamples } from './template-samples';

const T0 = Date.UTC(2026, 10, 20, 12);

async function rows(shopId: string) {
  const r = await env.DB.prepare('SELECT * FROM notifications WHERE shop_id = ? ORDER BY created_at')
    .bind(shopId)
    .all<Record<string, unknown>>();
  return r.results;
}

describe('prepareNotification', () => {
  it('returns an INSERT OR IGNORE the caller batches: the same dedupe key inserts once', async () => {
    const shop = await createShop(env.DB);
    const s = createServices(env, { clock: fixedClock(T0) });
    const input = {
      shopId: shop.id,
      kind: 'delay_notice' as const,
      recipient: 'shopper@example.com',
      locale: 'zh-CN',
      vars: templateSamples.delay_notice,
      dedupeKey: 'delay:shp_1:1',
      orderId: 'ord_1',
    };
    await env.DB.batch([await prepareNotification(s, input)]);
    await env.DB.batch([await prepareNotification(s, { ...input, locale: 'en' })]);
    const [row, ...more] = await rows(shop.id);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({
      kind: 'delay_notice',
      status: 'queued',
      locale: 'zh-CN',
      recipient: 'shopper@example.com',
      order_id: 'ord_1',
      created_at: T0,
    });
    expect(row!.subject).toBe('您的订单 #1005 有所延误');
    expect(row!.body_text).toContain('SORRY-1005');
    expect(row!.body_html).toContain('<strong>#1005</strong>');
  });

  it("uses the shop's override for the language, rendered strictly", async () => {
    const shop = await createShop(env.DB);
    const s = createServices(env, { clock: fixedClock(T0) });
    await env.DB.prepare(
      "INSERT INTO message_templates (id, shop_id, name, locale, subject, body, updated_at) VALUES ('tpl_1', ?, 'refund_issued', 'en', 'Money back: {{ amount }}', 'Refunded {{ amount }} by {{ shop.name }}', ?)",
    )
      .bind(shop.id, T0)
      .run();
    await env.DB.batch([
      await prepareNotification(s, {
        shopId: shop.id,
        kind: 'refund_issued',
        recipient: 'a@example.com',
        locale: 'en',
        vars: templateSamples.refund_issued,
        dedupeKey: 'refund:1',
      }),
    ]);
    await env.DB.batch([
      await prepareNotification(s, {
        shopId: shop.id,
        kind: 'refund_issued',
        recipient: 'a@example.com',
        locale: 'zh-CN',
        vars: templateSamples.refund_issued,
        dedupeKey: 'refund:2',
      }),
    ]);
    const [en, zh] = await rows(shop.id);
    expect(en).toMatchObject({
      subject: 'Money back: $50.00',
      body_text: 'Refunded $50.00 by Test Shop\n',
      body_html: null,
    });
    expect(zh!.subject).toBe('您的退款 $50.00 已发出');
  });

  it("a shop's template that fails (a typo, a loop past the memory limit) fails its own message, recorded with why; nothing else", async () => {
    const shop = await createShop(env.DB);
    const s = createServices(env, { clock: fixedClock(T0) });
    const loops = '{% for a in (1..100000) %}{% for b in (1..100000) %}x{% endfor %}{% endfor %}';
    await env.DB.prepare(
      "INSERT INTO message_templates (id, shop_id, name, locale, subject, body, updated_at) VALUES (?, ?, 'refund_issued', 'en', 'Hi', 'Refunded {{ amout }}', ?), (?, ?, 'case_update', 'en', 'Hi', ?, ?)",
    )
      .bind(`tpl_${shop.id}_1`, shop.id, T0, `tpl_${shop.id}_2`, shop.id, loops, T0)
      .run();
    const input = (kind: 'refund_issued' | 'case_update' | 'delay_notice', key: string) => ({
      shopId: shop.id,
      kind,
      recipient: 'a@example.com',
      locale: 'en',
      vars: templateSamples[kind],
      dedupeKey: key,
    });
    await env.DB.batch([
      await prepareNotification(s, input('refund_issued', 'k:typo')),
      await prepareNotification(s, input('case_update', 'k:loop')),
      await prepareNotification(s, input('delay_notice', 'k:fine')),
    ]);
    const byKey = new Map((await rows(shop.id)).map((r) => [r.dedupe_key, r]));
    expect(byKey.get('k:typo')).toMatchObject({ status: 'failed' });
    expect(byKey.get('k:typo')!.last_error).toMatch(/refund_issued\.en template does not render: .*amout/);
    expect(byKey.get('k:loop')).toMatchObject({ status: 'failed' });
    expect(byKey.get('k:loop')!.last_error).toMatch(/(memory alloc|template render) limit exceeded/);
    expect(byKey.get('k:fine')).toMatchObject({ status: 'queued' });
  });

  it('writes a survey to an unsubscribed recipient as cancelled, never queued', async () => {
    const shop = await createShop(env.DB);
    const s = createServices(env, { clock: fixedClock(T0) });
    await env.DB.prepare(
      "INSERT INTO unsubscribes (id, shop_id, recipient, scope, created_at) VALUES ('u1', ?, 'shopper@example.com', 'surveys', ?)",
    )
      .bind(shop.id, T0)
      .run();
    await env.DB.batch([
      await prepareNotification(s, {
        shopId: shop.id,
        kind: 'survey',
        recipient: 'Shopper@Example.com ',
        locale: 'en',
        vars: templateSamples.survey,
        dedupeKey: 'survey:1',
      }),
    ]);
    const [row] = await rows(shop.id);
    expect(row).toMatchObject({ status: 'cancelled', last_error: 'recipient unsubscribed from surveys' });
  });
});
