/**
 * Exchange cases on Shopify shops: the store's Return is created with the exchange lines, and the
 * exchange resolution processes it once (returnProcess under one key), settling a cheaper swap's
 * difference in the same call; a dearer swap leaves the balance due on the order and Shopify
 * invoices the customer for it at most once (checkpointed around `orderInvoiceSend`). Runs the
 * `mirror-shopify-return` job against the recording LocalShopifyAdmin.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import { mirrorShopifyReturn } from '../../src/commands/mirror-shopify-return';
import { ShopifyAdminError } from '../../src/integrations/shopify/admin-client';
import { adminSession } from '../admin/admin-session';
import { eventCount, exchangeCase, jobsOf, mirrorJobs } from './exchange-helpers';

describe('exchanges completed on the store\'s Shopify Return', () => {
  it('cheaper swap: Return created with the exchange line, processed once with the difference refunded, even when the job runs twice', async () => {
    const { s, shop, order, caseId, wanted, shopifyAdmin } = await exchangeCase(13_000);
    const created = shopifyAdmin.calls.find((c) => c.operation === 'returnCreate');
    expect(created?.input).toMatchObject({ orderId: order.platformId, exchangeLines: [{ variantId: wanted, quantity: 1 }] });

    const resolved = await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:di', action: { action: 'exchange' } });
    expect(resolved.status).toBe('resolved');
    // The difference is paid inside returnProcess, so no separate issue-refund job is queued.
    expect(jobsOf(resolved.effects, 'issue-refund')).toEqual([]);
    const [job] = mirrorJobs(resolved.effects);
    const refund = await env.DB.prepare('SELECT id, idempotency_key FROM refunds WHERE case_id = ?').bind(caseId).first<{ id: string; idempotency_key: string }>();
    expect(job).toMatchObject({ step: 'exchange', refundId: refund!.id, idempotencyKey: `${caseId}:exchange:${s.clock.now()}` });
    const queued = await env.DB.prepare(`SELECT kind FROM scheduled_jobs WHERE shop_id = ? AND payload LIKE ? ORDER BY kind`).bind(shop.id, `%${caseId}%`).all<{ kind: string }>();
    expect(queued.results.map((r) => r.kind)).not.toContain('issue-refund');

    await mirrorShopifyReturn(s, job!);
    await mirrorShopifyReturn(s, job!); // redelivered
    const processed = shopifyAdmin.calls.filter((c) => c.operation.startsWith('returnProcess'));
    expect(processed).toHaveLength(1);
    expect(processed[0]).toMatchObject({
      operation: 'returnProcess', idempotencyKey: job!.idempotencyKey,
      input: { orderId: order.platformId, returnId: 'gid://shopify/Return/local-3', exchangeLines: [{ variantId: wanted, quantity: 1 }], refund: { amountMinor: 1000, currency: 'USD' } },
    });
    expect(await env.DB.prepare('SELECT status, provider_ref FROM refunds WHERE id = ?').bind(refund!.id).first()).toEqual({ status: 'succeeded', provider_ref: 'gid://shopify/Return/local-3' });
    expect(await env.DB.prepare('SELECT status FROM cases WHERE id = ?').bind(caseId).first<string>('status')).toBe('closed');
    expect(await eventCount(caseId, 'ShopifyExchangeProcessed')).toBe(1);
    expect(await eventCount(caseId, 'RefundSucceeded')).toBe(1);
  });

  it('a crash after Shopify processed the Return but before we recorded it: the re-run replays the key, no second processing', async () => {
    const { s, shop, order, caseId, wanted, shopifyAdmin } = await exchangeCase(13_000);
    const resolved = await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:di', action: { action: 'exchange' } });
    const [job] = mirrorJobs(resolved.effects);
    // The first run's call reached Shopify, then the worker died before any write of ours.
    await shopifyAdmin.processExchange({ shop: shop.domain }, { orderId: order.platformId, returnId: 'gid://shopify/Return/local-3', exchangeLines: [{ variantId: wanted, quantity: 1 }], refund: { amountMinor: 1000, currency: 'USD' }, idempotencyKey: job!.idempotencyKey! });
    await mirrorShopifyReturn(s, job!);
    expect(shopifyAdmin.calls.filter((c) => c.operation.startsWith('returnProcess')).map((c) => [c.operation, c.idempotencyKey])).toEqual([
      ['returnProcess', job!.idempotencyKey],
      ['returnProcess (replayed key)', job!.idempotencyKey],
    ]);
    expect(await env.DB.prepare('SELECT status FROM refunds WHERE case_id = ?').bind(caseId).first<string>('status')).toBe('succeeded');
  });

  it('dearer swap: processed without any refund, the balance invoiced through Shopify once even when the job runs twice, and on the timeline', async () => {
    const { s, shop, order, caseId, shopifyAdmin } = await exchangeCase(11_000);
    const resolved = await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:di', action: { action: 'exchange' } });
    const [job] = mirrorJobs(resolved.effects);
    expect(job!.refundId).toBeUndefined();
    await mirrorShopifyReturn(s, job!);
    await mirrorShopifyReturn(s, job!); // redelivered
    expect(shopifyAdmin.calls.filter((c) => c.operation === 'orderInvoiceSend').map((c) => c.input)).toEqual([{ id: order.platformId }]);
    const invoice = await env.DB.prepare(`SELECT type, data, reason, visible_to_shopper FROM case_events WHERE case_id = ? AND type LIKE 'ShopifyInvoice%' ORDER BY rowid`).bind(caseId).all<{ type: string; data: string; reason: string; visible_to_shopper: number }>();
    expect(invoice.results.map((e) => e.type)).toEqual(['ShopifyInvoiceRequested', 'ShopifyInvoiceSent']);
    expect(JSON.parse(invoice.results[1]!.data)).toMatchObject({ amountMinor: 1000, currency: 'USD', key: `${job!.idempotencyKey}:invoice` });
    expect(invoice.results[1]!.reason).toContain('$10.00');
    expect(invoice.results.every((e) => e.visible_to_shopper === 0)).toBe(true);
    const page = await createApp().fetch((await adminSession(shop.domain)).get(`/admin/cases/${caseId}`), env);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/data-event="ShopifyInvoiceSent"[\s\S]*invoice for \$10\.00/);
    const processed = shopifyAdmin.calls.filter((c) => c.operation === 'returnProcess');
    expect(processed).toHaveLength(1);
    expect(processed[0]!.input).toMatchObject({ refund: null });
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM refunds WHERE case_id = ?').bind(caseId).first<number>('n')).toBe(0);
    const data = await env.DB.prepare(`SELECT data FROM case_events WHERE case_id = ? AND type = 'ShopifyExchangeProcessed'`).bind(caseId).first<string>('data');
    expect(JSON.parse(data!)).toMatchObject({ balanceDueMinor: 1000, returnId: 'gid://shopify/Return/local-3' });
    expect(await env.DB.prepare('SELECT status FROM cases WHERE id = ?').bind(caseId).first<string>('status')).toBe('resolved');
  });

  it('a crash after Shopify sent the invoice but before we recorded it: the retry does not send again and flags it unconfirmed', async () => {
    const { s, shop, caseId, shopifyAdmin } = await exchangeCase(11_000);
    const resolved = await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:di', action: { action: 'exchange' } });
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
    const types = await env.DB.prepare(`SELECT type, reason FROM case_events WHERE case_id = ? AND type LIKE 'ShopifyInvoice%' ORDER BY rowid`).bind(caseId).all<{ type: string; reason: string }>();
    expect(types.results.map((e) => e.type)).toEqual(['ShopifyInvoiceRequested', 'ShopifyInvoiceUnconfirmed']);
    expect(types.results[1]!.reason).toContain('$10.00');
  });

  it('throttled before Shopify ran it: recorded as a retryable failure and sent on the retry; nothing owed any more: no invoice', async () => {
    const { s, shop, caseId, shopifyAdmin } = await exchangeCase(11_000);
    const resolved = await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:di', action: { action: 'exchange' } });
    const [job] = mirrorJobs(resolved.effects);
    const send = shopifyAdmin.sendOrderInvoice.bind(shopifyAdmin);
    shopifyAdmin.sendOrderInvoice = async () => { throw new ShopifyAdminError('Shopify Admin API: Throttled', true, [], true); };
    await expect(mirrorShopifyReturn(s, job!)).rejects.toThrow('Throttled');
    shopifyAdmin.sendOrderInvoice = send;
    await mirrorShopifyReturn(s, job!);
    expect(shopifyAdmin.calls.filter((c) => c.operation === 'orderInvoiceSend')).toHaveLength(1);
    const types = await env.DB.prepare(`SELECT type FROM case_events WHERE case_id = ? AND type LIKE 'ShopifyInvoice%' ORDER BY rowid`).bind(caseId).all<{ type: string }>();
    expect(types.results.map((e) => e.type)).toEqual(['ShopifyInvoiceRequested', 'ShopifyInvoiceFailed', 'ShopifyInvoiceRequested', 'ShopifyInvoiceSent']);

    const other = await exchangeCase(11_000);
    other.shopifyAdmin.paidOrders.add(other.order.platformId);
    const [j2] = mirrorJobs((await applyCaseAction(other.s, { shopId: other.shop.id, caseId: other.caseId, actor: 'agent:di', action: { action: 'exchange' } })).effects);
    await mirrorShopifyReturn(other.s, j2!);
    expect(other.shopifyAdmin.calls.filter((c) => c.operation === 'orderInvoiceSend')).toEqual([]);
  });
});
