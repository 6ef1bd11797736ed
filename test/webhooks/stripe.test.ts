import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids';
import { createOrder, createShop } from '../helpers/factory';
import { stripeWebhook } from '../helpers/webhooks';
import { stripe } from './fixtures';
import { deliver, eventRow } from './flow';

type Json = Record<string, any>;

// A Stripe event names no shop, so every shard is searched; give the test shard (DB_2) its schema.
beforeAll(async () => {
  await applyD1Migrations((env as unknown as { DB_2: D1Database }).DB_2, env.TEST_MIGRATIONS);
});
/** A Stripe sample event re-keyed (fresh event id) with its object patched. */
function event(raw: string, patch: Json, top: Json = {}): Json {
  const e = JSON.parse(raw) as Json;
  return {
    ...e,
    id: `evt_${crypto.randomUUID().replaceAll('-', '')}`,
    ...top,
    data: { object: { ...e.data.object, ...patch } },
  };
}

async function shopWithOrder() {
  const shop = await createShop(env.DB, { domain: `stripe-${crypto.randomUUID().slice(0, 8)}.myshopify.com` });
  const { order } = await createOrder(env.DB, shop.id);
  return { shop, order, pi: order.paymentRef };
}

async function caseWithPendingRefund(shopId: string, orderId: string, amount: number) {
  const now = Date.now();
  const caseId = newId('case');
  const refundId = newId('rfd');
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO cases (id, shop_id, number, order_id, type, status, priority, source, resolution, currency, refund_minor, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, 'return', 'resolved', 'normal', 'portal', 'refund', 'USD', ?5, ?6, ?6)`,
    ).bind(caseId, shopId, Math.floor(Math.random() * 1e6), orderId, amount, now),
    env.DB.prepare(
      `INSERT INTO refunds (id, shop_id, case_id, order_id, provider, kind, idempotency_key, amount_minor, currency, status, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, 'stripe', 'refund', ?5, ?6, 'USD', 'pending', ?7, ?7)`,
    ).bind(refundId, shopId, caseId, orderId, `refund:${caseId}:1`, amount, now),
  ]);
  return { caseId, refundId };
}

const refundByRef = (shopId: string, ref: string) =>
  env.DB.prepare("SELECT * FROM refunds WHERE shop_id = ?1 AND provider = 'stripe' AND provider_ref = ?2")
    .bind(shopId, ref)
    .first<Json>();

describe('Stripe refund events', () => {
  it('records a refund made outside Aftercare on the order its payment intent paid, and resolves the shop', async () => {
    const { shop, order, pi } = await shopWithOrder();
    const id = await deliver(
      await stripeWebhook(event(stripe.refundCreated, { payment_intent: pi, id: 're_outside1' })),
    );
    expect(await refundByRef(shop.id, 're_outside1')).toMatchObject({
      order_id: order.id,
      amount_minor: 100,
      currency: 'USD',
      status: 'succeeded',
      case_id: null,
    });
    expect(await eventRow(id)).toMatchObject({ status: 'processed', shop_id: shop.id });
  });

  it('marks an event for a payment no shop knows ignored and writes nothing', async () => {
    const before = (await env.DB.prepare('SELECT count(*) AS n FROM refunds').first<{ n: number }>())!.n;
    const id = await deliver(
      await stripeWebhook(event(stripe.refundCreated, { payment_intent: 'pi_nobody', charge: 'ch_nobody' })),
    );
    expect(await eventRow(id)).toMatchObject({ status: 'ignored', shop_id: null });
    expect((await env.DB.prepare('SELECT count(*) AS n FROM refunds').first<{ n: number }>())!.n).toBe(before);
  });

  it('settles our pending case refund through the case (RefundSucceeded, case closed) and claims its Stripe id', async () => {
    const { shop, order, pi } = await shopWithOrder();
    const { caseId, refundId } = await caseWithPendingRefund(shop.id, order.id, 100);
    await deliver(
      await stripeWebhook(event(stripe.refundUpdated, { payment_intent: pi, id: 're_ours1', status: 'succeeded' })),
    );
    const refund = await env.DB.prepare('SELECT * FROM refunds WHERE id = ?1').bind(refundId).first<Json>();
    expect(refund).toMatchObject({ provider_ref: 're_ours1', status: 'succeeded' });
    const kase = await env.DB.prepare('SELECT status FROM cases WHERE id = ?1').bind(caseId).first<Json>();
    expect(kase!.status).toBe('closed');
    const types = await env.DB.prepare('SELECT type FROM case_events WHERE case_id = ?1 ORDER BY at, id')
      .bind(caseId)
      .all<{ type: string }>();
    expect(types.results.map((r) => r.type)).toContain('RefundSucceeded');
  });

  it('flags the case and raises its priority when the refund fails, once however often Stripe says so', async () => {
    const { shop, order, pi } = await shopWithOrder();
    const { caseId, refundId } = await caseWithPendingRefund(shop.id, order.id, 100);
    const failed = event(stripe.refundFailed, {
      payment_intent: pi,
      id: 're_fail1',
      status: 'failed',
      failure_reason: 'expired_or_canceled_card',
    });
    await deliver(await stripeWebhook(failed));
    await deliver(await stripeWebhook({ ...failed, id: `evt_${crypto.randomUUID().replaceAll('-', '')}` }));
    expect(
      await env.DB.prepare('SELECT status, failure_reason FROM refunds WHERE id = ?1').bind(refundId).first(),
    ).toEqual({ status: 'failed', failure_reason: 'expired_or_canceled_card' });
    const kase = await env.DB.prepare('SELECT priority, tags FROM cases WHERE id = ?1').bind(caseId).first<Json>();
    expect(kase!.priority).toBe('high');
    expect(JSON.parse(kase!.tags as string)).toContain('refund_failed');
    const flags = await env.DB.prepare(
      "SELECT count(*) AS n FROM case_events WHERE case_id = ?1 AND type = 'CaseTagged'",
    )
      .bind(caseId)
      .first<{ n: number }>();
    expect(flags!.n).toBe(1);
  });

  it('never lets an older refund event undo a newer one', async () => {
    const { shop, pi } = await shopWithOrder();
    await deliver(
      await stripeWebhook(
        event(stripe.refundFailed, { payment_intent: pi, id: 're_order1', status: 'failed' }, { created: 2000 }),
      ),
    );
    await deliver(
      await stripeWebhook(
        event(stripe.refundUpdated, { payment_intent: pi, id: 're_order1', status: 'pending' }, { created: 1000 }),
      ),
    );
    expect(await refundByRef(shop.id, 're_order1')).toMatchObject({ status: 'failed', platform_updated_at: 2_000_000 });
  });

  it('charge.refunded records every refund listed on the charge, or settles our pending ones on a full refund', async () => {
    const { shop, order, pi } = await shopWithOrder();
    const listed = JSON.parse(stripe.refundCreated).data.object as Json;
    await deliver(
      await stripeWebhook(
        event(stripe.chargeRefunded, {
          payment_intent: pi,
          amount_refunded: 100,
          refunded: true,
          refunds: { object: 'list', data: [{ ...listed, id: 're_listed1', payment_intent: pi }] },
        }),
      ),
    );
    expect(await refundByRef(shop.id, 're_listed1')).toMatchObject({ status: 'succeeded', order_id: order.id });

    const other = await shopWithOrder();
    const now = Date.now();
    await env.DB.prepare(
      `INSERT INTO refunds (id, shop_id, order_id, provider, kind, idempotency_key, amount_minor, currency, status, created_at, updated_at)
       VALUES (?1, ?2, ?3, 'stripe', 'refund', 'k1', 2500, 'USD', 'pending', ?4, ?4)`,
    )
      .bind(newId('rfd'), other.shop.id, other.order.id, now)
      .run();
    await deliver(
      await stripeWebhook(
        event(stripe.chargeRefunded, {
          payment_intent: other.pi,
          amount_refunded: 2500,
          refunded: true,
          refunds: { object: 'list', data: [] },
        }),
      ),
    );
    const settled = await env.DB.prepare('SELECT status FROM refunds WHERE shop_id = ?1')
      .bind(other.shop.id)
      .first<{ status: string }>();
    expect(settled!.status).toBe('succeeded');
  });
});

describe('charge.dispute.created', () => {
  /** Stripe's Dispute object shape (https://docs.stripe.com/api/disputes/object); no published sample is in the fixtures. */
  const dispute = (pi: string, id: string) => ({
    ...event(stripe.refundCreated, {}),
    type: 'charge.dispute.created',
    data: {
      object: {
        id,
        object: 'dispute',
        amount: 2500,
        currency: 'usd',
        charge: 'ch_disputed',
        payment_intent: pi,
        reason: 'product_not_received',
        status: 'needs_response',
        metadata: {},
      },
    },
  });

  it('opens one high-priority complaint case on the disputed order, however many deliveries', async () => {
    const { shop, order, pi } = await shopWithOrder();
    await deliver(await stripeWebhook(dispute(pi!, 'dp_1')));
    await deliver(await stripeWebhook(dispute(pi!, 'dp_1')));
    const cases = await env.DB.prepare('SELECT * FROM cases WHERE shop_id = ?1').bind(shop.id).all<Json>();
    expect(cases.results).toHaveLength(1);
    expect(cases.results[0]).toMatchObject({
      type: 'complaint',
      priority: 'high',
      source: 'stripe',
      platform_ref: 'dp_1',
      order_id: order.id,
      status: 'requested',
    });
  });
});
