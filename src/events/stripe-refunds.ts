import { runEffects } from '../queue/effects';
import { recordRefundOutcome } from '../commands/record-refund-outcome';
import type { Services } from '../services';
import type { StripeApplier } from './apply';
import { flagRefundFailed } from './case-signals';
import { bindNamed } from './sql';
import { refundStatus, stripeCharge, stripeEvent, stripeRefund, type StripeRefund } from './stripe-payloads';
import { resolveStripeTarget, type StripeTarget } from './stripe-shop';

/** Terminal statuses outrank pending, so an older event in the same second cannot undo them. */
const rank = `CASE ?status WHEN 'pending' THEN 0 ELSE 1 END >= CASE refunds.status WHEN 'pending' THEN 0 ELSE 1 END`;

/**
 * `refund.created|updated|failed`: the refund row kept in step with Stripe. Matched by its Stripe
 * id; else our own pending refund for the same payment (issued before Stripe answered) claims it;
 * else it is recorded as a refund made outside Aftercare. Ordered by the event's `created`.
 * @see https://docs.stripe.com/api/refunds/object
 */
export const applyStripeRefundEvent: StripeApplier = async ({ s, body }) => {
  const event = stripeEvent.parse(body);
  const refund = stripeRefund.parse(event.data.object);
  const target = await resolveStripeTarget(s, {
    paymentRefs: [refund.payment_intent ?? '', refund.charge ?? ''],
    refundId: refund.id,
    metadataShop: refund.metadata.shop,
  });
  if (!target) return { status: 'ignored', shopId: null, note: 'no shop or order for this payment' };
  await syncStripeRefund(s, target, refund, event.created * 1000);
  return { status: 'processed', shopId: target.shopId };
};

/** `charge.refunded`: each refund listed on the charge; a bare full refund settles our pending ones. */
export const applyChargeRefunded: StripeApplier = async ({ s, body }) => {
  const event = stripeEvent.parse(body);
  const charge = stripeCharge.parse(event.data.object);
  const target = await resolveStripeTarget(s, {
    paymentRefs: [charge.id, charge.payment_intent ?? ''],
    metadataShop: charge.metadata.shop,
  });
  if (!target) return { status: 'ignored', shopId: null, note: 'no shop or order for this charge' };
  const listed = (charge.refunds?.data ?? []).map((r) => stripeRefund.parse(r));
  for (const refund of listed) await syncStripeRefund(s, target, refund, event.created * 1000);
  if (!listed.length && charge.refunded && target.orderId) {
    await s
      .d1(target.shopId)
      .prepare(
        `UPDATE refunds SET status = 'succeeded', platform_updated_at = ?3, updated_at = ?4
         WHERE shop_id = ?1 AND order_id = ?2 AND provider = 'stripe' AND status = 'pending' AND platform_updated_at <= ?3`,
      )
      .bind(target.shopId, target.orderId, event.created * 1000, s.clock.now())
      .run();
  }
  return { status: 'processed', shopId: target.shopId };
};

async function syncStripeRefund(
  s: Services,
  target: StripeTarget,
  refund: StripeRefund,
  version: number,
): Promise<void> {
  const d1 = s.d1(target.shopId);
  const status = refundStatus(refund.status);
  // A pending refund of a case settling is a case transition: the Cases command owns it.
  const mine = await d1
    .prepare(
      `SELECT id, case_id, status, provider_ref FROM refunds WHERE shop_id = ?1 AND provider = 'stripe'
         AND (provider_ref = ?2 OR (provider_ref IS NULL AND order_id = ?3 AND amount_minor = ?4 AND status = 'pending'))
       ORDER BY provider_ref IS NULL, created_at LIMIT 1`,
    )
    .bind(target.shopId, refund.id, target.orderId, refund.amount)
    .first<{ id: string; case_id: string | null; status: string; provider_ref: string | null }>();
  if (mine?.case_id && mine.status === 'pending' && (status === 'succeeded' || status === 'failed')) {
    if (!mine.provider_ref)
      await d1
        .prepare('UPDATE refunds SET provider_ref = ?2 WHERE id = ?1 AND provider_ref IS NULL')
        .bind(mine.id, refund.id)
        .run();
    const outcome = await recordRefundOutcome(s, {
      shopId: target.shopId,
      refundId: mine.id,
      status,
      failureReason: refund.failure_reason ?? null,
      actor: 'stripe',
      platformUpdatedAt: version,
    });
    await runEffects(s, outcome.effects);
  }
  const values = {
    id: s.newId('rfd'),
    shop: target.shopId,
    ref: refund.id,
    order: target.orderId,
    caseid: refund.metadata.case_id ?? null,
    amount: refund.amount,
    currency: refund.currency.toUpperCase(),
    status,
    reason: refund.failure_reason ?? null,
    v: version,
    now: s.clock.now(),
  };
  await d1.batch([
    // 1. The row that already carries this Stripe refund id, newer event wins.
    bindNamed(
      d1,
      `UPDATE refunds SET status = ?status, failure_reason = COALESCE(?reason, failure_reason), platform_updated_at = ?v, updated_at = ?now
       WHERE shop_id = ?shop AND provider = 'stripe' AND provider_ref = ?ref
         AND (?v > platform_updated_at OR (?v = platform_updated_at AND ${rank}))`,
      values,
    ),
    // 2. Else our own refund for this order still waiting for Stripe's id claims it.
    bindNamed(
      d1,
      `UPDATE refunds SET provider_ref = ?ref, status = ?status, failure_reason = ?reason, platform_updated_at = ?v, updated_at = ?now
       WHERE id = (SELECT id FROM refunds WHERE shop_id = ?shop AND provider = 'stripe' AND provider_ref IS NULL
                     AND order_id = ?order AND amount_minor = ?amount AND status = 'pending' ORDER BY created_at LIMIT 1)
         AND NOT EXISTS (SELECT 1 FROM refunds WHERE shop_id = ?shop AND provider = 'stripe' AND provider_ref = ?ref)`,
      values,
    ),
    // 3. Else a refund made outside Aftercare (the Stripe dashboard): recorded, linked when it names our case.
    bindNamed(
      d1,
      `INSERT INTO refunds (id, shop_id, case_id, order_id, provider, kind, provider_ref, idempotency_key, amount_minor, currency, status,
         failure_reason, platform_updated_at, created_at, updated_at)
       VALUES (?id, ?shop, (SELECT id FROM cases WHERE shop_id = ?shop AND id = ?caseid), ?order, 'stripe', 'refund', ?ref,
         'stripe-refund:' || ?ref, ?amount, ?currency, ?status, ?reason, ?v, ?now, ?now)
       ON CONFLICT DO NOTHING`,
      values,
    ),
  ]);
  if (status === 'failed') {
    const row = await d1
      .prepare(`SELECT case_id, status FROM refunds WHERE shop_id = ?1 AND provider = 'stripe' AND provider_ref = ?2`)
      .bind(target.shopId, refund.id)
      .first<{ case_id: string | null; status: string }>();
    if (row?.case_id && row.status === 'failed')
      await flagRefundFailed(s, target.shopId, row.case_id, refund.id, refund.failure_reason ?? null);
  }
}
