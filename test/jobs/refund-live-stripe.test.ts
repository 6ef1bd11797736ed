/**
 * Whole Worker, live integrations: an `issue-refund` job for a Stripe shop goes through the
 * Worker's own `queue` handler, `createServices` picks the REAL Stripe adapter (INTEGRATIONS=live),
 * and the request leaves through global `fetch` into MSW, which plays Stripe as documented: one
 * refund per Idempotency-Key, a repeated key answers the first refund.
 * @see https://docs.stripe.com/api/refunds/create
 * @see https://docs.stripe.com/api/idempotent_requests
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import type { Effect } from '../../src/queue/effects';
import { openReturn } from '../../src/commands/open-return';
import worker from '../../src/index';
import { LocalOutboxEmail } from '../../src/integrations/email';
import { LocalShopifyAdmin } from '../../src/integrations/shopify/local-shopify-admin';
import { fixedClock } from '../../src/lib/clock';
import { createServices } from '../../src/services';
import { killableD1 } from '../helpers/crash';
import { createOrder, createShop } from '../helpers/factory';
import { json, mockHttp } from '../helpers/msw';
import { recordingQueue } from './harness';
import { envWith } from '../helpers/env';

const mock = mockHttp();
const T0 = Date.parse('2026-11-20T12:00:00Z');

/** Stripe's `POST /v1/refunds`: the first request of a key creates the refund, later ones replay it. */
function fakeStripe(onAnswer: () => void = () => undefined) {
  const byKey = new Map<string, Record<string, unknown>>();
  mock.on('post', 'https://api.stripe.com/v1/refunds', async ({ request }) => {
    const form = new URLSearchParams(new TextDecoder().decode(await request.arrayBuffer()));
    const key = request.headers.get('idempotency-key') ?? '';
    let refund = byKey.get(key);
    if (!refund)
      byKey.set(
        key,
        (refund = {
          id: `re_live_${byKey.size + 1}`,
          object: 'refund',
          amount: Number(form.get('amount')),
          currency: 'usd',
          status: 'succeeded',
          payment_intent: form.get('payment_intent'),
          failure_reason: null,
        }),
      );
    onAnswer();
    return json(refund, 200, {
      'request-id': `req_${mock.requests.length}`,
      ...(mock.requests.length > 1 ? { 'idempotent-replayed': 'true' } : {}),
    });
  });
  return { refundsCreated: () => byKey.size };
}

/** A Stripe shop's return, approved, received and refunded by an agent: the refund row waits for its job. */
async function refundWaitingForItsJob() {
  const shop = await createShop(env.DB, { settings: { integrations: 'local', refundProvider: 'stripe' } }, T0);
  const { order, lines } = await createOrder(
    env.DB,
    shop.id,
    { deliveredDaysAgo: 3, lines: [{ priceMinor: 4000, quantity: 1 }] },
    T0,
  );
  await env.DB.prepare('UPDATE orders SET payment_ref = ? WHERE id = ?').bind('pi_live_1', order.id).run();
  // The case is worked by an agent on a live shop (refunds go to Stripe); its Shopify side is local
  // and its effects are collected, not run, so no background consumer pays the refund first.
  const liveEnv = envWith({ INTEGRATIONS: 'live', JOBS: recordingQueue().queue });
  const s = createServices(liveEnv, {
    clock: fixedClock(T0),
    shopifyAdmin: new LocalShopifyAdmin(),
    email: new LocalOutboxEmail(),
  });
  const opened = await openReturn(s, {
    shopId: shop.id,
    orderId: order.id,
    items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'damaged', photos: ['p1'] }],
    resolution: 'refund',
    method: 'drop_off',
  });
  const effects: Effect[] = [];
  for (const action of [{ action: 'approve' }, { action: 'receive' }, { action: 'refund' }] as const) {
    effects.push(
      ...(await applyCaseAction(s, { shopId: shop.id, caseId: opened.caseId, actor: 'agent:ana', action })).effects,
    );
  }
  const job = effects.flatMap((e) => (e.kind === 'job' && e.message.kind === 'issue-refund' ? [e.message] : []))[0];
  const row = await env.DB.prepare(
    'SELECT id, idempotency_key, amount_minor FROM refunds WHERE shop_id = ? AND case_id = ?',
  )
    .bind(shop.id, opened.caseId)
    .first<{ id: string; idempotency_key: string; amount_minor: number }>();
  return { shop, caseId: opened.caseId, job: job!, row: row! };
}

/** Runs the job through the Worker's `queue` export, on `aftercare-jobs`, with live integrations. */
async function runJob(body: unknown, attempts: number, db: D1Database = env.DB) {
  const liveEnv = envWith({ INTEGRATIONS: 'live', DB: db });
  const batch = createMessageBatch('aftercare-jobs', [
    { id: `msg-${attempts}`, timestamp: new Date(T0), attempts, body },
  ]);
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<unknown>, liveEnv, ctx);
  return getQueueResult(batch, ctx);
}

const refundsOf = (shopId: string, caseId: string) =>
  env.DB.prepare('SELECT status, provider, provider_ref FROM refunds WHERE shop_id = ? AND case_id = ?')
    .bind(shopId, caseId)
    .all();

describe('issue-refund on a live Stripe shop, through the Worker and MSW', () => {
  it("sends Stripe exactly the documented refund request with the refund row's Idempotency-Key", async () => {
    const stripe = fakeStripe();
    const { shop, caseId, job, row } = await refundWaitingForItsJob();
    expect(job).toMatchObject({ kind: 'issue-refund', shopId: shop.id, caseId });

    const result = await runJob(job, 1);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toEqual(['msg-1']);
    expect(mock.requests).toHaveLength(1);
    const r = mock.requests[0]!;
    expect([r.method, r.url]).toEqual(['POST', 'https://api.stripe.com/v1/refunds']);
    expect(r.headers).toMatchObject({
      authorization: 'Bearer sk_test_dev',
      'content-type': 'application/x-www-form-urlencoded',
      'stripe-version': Stripe.API_VERSION,
    });
    expect(r.idempotencyKey).toBe(row.idempotency_key);
    expect(Object.fromEntries(r.form)).toEqual({
      payment_intent: 'pi_live_1',
      amount: String(row.amount_minor),
      'metadata[shop]': shop.domain,
      'metadata[case]': caseId,
    });
    expect(row.amount_minor).toBe(4000);
    expect(stripe.refundsCreated()).toBe(1);
    expect((await refundsOf(shop.id, caseId)).results).toEqual([
      { status: 'succeeded', provider: 'stripe', provider_ref: 're_live_1' },
    ]);
  });

  it("killed after Stripe answered and before our write: the queue's retry sends the SAME key and Stripe pays once", async () => {
    const killable = killableD1(env.DB);
    const stripe = fakeStripe(() => mock.requests.length === 1 && killable.arm());
    const { shop, caseId, job, row } = await refundWaitingForItsJob();

    const first = await runJob(job, 1, killable.db);
    expect(killable.state.killed).toBe(1);
    expect(first.retryMessages).toEqual([expect.objectContaining({ msgId: 'msg-1' })]);
    expect((await refundsOf(shop.id, caseId)).results).toEqual([
      expect.objectContaining({ status: 'pending', provider_ref: null }),
    ]);

    const retry = await runJob(job, 2);
    expect(retry.explicitAcks).toEqual(['msg-2']);
    expect(mock.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST https://api.stripe.com/v1/refunds',
      'POST https://api.stripe.com/v1/refunds',
    ]);
    expect(mock.requests.map((r) => r.idempotencyKey)).toEqual([row.idempotency_key, row.idempotency_key]);
    expect(mock.requests[1]!.text).toBe(mock.requests[0]!.text); // the same request, not just the same key
    expect(stripe.refundsCreated()).toBe(1);
    expect((await refundsOf(shop.id, caseId)).results).toEqual([
      { status: 'succeeded', provider: 'stripe', provider_ref: 're_live_1' },
    ]);

    // A stray third delivery finds the refund settled and calls nobody.
    await runJob(job, 3);
    expect(mock.requests).toHaveLength(2);
  });
});
