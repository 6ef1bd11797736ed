import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import { mirrorShopifyReturn } from '../../src/commands/mirror-shopify-return';
import { openReturn } from '../../src/commands/open-return';
import { CREATING_SQL } from '../../src/commands/claim-shopify-return';
import { REPLACED_RETURN_SQL } from '../../src/commands/replace-shopify-return';
import { syncShopifyReturn } from '../../src/commands/sync-shopify-return';
import type { JobOf } from '../../src/queue/messages';
import { createOrder, createShop } from '../helpers/factory';
import { eventCount } from './exchange-helpers';
import { caseServices } from './helpers';

const mirrorJobs = (effects: Array<{ kind: string; message?: { kind: string } }>) =>
  effects
    .filter((e) => e.kind === 'job' && e.message?.kind === 'mirror-shopify-return')
    .map((e) => e.message as JobOf<'mirror-shopify-return'>);

describe("the store's own Return follows the case", () => {
  it('a portal return, once approved, becomes a Shopify Return (with the label) and is linked once', async () => {
    const { s, clock, shopifyAdmin } = caseServices();
    const shop = await createShop(env.DB, {}, clock.now());
    const { order, lines } = await createOrder(
      env.DB,
      shop.id,
      { deliveredDaysAgo: 2, lines: [{ quantity: 2 }] },
      clock.now(),
    );
    const { caseId } = await openReturn(s, {
      shopId: shop.id,
      orderId: order.id,
      items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_large', note: 'fits big' }],
      resolution: 'refund',
      method: 'drop_off',
    });
    const approved = await applyCaseAction(s, {
      shopId: shop.id,
      caseId,
      actor: 'agent:cy',
      action: { action: 'approve', label: { url: 'https://labels.example/r1.pdf', trackingNumber: '1Z1' } },
    });
    const [job] = mirrorJobs(approved.effects);
    expect(job).toMatchObject({ step: 'approve', label: { url: 'https://labels.example/r1.pdf' } });
    await mirrorShopifyReturn(s, job!);
    await mirrorShopifyReturn(s, job!); // redelivered: already linked, nothing more
    expect(shopifyAdmin.calls.map((c) => c.operation)).toEqual([
      'order.fulfillments',
      'order.returns',
      'returnCreate',
      'reverseDeliveryCreateWithShipping',
    ]);
    expect(shopifyAdmin.calls[2]!.input).toMatchObject({
      orderId: order.platformId,
      lines: [{ quantity: 1, note: 'too_large: fits big' }],
    });
    expect(shopifyAdmin.calls[3]!.input).toMatchObject({
      labelUrl: 'https://labels.example/r1.pdf',
      trackingNumber: '1Z1',
    });
    const row = await env.DB.prepare('SELECT platform_ref, status FROM cases WHERE id = ?').bind(caseId).first();
    expect(row).toEqual({ platform_ref: 'gid://shopify/Return/local-3', status: 'approved' });
    const linked = await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM case_events WHERE case_id = ? AND type = 'ShopifyReturnLinked'`,
    )
      .bind(caseId)
      .first<number>('n');
    expect(linked).toBe(1);
  });

  it("returnCreate has no idempotency key: a crash between Shopify's answer and our write, then a retry, still makes one Return", async () => {
    const { s, clock, shopifyAdmin } = caseServices();
    const shop = await createShop(env.DB, {}, clock.now());
    const { order, lines } = await createOrder(
      env.DB,
      shop.id,
      { deliveredDaysAgo: 2, lines: [{ quantity: 2 }] },
      clock.now(),
    );
    const { caseId } = await openReturn(s, {
      shopId: shop.id,
      orderId: order.id,
      items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_large' }],
      resolution: 'refund',
      method: 'drop_off',
    });
    const approved = await applyCaseAction(s, {
      shopId: shop.id,
      caseId,
      actor: 'agent:cy',
      action: { action: 'approve' },
    });
    const [job] = mirrorJobs(approved.effects);
    // Shopify creates the Return, then the worker dies before the case row learns its gid.
    const create = shopifyAdmin.createReturn.bind(shopifyAdmin);
    shopifyAdmin.createReturn = async (c, input) => {
      await create(c, input);
      throw new Error('worker evicted after Shopify answered');
    };
    await expect(mirrorShopifyReturn(s, job!)).rejects.toThrow('worker evicted');
    expect(
      await env.DB.prepare('SELECT platform_ref FROM cases WHERE id = ?')
        .bind(caseId)
        .first<string | null>('platform_ref'),
    ).toBeNull();
    shopifyAdmin.createReturn = create;
    await mirrorShopifyReturn(s, job!); // the queue retries
    await mirrorShopifyReturn(s, job!); // and redelivers once more
    expect(shopifyAdmin.calls.filter((c) => c.operation === 'returnCreate')).toHaveLength(1);
    const [only] = shopifyAdmin.returns.get(order.platformId)!;
    expect(
      await env.DB.prepare('SELECT platform_ref FROM cases WHERE id = ?').bind(caseId).first<string>('platform_ref'),
    ).toBe(only!.id);
    expect(
      await env.DB.prepare(`SELECT COUNT(*) AS n FROM case_events WHERE case_id = ? AND type = 'ShopifyReturnLinked'`)
        .bind(caseId)
        .first<number>('n'),
    ).toBe(1);
  });

  it("the new Return's returns/approve webhook is applied before the crashed job linked it: the case claims it, no second case, no second Return", async () => {
    const { s, clock, shopifyAdmin } = caseServices();
    const shop = await createShop(env.DB, {}, clock.now());
    const { order, lines } = await createOrder(
      env.DB,
      shop.id,
      { deliveredDaysAgo: 2, lines: [{ quantity: 2 }] },
      clock.now(),
    );
    const { caseId } = await openReturn(s, {
      shopId: shop.id,
      orderId: order.id,
      items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_large' }],
      resolution: 'refund',
      method: 'drop_off',
    });
    const [job] = mirrorJobs(
      (await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:cy', action: { action: 'approve' } })).effects,
    );
    const create = shopifyAdmin.createReturn.bind(shopifyAdmin);
    shopifyAdmin.createReturn = async (c, input) => {
      await create(c, input);
      throw new Error('worker evicted after Shopify answered');
    };
    await expect(mirrorShopifyReturn(s, job!)).rejects.toThrow('worker evicted');
    shopifyAdmin.createReturn = create;
    const [made] = shopifyAdmin.returns.get(order.platformId)!;
    const webhook = await syncShopifyReturn(s, shop.id, {
      returnGid: made!.id,
      orderGid: order.platformId,
      change: 'approved',
      declineReason: null,
      items: [{ platformLineId: lines[0]!.platformId, quantity: 1, reason: 'too_large', note: null }],
    });
    expect(webhook).toMatchObject({ caseId, created: false });
    await mirrorShopifyReturn(s, job!); // the queue retries
    expect(shopifyAdmin.calls.filter((c) => c.operation === 'returnCreate')).toHaveLength(1);
    expect(
      await env.DB.prepare('SELECT COUNT(*) AS n FROM cases WHERE shop_id = ?').bind(shop.id).first<number>('n'),
    ).toBe(1);
    expect(
      await env.DB.prepare('SELECT platform_ref FROM cases WHERE id = ?').bind(caseId).first<string>('platform_ref'),
    ).toBe(made!.id);
    expect(await eventCount(caseId, 'ShopifyReturnLinked')).toBe(1);
    // A Return of the same order with other lines is somebody else's: it opens its own case.
    const other = await syncShopifyReturn(s, shop.id, {
      returnGid: 'gid://shopify/Return/777',
      orderGid: order.platformId,
      change: 'requested',
      declineReason: null,
      items: [{ platformLineId: lines[0]!.platformId, quantity: 2, reason: 'other', note: null }],
    });
    expect(other.created).toBe(true);
  });

  it('an open Return with the same lines that another case already holds is not adopted', async () => {
    const { s, clock, shopifyAdmin } = caseServices();
    const shop = await createShop(env.DB, {}, clock.now());
    const { order, lines } = await createOrder(
      env.DB,
      shop.id,
      { deliveredDaysAgo: 2, lines: [{ quantity: 2 }] },
      clock.now(),
    );
    const open = () =>
      openReturn(s, {
        shopId: shop.id,
        orderId: order.id,
        items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_large' }],
        resolution: 'refund',
        method: 'drop_off',
      });
    const first = await open();
    for (const job of mirrorJobs(
      (
        await applyCaseAction(s, {
          shopId: shop.id,
          caseId: first.caseId,
          actor: 'agent:cy',
          action: { action: 'approve' },
        })
      ).effects,
    ))
      await mirrorShopifyReturn(s, job);
    const second = await open(); // the line had 2 units: a second return of one more is allowed
    for (const job of mirrorJobs(
      (
        await applyCaseAction(s, {
          shopId: shop.id,
          caseId: second.caseId,
          actor: 'agent:cy',
          action: { action: 'approve' },
        })
      ).effects,
    ))
      await mirrorShopifyReturn(s, job);
    expect(shopifyAdmin.calls.filter((c) => c.operation === 'returnCreate')).toHaveLength(2);
    const refs = await env.DB.prepare('SELECT platform_ref FROM cases WHERE id IN (?, ?)')
      .bind(first.caseId, second.caseId)
      .all<{ platform_ref: string }>();
    expect(new Set(refs.results.map((r) => r.platform_ref)).size).toBe(2);
  });

  it.each([
    ['replaced', REPLACED_RETURN_SQL, 3],
    ['creating', CREATING_SQL, 2],
  ] as const)(
    "the %s-Return lookup a returns webhook runs goes order → its cases → their events by index, never the shop's whole event log",
    async (_name, sql, params) => {
      const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...['shop_x', 'gid://shopify/Order/1', 'gid://shopify/Return/1'].slice(0, params))
        .all<{ detail: string }>();
      expect(rows.results.map((r) => r.detail.replace(/ \(.*\)$/, '')).slice(0, 3)).toEqual([
        'SEARCH o USING INDEX orders_shop_platform_uq',
        'SEARCH c USING INDEX cases_shop_order_idx',
        'SEARCH e USING INDEX case_events_case_idx',
      ]);
      expect(rows.results[2]!.detail).toContain('case_id=?');
    },
  );

  it('a return requested in Shopify is approved there; a rejected one is declined there', async () => {
    const { s, clock, shopifyAdmin } = caseServices();
    const shop = await createShop(env.DB, {}, clock.now());
    const { order } = await createOrder(env.DB, shop.id, { deliveredDaysAgo: 2 }, clock.now());
    const a = await syncShopifyReturn(s, shop.id, {
      returnGid: 'gid://shopify/Return/901',
      orderGid: order.platformId,
      change: 'requested',
      declineReason: null,
      items: [],
    });
    const b = await syncShopifyReturn(s, shop.id, {
      returnGid: 'gid://shopify/Return/902',
      orderGid: order.platformId,
      change: 'requested',
      declineReason: null,
      items: [],
    });
    const approved = await applyCaseAction(s, {
      shopId: shop.id,
      caseId: a.caseId,
      actor: 'agent:cy',
      action: { action: 'approve' },
    });
    const rejected = await applyCaseAction(s, {
      shopId: shop.id,
      caseId: b.caseId,
      actor: 'agent:cy',
      action: { action: 'reject', reason: 'worn' },
    });
    for (const job of [...mirrorJobs(approved.effects), ...mirrorJobs(rejected.effects)])
      await mirrorShopifyReturn(s, job);
    expect(shopifyAdmin.calls.map((c) => [c.operation, c.input])).toEqual([
      ['returnApproveRequest', { id: 'gid://shopify/Return/901' }],
      ['returnDeclineRequest', { id: 'gid://shopify/Return/902', note: 'worn' }],
    ]);
  });

  it('shops that opted out, or are not on Shopify, are not mirrored', async () => {
    const { s, clock } = caseServices();
    const shop = await createShop(env.DB, { settings: { integrations: 'local', mirrorReturns: false } }, clock.now());
    const { order, lines } = await createOrder(env.DB, shop.id, { deliveredDaysAgo: 2 }, clock.now());
    const { caseId } = await openReturn(s, {
      shopId: shop.id,
      orderId: order.id,
      items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_small' }],
      resolution: 'refund',
      method: 'drop_off',
    });
    const approved = await applyCaseAction(s, {
      shopId: shop.id,
      caseId,
      actor: 'agent:cy',
      action: { action: 'approve' },
    });
    expect(mirrorJobs(approved.effects)).toEqual([]);
  });
});
