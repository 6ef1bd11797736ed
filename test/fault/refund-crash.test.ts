/**
 * Kill during a refund job: the process dies after Stripe answered `POST /v1/refunds` and before
 * our write of the outcome. The retried job must send the same `Idempotency-Key`, and Stripe (a
 * MSW stub that behaves like Stripe: a repeated key replays the first refund) pays once.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import { issueRefund } from '../../src/commands/issue-refund';
import { openReturn } from '../../src/commands/open-return';
import type { Env } from '../../src/env';
import { LocalShopifyAdmin } from '../../src/integrations/shopify/local-shopify-admin';
import { createStripeRefunds } from '../../src/integrations/stripe/stripe-refunds';
import { fixedClock } from '../../src/lib/clock';
import { createServices } from '../../src/services';
import { killableD1 } from '../helpers/crash';
import { createOrder, createShop } from '../helpers/factory';
import { json, mockHttp } from '../helpers/msw';

const mock = mockHttp();

/** Stripe's refunds endpoint (through MSW) as Stripe documents it: one refund per Idempotency-Key. */
function recordingStripe() {
  const byKey = new Map<string, Record<string, unknown>>();
  let onAnswer: () => void = () => undefined;
  mock.on('post', 'https://api.stripe.com/v1/refunds', ({ request }) => {
    const r = mock.requests.at(-1)!;
    const key = request.headers.get('idempotency-key');
    let refund = key ? byKey.get(key) : undefined;
    if (!refund) {
      refund = {
        id: `re_${byKey.size + 1}`,
        object: 'refund',
        amount: Number(r.form.get('amount')),
        currency: 'usd',
        status: 'succeeded',
        payment_intent: r.form.get('payment_intent'),
        failure_reason: null,
      };
      if (key) byKey.set(key, refund);
    }
    onAnswer();
    return json(refund, 200, { 'request-id': `req_${mock.requests.length}` });
  });
  const requests = () =>
    mock.requests.map((r) => ({ key: r.idempotencyKey, body: r.form, path: new URL(r.url).pathname }));
  return { requests, refundsCreated: () => byKey.size, afterAnswer: (fn: () => void) => (onAnswer = fn) };
}

describe('kill during a refund job', () => {
  it('the retried job sends the same Idempotency-Key and Stripe pays once', async () => {
    const now = Date.parse('2026-11-20T12:00:00Z');
    const clock = fixedClock(now);
    const stripe = recordingStripe();
    const stripeRefunds = createStripeRefunds({ secretKey: 'sk_test_fault' }); // global fetch, into MSW
    const shop = await createShop(env.DB, { settings: { integrations: 'local', refundProvider: 'stripe' } }, now);
    const { order, lines } = await createOrder(
      env.DB,
      shop.id,
      { deliveredDaysAgo: 3, lines: [{ priceMinor: 4000, quantity: 1 }] },
      now,
    );
    await env.DB.prepare('UPDATE orders SET payment_ref = ? WHERE id = ?').bind('pi_fault_1', order.id).run();

    const s = createServices(env, { clock, shopifyAdmin: new LocalShopifyAdmin(), stripeRefunds });
    const opened = await openReturn(s, {
      shopId: shop.id,
      orderId: order.id,
      items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'damaged', photos: ['p1'] }],
      resolution: 'refund',
      method: 'drop_off',
    });
    for (const action of [{ action: 'approve' }, { action: 'receive' }, { action: 'refund' }] as const) {
      await applyCaseAction(s, { shopId: shop.id, caseId: opened.caseId, actor: 'agent:ana', action });
    }
    const row = await env.DB.prepare(
      'SELECT id, idempotency_key, amount_minor FROM refunds WHERE shop_id = ? AND case_id = ?',
    )
      .bind(shop.id, opened.caseId)
      .first<{ id: string; idempotency_key: string; amount_minor: number }>();
    const message = { kind: 'issue-refund' as const, shopId: shop.id, caseId: opened.caseId, refundId: row!.id };

    // Attempt 1: Stripe answers, then the worker dies before recording the outcome.
    const killable = killableD1(env.DB);
    const dying = createServices({ ...env, DB: killable.db } as Env, {
      clock,
      shopifyAdmin: new LocalShopifyAdmin(),
      stripeRefunds,
    });
    stripe.afterAnswer(() => killable.arm());
    await expect(issueRefund(dying, message)).rejects.toThrow(); // (drizzle wraps it: "Failed query …", cause SIGKILL)
    expect(killable.state.killed).toBe(1);
    stripe.afterAnswer(() => undefined);
    const between = await env.DB.prepare('SELECT status, provider_ref FROM refunds WHERE id = ?')
      .bind(row!.id)
      .first<{ status: string; provider_ref: string | null }>();
    expect(between).toEqual({ status: 'pending', provider_ref: null }); // nothing of the answer was kept

    // Attempt 2 (the queue's retry, on a fresh worker), and a stray third delivery.
    await issueRefund(s, message);
    await issueRefund(s, message);

    expect(stripe.requests()).toHaveLength(2); // the third found the row settled and called nobody
    expect(stripe.requests().map((r) => r.path)).toEqual(['/v1/refunds', '/v1/refunds']);
    expect(new Set(stripe.requests().map((r) => r.key))).toEqual(new Set([row!.idempotency_key]));
    expect(stripe.requests()[0]!.body.get('amount')).toBe(String(row!.amount_minor));
    expect(stripe.requests()[0]!.body.get('payment_intent')).toBe('pi_fault_1');
    expect(stripe.refundsCreated()).toBe(1); // Stripe paid once
    const after = await env.DB.prepare('SELECT status, provider_ref FROM refunds WHERE shop_id = ? AND case_id = ?')
      .bind(shop.id, opened.caseId)
      .all<{ status: string; provider_ref: string }>();
    expect(after.results).toEqual([{ status: 'succeeded', provider_ref: 're_1' }]);
  });
});
