import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { openComplaint } from '../../src/commands/open-complaint';
import { syncShopifyReturn, type ShopifyReturnChange } from '../../src/commands/sync-shopify-return';
import { createOrder, createShop } from '../helpers/factory';
import { caseServices } from './helpers';

const timeline = (caseId: string) =>
  env.DB.prepare('SELECT type, from_status, to_status, actor FROM case_events WHERE case_id = ? ORDER BY at, rowid')
    .bind(caseId)
    .all<{ type: string; from_status: string | null; to_status: string; actor: string }>()
    .then((r) => r.results);

describe('Shopify returns mirrored as cases', () => {
  it('opens once, follows Shopify, and ignores redeliveries and out-of-order topics', async () => {
    const { s, clock } = caseServices();
    const shop = await createShop(env.DB, {}, clock.now());
    const { order, lines } = await createOrder(
      env.DB,
      shop.id,
      { deliveredDaysAgo: 2, lines: [{ priceMinor: 3000, quantity: 2 }] },
      clock.now(),
    );
    const base: ShopifyReturnChange = {
      returnGid: 'gid://shopify/Return/42',
      orderGid: order.platformId,
      change: 'approved',
      declineReason: null,
      items: [{ platformLineId: lines[0]!.platformId, quantity: 1, reason: 'defective', note: 'broken zip' }],
    };
    // approve arrives before request (out of order): the case is opened and approved.
    const first = await syncShopifyReturn(s, shop.id, base);
    expect(first).toMatchObject({ created: true, moved: true });
    const again = await syncShopifyReturn(s, shop.id, { ...base, change: 'requested' });
    expect(again).toMatchObject({ caseId: first.caseId, created: false, moved: false });
    expect(await syncShopifyReturn(s, shop.id, base)).toMatchObject({ caseId: first.caseId, moved: false });
    clock.advance(1000);
    expect(await syncShopifyReturn(s, shop.id, { ...base, change: 'closed' })).toMatchObject({ moved: true });

    const row = await env.DB.prepare(
      'SELECT type, status, priority, tier, source, platform_ref FROM cases WHERE id = ?',
    )
      .bind(first.caseId)
      .first();
    // defective → warranty, high (reason rule); order line price carried onto the item
    expect(row).toEqual({
      type: 'warranty',
      status: 'closed',
      priority: 'high',
      tier: 1,
      source: 'shopify',
      platform_ref: 'gid://shopify/Return/42',
    });
    const item = await env.DB.prepare(
      'SELECT order_line_id, unit_price_minor, reason FROM case_items WHERE case_id = ?',
    )
      .bind(first.caseId)
      .first();
    expect(item).toEqual({ order_line_id: lines[0]!.id, unit_price_minor: 3000, reason: 'defective' });
    expect((await timeline(first.caseId)).map((e) => [e.type, e.to_status, e.actor])).toEqual([
      ['ReturnRequested', 'requested', 'shopify'],
      ['ReturnApproved', 'approved', 'shopify'],
      ['CaseClosed', 'closed', 'shopify'],
    ]);
  });

  it('a decline from Shopify rejects the case with the reason', async () => {
    const { s, clock } = caseServices();
    const shop = await createShop(env.DB, {}, clock.now());
    const { order } = await createOrder(env.DB, shop.id, { deliveredDaysAgo: 2 }, clock.now());
    const r = await syncShopifyReturn(s, shop.id, {
      returnGid: 'gid://shopify/Return/43',
      orderGid: order.platformId,
      change: 'declined',
      declineReason: 'FINAL_SALE',
      items: [],
    });
    const events = await timeline(r.caseId);
    expect(events.at(-1)).toMatchObject({ type: 'ReturnRejected', to_status: 'rejected' });
  });
});

describe('complaints', () => {
  it('a dispute delivered five times at once opens one tier-2, high-priority complaint', async () => {
    const { s, clock } = caseServices();
    const shop = await createShop(env.DB, {}, clock.now());
    const { order } = await createOrder(env.DB, shop.id, { deliveredDaysAgo: 2 }, clock.now());
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        openComplaint(s, {
          kind: 'dispute',
          shopId: shop.id,
          disputeId: 'dp_123',
          orderId: order.id,
          reason: 'fraudulent',
          amountMinor: 2500,
          currency: 'USD',
        }),
      ),
    );
    expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const row = await env.DB.prepare('SELECT type, priority, tier, tags, source FROM cases WHERE shop_id = ?')
      .bind(shop.id)
      .all();
    expect(row.results).toEqual([
      { type: 'complaint', priority: 'high', tier: 2, tags: '["dispute"]', source: 'stripe' },
    ]);
  });

  it('a low survey score opens a complaint on the order, once per survey', async () => {
    const { s, clock } = caseServices();
    const shop = await createShop(env.DB, {}, clock.now());
    const { order } = await createOrder(env.DB, shop.id, { deliveredDaysAgo: 2 }, clock.now());
    const a = await openComplaint(s, {
      kind: 'survey',
      shopId: shop.id,
      surveyId: 'srv_1',
      orderId: order.id,
      score: 1,
      comment: 'late and damaged',
    });
    const b = await openComplaint(s, {
      kind: 'survey',
      shopId: shop.id,
      surveyId: 'srv_1',
      orderId: order.id,
      score: 1,
      comment: 'late and damaged',
    });
    expect(b).toMatchObject({ caseId: a.caseId, created: false });
    const ev = await timeline(a.caseId);
    expect(ev).toEqual([{ type: 'ComplaintOpened', from_status: null, to_status: 'requested', actor: 'shopper' }]);
  });
});
