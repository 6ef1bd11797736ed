import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import { mirrorShopifyReturn } from '../../src/commands/mirror-shopify-return';
import { openReturn } from '../../src/commands/open-return';
import { REPLACED_RETURN_SQL } from '../../src/commands/replace-shopify-return';
import { syncShopifyReturn } from '../../src/commands/sync-shopify-return';
import { ShopifyAdminError } from '../../src/integrations/shopify/admin-client';
import type { JobOf } from '../../src/jobs/messages';
import { createOrder, createShop } from '../helpers/factory';
import { eventCount, exchangeCase } from './exchange-helpers';
import { caseServices } from './helpers';

const mirrorJobs = (effects: Array<{ kind: string; message?: { kind: string } }>) =>
  effects.filter((e) => e.kind === 'job' && e.message?.kind === 'mirror-shopify-return').map((e) => e.message as JobOf<'mirror-shopify-return'>);

describe('the store\'s own Return follows the case', () => {
  it('a portal return, once approved, becomes a Shopify Return (with the label) and is linked once', async () => {
    const { s, clock, shopifyAdmin } = caseServices();
    const shop = await createShop(env.DB, {}, clock.now());
    const { order, lines } = await createOrder(env.DB, shop.id, { deliveredDaysAgo: 2, lines: [{ quantity: 2 }] }, clock.now());
    const { caseId } = await openReturn(s, { shopId: shop.id, orderId: order.id, items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_large', note: 'fits big' }], resolution: 'refund', method: 'drop_off' });
    const approved = await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:cy', action: { action: 'approve', label: { url: 'https://labels.example/r1.pdf', trackingNumber: '1Z1' } } });
    const [job] = mirrorJobs(approved.effects);
    expect(job).toMatchObject({ step: 'approve', label: { url: 'https://labels.example/r1.pdf' } });
    await mirrorShopifyReturn(s, job!);
    await mirrorShopifyReturn(s, job!); // redelivered: already linked, nothing more
    expect(shopifyAdmin.calls.map((c) => c.operation)).toEqual(['order.fulfillments', 'order.returns', 'returnCreate', 'reverseDeliveryCreateWithShipping']);
    expect(shopifyAdmin.calls[2]!.input).toMatchObject({ orderId: order.platformId, lines: [{ quantity: 1, note: 'too_large: fits big' }] });
    expect(shopifyAdmin.calls[3]!.input).toMatchObject({ labelUrl: 'https://labels.example/r1.pdf', trackingNumber: '1Z1' });
    const row = await env.DB.prepare('SELECT platform_ref, status FROM cases WHERE id = ?').bind(caseId).first();
    expect(row).toEqual({ platform_ref: 'gid://shopify/Return/local-3', status: 'approved' });
    const linked = await env.DB.prepare(`SELECT COUNT(*) AS n FROM case_events WHERE case_id = ? AND type = 'ShopifyReturnLinked'`).bind(caseId).first<number>('n');
    expect(linked).toBe(1);
  });

  it('returnCreate has no idempotency key: a crash between Shopify\'s answer and our write, then a retry, still makes one Return', async () => {
    const { s, clock, shopifyAdmin } = caseServices();
    const shop = await createShop(env.DB, {}, clock.now());
    const { order, lines } = await createOrder(env.DB, shop.id, { deliveredDaysAgo: 2, lines: [{ quantity: 2 }] }, clock.now());
    const { caseId } = await openReturn(s, { shopId: shop.id, orderId: order.id, items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_large' }], resolution: 'refund', method: 'drop_off' });
    const approved = await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:cy', action: { action: 'approve' } });
    const [job] = mirrorJobs(approved.effects);
    // Shopify creates the Return, then the worker dies before the case row learns its gid.
    const create = shopifyAdmin.createReturn.bind(shopifyAdmin);
    shopifyAdmin.createReturn = async (c, input) => {
      await create(c, input);
      throw new Error('worker evicted after Shopify answered');
    };
    await expect(mirrorShopifyReturn(s, job!)).rejects.toThrow('worker evicted');
    expect(await env.DB.prepare('SELECT platform_ref FROM cases WHERE id = ?').bind(caseId).first<string | null>('platform_ref')).toBeNull();
    shopifyAdmin.createReturn = create;
    await mirrorShopifyReturn(s, job!); // the queue retries
    await mirrorShopifyReturn(s, job!); // and redelivers once more
    expect(shopifyAdmin.calls.filter((c) => c.operation === 'returnCreate')).toHaveLength(1);
    const [only] = shopifyAdmin.returns.get(order.platformId)!;
    expect(await env.DB.prepare('SELECT platform_ref FROM cases WHERE id = ?').bind(caseId).first<string>('platform_ref')).toBe(only!.id);
    expect(await env.DB.prepare(`SELECT COUNT(*) AS n FROM case_events WHERE case_id = ? AND type = 'ShopifyReturnLinked'`).bind(caseId).first<number>('n')).toBe(1);
  });

  it('an open Return with the same lines that another case already holds is not adopted', async () => {
    const { s, clock, shopifyAdmin } = caseServices();
    const shop = await createShop(env.DB, {}, clock.now());
    const { order, lines } = await createOrder(env.DB, shop.id, { deliveredDaysAgo: 2, lines: [{ quantity: 2 }] }, clock.now());
    const open = () => openReturn(s, { shopId: shop.id, orderId: order.id, items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_large' }], resolution: 'refund', method: 'drop_off' });
    const first = await open();
    for (const job of mirrorJobs((await applyCaseAction(s, { shopId: shop.id, caseId: first.caseId, actor: 'agent:cy', action: { action: 'approve' } })).effects)) await mirrorShopifyReturn(s, job);
    const second = await open(); // the line had 2 units: a second return of one more is allowed
    for (const job of mirrorJobs((await applyCaseAction(s, { shopId: shop.id, caseId: second.caseId, actor: 'agent:cy', action: { action: 'approve' } })).effects)) await mirrorShopifyReturn(s, job);
    expect(shopifyAdmin.calls.filter((c) => c.operation === 'returnCreate')).toHaveLength(2);
    const refs = await env.DB.prepare('SELECT platform_ref FROM cases WHERE id IN (?, ?)').bind(first.caseId, second.caseId).all<{ platform_ref: string }>();
    expect(new Set(refs.results.map((r) => r.platform_ref)).size).toBe(2);
  });

  it('a return requested in Shopify is approved there; a rejected one is declined there', async () => {
    const { s, clock, shopifyAdmin } = caseServices();
    const shop = await createShop(env.DB, {}, clock.now());
    const { order } = await createOrder(env.DB, shop.id, { deliveredDaysAgo: 2 }, clock.now());
    const a = await syncShopifyReturn(s, shop.id, { returnGid: 'gid://shopify/Return/901', orderGid: order.platformId, change: 'requested', declineReason: null, items: [] });
    const b = await syncShopifyReturn(s, shop.id, { returnGid: 'gid://shopify/Return/902', orderGid: order.platformId, change: 'requested', declineReason: null, items: [] });
    const approved = await applyCaseAction(s, { shopId: shop.id, caseId: a.caseId, actor: 'agent:cy', action: { action: 'approve' } });
    const rejected = await applyCaseAction(s, { shopId: shop.id, caseId: b.caseId, actor: 'agent:cy', action: { action: 'reject', reason: 'worn' } });
    for (const job of [...mirrorJobs(approved.effects), ...mirrorJobs(rejected.effects)]) await mirrorShopifyReturn(s, job);
    expect(shopifyAdmin.calls.map((c) => [c.operation, c.input])).toEqual([
      ['returnApproveRequest', { id: 'gid://shopify/Return/901' }],
      ['returnDeclineRequest', { id: 'gid://shopify/Return/902', note: 'worn' }],
    ]);
  });

  it('shops that opted out, or are not on Shopify, are not mirrored', async () => {
    const { s, clock } = caseServices();
    const shop = await createShop(env.DB, { settings: { integrations: 'local', mirrorReturns: false } }, clock.now());
    const { order, lines } = await createOrder(env.DB, shop.id, { deliveredDaysAgo: 2 }, clock.now());
    const { caseId } = await openReturn(s, { shopId: shop.id, orderId: order.id, items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_small' }], resolution: 'refund', method: 'drop_off' });
    const approved = await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:cy', action: { action: 'approve' } });
    expect(mirrorJobs(approved.effects)).toEqual([]);
  });
});

describe('an exchange chosen after the store\'s Return exists (Shopify cannot add exchange lines to it)', () => {
  async function lateExchange() {
    const ctx = await exchangeCase(13_000, 'refund'); // mirrored without any exchange line
    const item = await env.DB.prepare('SELECT id FROM case_items WHERE case_id = ?').bind(ctx.caseId).first<string>('id');
    const resolved = await applyCaseAction(ctx.s, { shopId: ctx.shop.id, caseId: ctx.caseId, actor: 'agent:di', action: { action: 'exchange', items: [{ itemId: item!, variantId: ctx.wanted }] } });
    const jobs = mirrorJobs(resolved.effects);
    const ops = () => ctx.shopifyAdmin.calls.map((c) => c.operation).filter((o) => /^return(Create|Cancel|Process)/.test(o));
    return { ...ctx, jobs, ops };
  }
  const platformRef = (caseId: string) => env.DB.prepare('SELECT platform_ref FROM cases WHERE id = ?').bind(caseId).first<string>('platform_ref');

  it('an untouched Return is cancelled and made again with the same lines plus the exchange, then processed once; run twice; its returns/cancel webhook moves nothing', async () => {
    const { s, shop, order, caseId, wanted, shopifyAdmin, jobs, ops } = await lateExchange();
    for (const job of [...jobs, ...jobs]) await mirrorShopifyReturn(s, job);
    expect(ops()).toEqual(['returnCreate', 'returnCancel', 'returnCreate', 'returnProcess']);
    const [first, second] = shopifyAdmin.returns.get(order.platformId)!;
    expect(first!.status).toBe('CANCELED');
    expect(second!.lines).toEqual(first!.lines);
    expect(second!.exchangeLines).toEqual([{ variantId: wanted, quantity: 1 }]);
    expect(await platformRef(caseId)).toBe(second!.id);
    expect(shopifyAdmin.calls.find((c) => c.operation === 'returnProcess')!.input).toMatchObject({ returnId: second!.id, refund: { amountMinor: 1000 } });
    expect(await env.DB.prepare('SELECT status FROM refunds WHERE case_id = ?').bind(caseId).first<string>('status')).toBe('succeeded');
    expect([await eventCount(caseId, 'ShopifyReturnReplacing'), await eventCount(caseId, 'ShopifyReturnReplaced')]).toEqual([1, 1]);

    const before = await env.DB.prepare('SELECT status, version FROM cases WHERE id = ?').bind(caseId).first();
    const sync = await syncShopifyReturn(s, shop.id, { returnGid: first!.id, orderGid: order.platformId, change: 'cancelled', declineReason: null, items: [{ platformLineId: null, quantity: 1, reason: 'too_small', note: null }] });
    expect(sync).toMatchObject({ caseId, created: false, moved: false });
    expect(await env.DB.prepare('SELECT status, version FROM cases WHERE id = ?').bind(caseId).first()).toEqual(before);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM cases WHERE shop_id = ?').bind(shop.id).first<number>('n')).toBe(1);
  });

  it('crashes after the cancel and after the new Return: the retries never cancel twice or make two, and adopt the one made', async () => {
    const { s, order, caseId, shopifyAdmin, jobs, ops } = await lateExchange();
    const [job] = jobs;
    const cancel = shopifyAdmin.cancelReturn.bind(shopifyAdmin);
    const create = shopifyAdmin.createReturn.bind(shopifyAdmin);
    shopifyAdmin.cancelReturn = async (c, id) => { await cancel(c, id); throw new Error('evicted after returnCancel'); };
    await expect(mirrorShopifyReturn(s, job!)).rejects.toThrow('evicted after returnCancel');
    shopifyAdmin.cancelReturn = cancel;
    shopifyAdmin.createReturn = async (c, input) => { await create(c, input); throw new Error('evicted after returnCreate'); };
    await expect(mirrorShopifyReturn(s, job!)).rejects.toThrow('evicted after returnCreate');
    shopifyAdmin.createReturn = create;
    await mirrorShopifyReturn(s, job!);
    await mirrorShopifyReturn(s, job!);
    expect(ops()).toEqual(['returnCreate', 'returnCancel', 'returnCreate', 'returnProcess']);
    const made = shopifyAdmin.returns.get(order.platformId)!;
    expect(made.map((r) => r.status)).toEqual(['CANCELED', 'CLOSED']);
    expect(await platformRef(caseId)).toBe(made[1]!.id);
    expect([await eventCount(caseId, 'ShopifyReturnReplacing'), await eventCount(caseId, 'ShopifyReturnReplaced'), await eventCount(caseId, 'ShopifyExchangeProcessed')]).toEqual([1, 1, 1]);
  });

  it('the replaced-Return check on every returns webhook goes order → its cases → their events by index, never the shop\'s whole event log', async () => {
    const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${REPLACED_RETURN_SQL}`).bind('shop_x', 'gid://shopify/Order/1', 'gid://shopify/Return/1').all<{ detail: string }>();
    expect(rows.results.map((r) => r.detail.replace(/ \(.*\)$/, ''))).toEqual([
      'SEARCH o USING INDEX orders_shop_platform_uq', 'SEARCH c USING INDEX cases_shop_order_idx', 'SEARCH e USING INDEX case_events_case_idx',
    ]);
    expect(rows.results[2]!.detail).toContain('case_id=?');
  });

  it('Shopify refuses our returnCancel: the exchange is refused, the case keeps its Return, and that Return\'s other news still moves the case', async () => {
    const { s, shop, order, caseId, shopifyAdmin, jobs } = await lateExchange();
    shopifyAdmin.cancelReturn = async () => { throw new ShopifyAdminError('returnCancel: Return cannot be canceled', false); };
    for (const job of jobs) await mirrorShopifyReturn(s, job);
    const [only] = shopifyAdmin.returns.get(order.platformId)!;
    expect(await platformRef(caseId)).toBe(only!.id);
    expect(await env.DB.prepare('SELECT failure_reason FROM refunds WHERE case_id = ?').bind(caseId).first<string>('failure_reason')).toContain('Return cannot be canceled');
    expect(await eventCount(caseId, 'ShopifyExchangeRefused')).toBe(1);
    const closed = await syncShopifyReturn(s, shop.id, { returnGid: only!.id, orderGid: order.platformId, change: 'closed', declineReason: null, items: [] });
    expect(closed).toMatchObject({ caseId, created: false, moved: true });
  });

  it('a Return already worked on (here: a return label) is not replaced: refused with the reason, the difference marked failed', async () => {
    const { s, order, caseId, shopifyAdmin, jobs, ops } = await lateExchange();
    shopifyAdmin.returns.get(order.platformId)![0]!.workedOn = true;
    for (const job of [...jobs, ...jobs]) await mirrorShopifyReturn(s, job);
    expect(ops()).toEqual(['returnCreate']);
    const refund = await env.DB.prepare('SELECT status, failure_reason FROM refunds WHERE case_id = ?').bind(caseId).first<{ status: string; failure_reason: string }>();
    expect(refund!.status).toBe('failed');
    expect(refund!.failure_reason).toContain('Shopify cannot add one to an existing Return');
    expect(refund!.failure_reason).toContain('already worked on');
    expect(await eventCount(caseId, 'ShopifyExchangeRefused')).toBe(1);
    expect(await eventCount(caseId, 'ShopifyExchangeProcessed')).toBe(0);
  });
});
