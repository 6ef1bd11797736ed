/**
 * Exchange cases on Shopify shops: the store's Return is created with the exchange lines, and the
 * exchange resolution processes it once (returnProcess under one key), settling a cheaper swap's
 * difference in the same call; a dearer swap leaves the balance due on the order and Shopify
 * invoices the customer for it at most once (checkpointed around `orderInvoiceSend`). An exchange
 * chosen after the Return exists replaces an untouched Return (cancel + create, idempotently) or is
 * refused with the reason. Runs the `mirror-shopify-return` job against the recording LocalShopifyAdmin.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import { mirrorShopifyReturn } from '../../src/commands/mirror-shopify-return';
import { syncShopifyReturn } from '../../src/commands/sync-shopify-return';
import { ShopifyAdminError } from '../../src/integrations/shopify/admin-client';
import { adminSession } from '../admin/admin-session';
import { eventCount, exchangeCase, jobsOf, mirrorJobs } from './exchange-helpers';

describe("exchanges completed on the store's Shopify Return", () => {
  it('cheaper swap: Return created with the exchange line, processed once with the difference refunded, even when the job runs twice', async () => {
    const { s, shop, order, caseId, wanted, shopifyAdmin } = await exchangeCase(13_000);
    const created = shopifyAdmin.calls.find((c) => c.operation === 'returnCreate');
    expect(created?.input).toMatchObject({
      orderId: order.platformId,
      exchangeLines: [{ variantId: wanted, quantity: 1 }],
    });

    const resolved = await applyCaseAction(s, {
      shopId: shop.id,
      caseId,
      actor: 'agent:di',
      action: { action: 'exchange' },
    });
    expect(resolved.status).toBe('resolved');
    // The difference is paid inside returnProcess, so no separate issue-refund job is queued.
    expect(jobsOf(resolved.effects, 'issue-refund')).toEqual([]);
    const [job] = mirrorJobs(resolved.effects);
    const refund = await env.DB.prepare('SELECT id, idempotency_key FROM refunds WHERE case_id = ?')
      .bind(caseId)
      .first<{ id: string; idempotency_key: string }>();
    expect(job).toMatchObject({
      step: 'exchange',
      refundId: refund!.id,
      idempotencyKey: `${caseId}:exchange:${s.clock.now()}`,
    });
    const queued = await env.DB.prepare(
      `SELECT kind FROM scheduled_jobs WHERE shop_id = ? AND payload LIKE ? ORDER BY kind`,
    )
      .bind(shop.id, `%${caseId}%`)
      .all<{ kind: string }>();
    expect(queued.results.map((r) => r.kind)).not.toContain('issue-refund');

    await mirrorShopifyReturn(s, job!);
    await mirrorShopifyReturn(s, job!); // redelivered
    const processed = shopifyAdmin.calls.filter((c) => c.operation.startsWith('returnProcess'));
    expect(processed).toHaveLength(1);
    expect(processed[0]).toMatchObject({
      operation: 'returnProcess',
      idempotencyKey: job!.idempotencyKey,
      input: {
        orderId: order.platformId,
        returnId: 'gid://shopify/Return/local-3',
        exchangeLines: [{ variantId: wanted, quantity: 1 }],
        refund: { amountMinor: 1000, currency: 'USD' },
      },
    });
    expect(
      await env.DB.prepare('SELECT status, provider_ref FROM refunds WHERE id = ?').bind(refund!.id).first(),
    ).toEqual({ status: 'succeeded', provider_ref: 'gid://shopify/Return/local-3' });
    expect(await env.DB.prepare('SELECT status FROM cases WHERE id = ?').bind(caseId).first<string>('status')).toBe(
      'closed',
    );
    expect(await eventCount(caseId, 'ShopifyExchangeProcessed')).toBe(1);
    expect(await eventCount(caseId, 'RefundSucceeded')).toBe(1);
  });

  it('a crash after Shopify processed the Return but before we recorded it: the re-run replays the key, no second processing', async () => {
    const { s, shop, order, caseId, wanted, shopifyAdmin } = await exchangeCase(13_000);
    const resolved = await applyCaseAction(s, {
      shopId: shop.id,
      caseId,
      actor: 'agent:di',
      action: { action: 'exchange' },
    });
    const [job] = mirrorJobs(resolved.effects);
    // The first run's call reached Shopify, then the worker died before any write of ours.
    await shopifyAdmin.processExchange(
      { shop: shop.domain },
      {
        orderId: order.platformId,
        returnId: 'gid://shopify/Return/local-3',
        exchangeLines: [{ variantId: wanted, quantity: 1 }],
        refund: { amountMinor: 1000, currency: 'USD' },
        idempotencyKey: job!.idempotencyKey!,
      },
    );
    await mirrorShopifyReturn(s, job!);
    expect(
      shopifyAdmin.calls
        .filter((c) => c.operation.startsWith('returnProcess'))
        .map((c) => [c.operation, c.idempotencyKey]),
    ).toEqual([
      ['returnProcess', job!.idempotencyKey],
      ['returnProcess (replayed key)', job!.idempotencyKey],
    ]);
    expect(
      await env.DB.prepare('SELECT status FROM refunds WHERE case_id = ?').bind(caseId).first<string>('status'),
    ).toBe('succeeded');
  });

  it('dearer swap: processed without any refund, the balance invoiced through Shopify once even when the job runs twice, and on the timeline', async () => {
    const { s, shop, order, caseId, shopifyAdmin } = await exchangeCase(11_000);
    const resolved = await applyCaseAction(s, {
      shopId: shop.id,
      caseId,
      actor: 'agent:di',
      action: { action: 'exchange' },
    });
    const [job] = mirrorJobs(resolved.effects);
    expect(job!.refundId).toBeUndefined();
    await mirrorShopifyReturn(s, job!);
    await mirrorShopifyReturn(s, job!); // redelivered
    expect(shopifyAdmin.calls.filter((c) => c.operation === 'orderInvoiceSend').map((c) => c.input)).toEqual([
      { id: order.platformId },
    ]);
    const invoice = await env.DB.prepare(
      `SELECT type, data, reason, visible_to_shopper FROM case_events WHERE case_id = ? AND type LIKE 'ShopifyInvoice%' ORDER BY rowid`,
    )
      .bind(caseId)
      .all<{ type: string; data: string; reason: string; visible_to_shopper: number }>();
    expect(invoice.results.map((e) => e.type)).toEqual(['ShopifyInvoiceRequested', 'ShopifyInvoiceSent']);
    expect(JSON.parse(invoice.results[1]!.data)).toMatchObject({
      amountMinor: 1000,
      currency: 'USD',
      key: `${job!.idempotencyKey}:invoice`,
    });
    expect(invoice.results[1]!.reason).toContain('$10.00');
    expect(invoice.results.every((e) => e.visible_to_shopper === 0)).toBe(true);
    const page = await createApp().fetch((await adminSession(shop.domain)).get(`/admin/cases/${caseId}`), env);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/data-event="ShopifyInvoiceSent"[\s\S]*invoice for \$10\.00/);
    const processed = shopifyAdmin.calls.filter((c) => c.operation === 'returnProcess');
    expect(processed).toHaveLength(1);
    expect(processed[0]!.input).toMatchObject({ refund: null });
    expect(
      await env.DB.prepare('SELECT COUNT(*) AS n FROM refunds WHERE case_id = ?').bind(caseId).first<number>('n'),
    ).toBe(0);
    const data = await env.DB.prepare(
      `SELECT data FROM case_events WHERE case_id = ? AND type = 'ShopifyExchangeProcessed'`,
    )
      .bind(caseId)
      .first<string>('data');
    expect(JSON.parse(data!)).toMatchObject({ balanceDueMinor: 1000, returnId: 'gid://shopify/Return/local-3' });
    expect(await env.DB.prepare('SELECT status FROM cases WHERE id = ?').bind(caseId).first<string>('status')).toBe(
      'resolved',
    );
  });

  it('two overlapping runs of the job (a redelivery beside the cron resend) invoice once: the checkpoint is the claim', async () => {
    const { s, shop, order, caseId, shopifyAdmin } = await exchangeCase(11_000);
    const [job] = mirrorJobs(
      (await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:di', action: { action: 'exchange' } }))
        .effects,
    );
    await Promise.allSettled([
      mirrorShopifyReturn(s, job!),
      mirrorShopifyReturn(s, job!),
      mirrorShopifyReturn(s, job!),
    ]);
    await mirrorShopifyReturn(s, job!); // whichever lost a race finishes on its retry
    expect(shopifyAdmin.calls.filter((c) => c.operation === 'orderInvoiceSend').map((c) => c.input)).toEqual([
      { id: order.platformId },
    ]);
    expect(await eventCount(caseId, 'ShopifyInvoiceRequested')).toBe(1);
  });

  it('a crash after Shopify sent the invoice but before we recorded it: the retry does not send again and flags it unconfirmed', async () => {
    const { s, shop, caseId, shopifyAdmin } = await exchangeCase(11_000);
    const resolved = await applyCaseAction(s, {
      shopId: shop.id,
      caseId,
      actor: 'agent:di',
      action: { action: 'exchange' },
    });
    const [job] = mirrorJobs(resolved.effects);
    const send = shopifyAdmin.sendOrderInvoice.bind(shopifyAdmin);
    shopifyAdmin.sendOrderInvoice = async (c, orderId) => {
      await send(c, orderId); // Shopify emailed the customer…
      throw new Error('worker evicted after Shopify answered'); // …and we never heard back
    };
    await expect(mirrorShopifyReturn(s, job!)).rejects.toThrow('worker evicted');
    shopifyAdmin.sendOrderInvoice = send;
    await mirrorShopifyReturn(s, job!); // the queue retries
    await mirrorShopifyReturn(s, job!); // and redelivers
    expect(shopifyAdmin.calls.filter((c) => c.operation === 'orderInvoiceSend')).toHaveLength(1);
    expect(shopifyAdmin.calls.filter((c) => c.operation === 'returnProcess')).toHaveLength(1);
    const types = await env.DB.prepare(
      `SELECT type, reason FROM case_events WHERE case_id = ? AND type LIKE 'ShopifyInvoice%' ORDER BY rowid`,
    )
      .bind(caseId)
      .all<{ type: string; reason: string }>();
    expect(types.results.map((e) => e.type)).toEqual(['ShopifyInvoiceRequested', 'ShopifyInvoiceUnconfirmed']);
    expect(types.results[1]!.reason).toContain('$10.00');
  });

  it('throttled before Shopify ran it: recorded as a retryable failure and sent on the retry; nothing owed any more: no invoice', async () => {
    const { s, shop, caseId, shopifyAdmin } = await exchangeCase(11_000);
    const resolved = await applyCaseAction(s, {
      shopId: shop.id,
      caseId,
      actor: 'agent:di',
      action: { action: 'exchange' },
    });
    const [job] = mirrorJobs(resolved.effects);
    const send = shopifyAdmin.sendOrderInvoice.bind(shopifyAdmin);
    shopifyAdmin.sendOrderInvoice = async () => {
      throw new ShopifyAdminError('Shopify Admin API: Throttled', true, [], true);
    };
    await expect(mirrorShopifyReturn(s, job!)).rejects.toThrow('Throttled');
    shopifyAdmin.sendOrderInvoice = send;
    await mirrorShopifyReturn(s, job!);
    expect(shopifyAdmin.calls.filter((c) => c.operation === 'orderInvoiceSend')).toHaveLength(1);
    const types = await env.DB.prepare(
      `SELECT type FROM case_events WHERE case_id = ? AND type LIKE 'ShopifyInvoice%' ORDER BY rowid`,
    )
      .bind(caseId)
      .all<{ type: string }>();
    expect(types.results.map((e) => e.type)).toEqual([
      'ShopifyInvoiceRequested',
      'ShopifyInvoiceFailed',
      'ShopifyInvoiceRequested',
      'ShopifyInvoiceSent',
    ]);

    const other = await exchangeCase(11_000);
    other.shopifyAdmin.paidOrders.add(other.order.platformId);
    const [j2] = mirrorJobs(
      (
        await applyCaseAction(other.s, {
          shopId: other.shop.id,
          caseId: other.caseId,
          actor: 'agent:di',
          action: { action: 'exchange' },
        })
      ).effects,
    );
    await mirrorShopifyReturn(other.s, j2!);
    expect(other.shopifyAdmin.calls.filter((c) => c.operation === 'orderInvoiceSend')).toEqual([]);
  });
});

describe("an exchange chosen after the store's Return exists (Shopify cannot add exchange lines to it)", () => {
  async function lateExchange() {
    const ctx = await exchangeCase(13_000, 'refund'); // mirrored without any exchange line
    const item = await env.DB.prepare('SELECT id FROM case_items WHERE case_id = ?')
      .bind(ctx.caseId)
      .first<string>('id');
    const resolved = await applyCaseAction(ctx.s, {
      shopId: ctx.shop.id,
      caseId: ctx.caseId,
      actor: 'agent:di',
      action: { action: 'exchange', items: [{ itemId: item!, variantId: ctx.wanted }] },
    });
    const jobs = mirrorJobs(resolved.effects);
    const ops = () =>
      ctx.shopifyAdmin.calls.map((c) => c.operation).filter((o) => /^return(Create|Cancel|Process)/.test(o));
    return { ...ctx, jobs, ops };
  }
  const platformRef = (caseId: string) =>
    env.DB.prepare('SELECT platform_ref FROM cases WHERE id = ?').bind(caseId).first<string>('platform_ref');

  it('an untouched Return is cancelled and made again with the same lines plus the exchange, then processed once; run twice; its returns/cancel webhook moves nothing', async () => {
    const { s, shop, order, caseId, wanted, shopifyAdmin, jobs, ops } = await lateExchange();
    for (const job of [...jobs, ...jobs]) await mirrorShopifyReturn(s, job);
    expect(ops()).toEqual(['returnCreate', 'returnCancel', 'returnCreate', 'returnProcess']);
    const [first, second] = shopifyAdmin.returns.get(order.platformId)!;
    expect(first!.status).toBe('CANCELED');
    expect(second!.lines).toEqual(first!.lines);
    expect(second!.exchangeLines).toEqual([{ variantId: wanted, quantity: 1 }]);
    expect(await platformRef(caseId)).toBe(second!.id);
    expect(shopifyAdmin.calls.find((c) => c.operation === 'returnProcess')!.input).toMatchObject({
      returnId: second!.id,
      refund: { amountMinor: 1000 },
    });
    expect(
      await env.DB.prepare('SELECT status FROM refunds WHERE case_id = ?').bind(caseId).first<string>('status'),
    ).toBe('succeeded');
    expect([
      await eventCount(caseId, 'ShopifyReturnReplacing'),
      await eventCount(caseId, 'ShopifyReturnReplaced'),
    ]).toEqual([1, 1]);

    const before = await env.DB.prepare('SELECT status, version FROM cases WHERE id = ?').bind(caseId).first();
    const sync = await syncShopifyReturn(s, shop.id, {
      returnGid: first!.id,
      orderGid: order.platformId,
      change: 'cancelled',
      declineReason: null,
      items: [{ platformLineId: null, quantity: 1, reason: 'too_small', note: null }],
    });
    expect(sync).toMatchObject({ caseId, created: false, moved: false });
    expect(await env.DB.prepare('SELECT status, version FROM cases WHERE id = ?').bind(caseId).first()).toEqual(before);
    expect(
      await env.DB.prepare('SELECT COUNT(*) AS n FROM cases WHERE shop_id = ?').bind(shop.id).first<number>('n'),
    ).toBe(1);
  });

  it('crashes after the cancel and after the new Return: the retries never cancel twice or make two, and adopt the one made', async () => {
    const { s, order, caseId, shopifyAdmin, jobs, ops } = await lateExchange();
    const [job] = jobs;
    const cancel = shopifyAdmin.cancelReturn.bind(shopifyAdmin);
    const create = shopifyAdmin.createReturn.bind(shopifyAdmin);
    shopifyAdmin.cancelReturn = async (c, id) => {
      await cancel(c, id);
      throw new Error('evicted after returnCancel');
    };
    await expect(mirrorShopifyReturn(s, job!)).rejects.toThrow('evicted after returnCancel');
    shopifyAdmin.cancelReturn = cancel;
    shopifyAdmin.createReturn = async (c, input) => {
      await create(c, input);
      throw new Error('evicted after returnCreate');
    };
    await expect(mirrorShopifyReturn(s, job!)).rejects.toThrow('evicted after returnCreate');
    shopifyAdmin.createReturn = create;
    await mirrorShopifyReturn(s, job!);
    await mirrorShopifyReturn(s, job!);
    expect(ops()).toEqual(['returnCreate', 'returnCancel', 'returnCreate', 'returnProcess']);
    const made = shopifyAdmin.returns.get(order.platformId)!;
    expect(made.map((r) => r.status)).toEqual(['CANCELED', 'CLOSED']);
    expect(await platformRef(caseId)).toBe(made[1]!.id);
    expect([
      await eventCount(caseId, 'ShopifyReturnReplacing'),
      await eventCount(caseId, 'ShopifyReturnReplaced'),
      await eventCount(caseId, 'ShopifyExchangeProcessed'),
    ]).toEqual([1, 1, 1]);
  });

  it("Shopify refuses our returnCancel: the exchange is refused, the case keeps its Return, and that Return's other news still moves the case", async () => {
    const { s, shop, order, caseId, shopifyAdmin, jobs } = await lateExchange();
    shopifyAdmin.cancelReturn = async () => {
      throw new ShopifyAdminError('returnCancel: Return cannot be canceled', false);
    };
    for (const job of jobs) await mirrorShopifyReturn(s, job);
    const [only] = shopifyAdmin.returns.get(order.platformId)!;
    expect(await platformRef(caseId)).toBe(only!.id);
    expect(
      await env.DB.prepare('SELECT failure_reason FROM refunds WHERE case_id = ?')
        .bind(caseId)
        .first<string>('failure_reason'),
    ).toContain('Return cannot be canceled');
    expect(await eventCount(caseId, 'ShopifyExchangeRefused')).toBe(1);
    const closed = await syncShopifyReturn(s, shop.id, {
      returnGid: only!.id,
      orderGid: order.platformId,
      change: 'closed',
      declineReason: null,
      items: [],
    });
    expect(closed).toMatchObject({ caseId, created: false, moved: true });
  });

  it('a Return already worked on (here: a return label) is not replaced: refused with the reason, the difference marked failed', async () => {
    const { s, order, caseId, shopifyAdmin, jobs, ops } = await lateExchange();
    shopifyAdmin.returns.get(order.platformId)![0]!.workedOn = true;
    for (const job of [...jobs, ...jobs]) await mirrorShopifyReturn(s, job);
    expect(ops()).toEqual(['returnCreate']);
    const refund = await env.DB.prepare('SELECT status, failure_reason FROM refunds WHERE case_id = ?')
      .bind(caseId)
      .first<{ status: string; failure_reason: string }>();
    expect(refund!.status).toBe('failed');
    expect(refund!.failure_reason).toContain('Shopify cannot add one to an existing Return');
    expect(refund!.failure_reason).toContain('already worked on');
    expect(await eventCount(caseId, 'ShopifyExchangeRefused')).toBe(1);
    expect(await eventCount(caseId, 'ShopifyExchangeProcessed')).toBe(0);
  });
});
