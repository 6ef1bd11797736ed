import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { shopifyWebhook } from '../helpers/webhooks';
import { patchRaw, shopify } from './fixtures';
import { consume, deliver, post, shopIdOf, uniqueDomain } from './flow';

const RETURN_GID = 'gid://shopify/Return/123134564567890';
const caseOf = (shopId: string, ref = RETURN_GID) =>
  env.DB.prepare('SELECT * FROM cases WHERE shop_id = ?1 AND platform_ref = ?2')
    .bind(shopId, ref)
    .first<Record<string, unknown>>();
const caseCount = async (shopId: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM cases WHERE shop_id = ?1').bind(shopId).first<{ n: number }>())!.n;
/** The published returns/request sample re-keyed (a second return) and/or with line items. */
const otherReturn = (id: string) => shopify.returnsRequest.replaceAll('123134564567890', id);
const withLines = shopify.returnsRequest.replace(
  '"return_line_items": []',
  `"return_line_items": ${JSON.stringify([{ quantity: 1, return_reason: 'SIZE_TOO_SMALL', customer_note: 'Too tight', fulfillment_line_item: { line_item: { id: 1, admin_graphql_api_id: 'gid://shopify/LineItem/1' } } }])}`,
);

describe('returns/* mirror Shopify returns as cases', () => {
  it('opens a return case for returns/request on the order it names (placeholder order until the order arrives)', async () => {
    const shop = uniqueDomain('ret');
    await deliver(await shopifyWebhook('returns/request', shopify.returnsRequest, { shop }));
    const shopId = await shopIdOf(shop);
    const c = await caseOf(shopId);
    expect(c).toMatchObject({ type: 'return', status: 'requested', source: 'shopify' });
    const order = await env.DB.prepare('SELECT platform_id FROM orders WHERE id = ?1')
      .bind(c!.order_id)
      .first<{ platform_id: string }>();
    expect(order!.platform_id).toBe('gid://shopify/Order/4783296544821');
    const events = await env.DB.prepare('SELECT type, actor FROM case_events WHERE case_id = ?1').bind(c!.id).all();
    expect(events.results).toEqual([{ type: 'ReturnRequested', actor: 'shopify' }]);
  });

  it('turns 10 concurrent deliveries of one returns/request into one case, and 10 different deliveries of it too', async () => {
    const shop = uniqueDomain('retdup');
    const same = await Promise.all(
      Array.from({ length: 10 }, () =>
        shopifyWebhook('returns/request', shopify.returnsRequest, { shop, webhookId: `same-${shop}` }),
      ),
    );
    const stored = await Promise.all(same.map((r) => post(r)));
    expect(new Set(stored.map((r) => r.eventId)).size).toBe(1);
    await Promise.all(stored.map((r) => consume([r.eventId!])));
    const shopId = await shopIdOf(shop);
    expect(await caseCount(shopId)).toBe(1);

    const different = await Promise.all(
      Array.from({ length: 10 }, () => shopifyWebhook('returns/request', otherReturn('555'), { shop })),
    );
    const ids = await Promise.all(different.map(async (r) => (await post(r)).eventId!));
    await Promise.all(ids.map((id) => consume([id])));
    expect(await caseCount(shopId)).toBe(2);
    const statuses = await env.DB.prepare(
      'SELECT status FROM webhook_events WHERE id IN (SELECT value FROM json_each(?1))',
    )
      .bind(JSON.stringify(ids))
      .all<{ status: string }>();
    expect(statuses.results.every((r) => r.status === 'processed')).toBe(true);
  });

  it('follows approve and close, decline, and an approve that arrives before its request', async () => {
    const shop = uniqueDomain('retflow');
    await deliver(await shopifyWebhook('returns/request', withLines, { shop }));
    const shopId = await shopIdOf(shop);
    const items = await env.DB.prepare(
      'SELECT reason, note, quantity, platform_line_id FROM case_items WHERE case_id = ?1',
    )
      .bind((await caseOf(shopId))!.id)
      .all();
    expect(items.results).toEqual([
      { reason: 'size_too_small', note: 'Too tight', quantity: 1, platform_line_id: 'gid://shopify/LineItem/1' },
    ]);
    await deliver(
      await shopifyWebhook('returns/approve', patchRaw(shopify.returnsRequest, { status: '"open"' }), { shop }),
    );
    expect(await caseOf(shopId)).toMatchObject({ status: 'approved' });
    await deliver(
      await shopifyWebhook('returns/close', patchRaw(shopify.returnsRequest, { status: '"closed"' }), { shop }),
    );
    expect(await caseOf(shopId)).toMatchObject({ status: 'closed' });
    // A late duplicate request changes nothing.
    await deliver(await shopifyWebhook('returns/request', shopify.returnsRequest, { shop }));
    expect(await caseOf(shopId)).toMatchObject({ status: 'closed' });

    const declined = otherReturn('777').replace(
      '"status": "requested"',
      '"status": "declined", "decline": {"reason": "FINAL_SALE", "note": "Marked final sale"}',
    );
    await deliver(await shopifyWebhook('returns/decline', declined, { shop }));
    const rejected = await caseOf(shopId, 'gid://shopify/Return/777');
    expect(rejected).toMatchObject({ status: 'rejected' });
    const why = await env.DB.prepare("SELECT reason FROM case_events WHERE case_id = ?1 AND type = 'ReturnRejected'")
      .bind(rejected!.id)
      .first<{ reason: string }>();
    expect(why!.reason).toBe('FINAL_SALE: Marked final sale');

    await deliver(await shopifyWebhook('returns/approve', otherReturn('888'), { shop }));
    expect(await caseOf(shopId, 'gid://shopify/Return/888')).toMatchObject({ status: 'approved' });
    await deliver(await shopifyWebhook('returns/request', otherReturn('888'), { shop }));
    expect(await caseOf(shopId, 'gid://shopify/Return/888')).toMatchObject({ status: 'approved' });
  });
});

describe('refunds/create', () => {
  const refundOf = (shopId: string) =>
    env.DB.prepare(
      "SELECT * FROM refunds WHERE shop_id = ?1 AND provider_ref = 'gid://shopify/Refund/890088186047892319'",
    )
      .bind(shopId)
      .first<Record<string, unknown>>();

  it('records the refund (sum of successful refund transactions) on its order, once', async () => {
    const shop = uniqueDomain('rfd');
    await deliver(await shopifyWebhook('orders/create', shopify.ordersCreate, { shop }));
    await deliver(await shopifyWebhook('refunds/create', shopify.refundsCreate, { shop }));
    await deliver(await shopifyWebhook('refunds/create', shopify.refundsCreate, { shop }));
    const shopId = await shopIdOf(shop);
    const refund = await refundOf(shopId);
    expect(refund).toMatchObject({
      provider: 'shopify',
      amount_minor: 8500,
      currency: 'USD',
      status: 'succeeded',
      case_id: null,
    });
    const order = await env.DB.prepare('SELECT id FROM orders WHERE shop_id = ?1 AND platform_id = ?2')
      .bind(shopId, 'gid://shopify/Order/820982911946154508')
      .first<{ id: string }>();
    expect(refund!.order_id).toBe(order!.id);
    expect(
      (await env.DB.prepare('SELECT count(*) AS n FROM refunds WHERE shop_id = ?1')
        .bind(shopId)
        .first<{ n: number }>())!.n,
    ).toBe(1);
  });

  it('links the refund to the case mirroring its Shopify return', async () => {
    const shop = uniqueDomain('rfdcase');
    await deliver(await shopifyWebhook('returns/request', shopify.returnsRequest, { shop }));
    const withReturn = shopify.refundsCreate.replace(
      '"return": null',
      `"return": {"id": 123134564567890, "admin_graphql_api_id": "${RETURN_GID}"}`,
    );
    await deliver(await shopifyWebhook('refunds/create', withReturn, { shop }));
    const shopId = await shopIdOf(shop);
    expect((await refundOf(shopId))!.case_id).toBe((await caseOf(shopId))!.id);
  });
});
