/**
 * The `issue-refund` job: pays out one pending `refunds` row through its provider with the row's
 * idempotency key, then records the outcome. Safe to run any number of times: a settled row is
 * skipped, and a re-run after a crash between the call and the record reuses the same key, so
 * the provider answers the same refund instead of paying again.
 */
import { and, eq } from 'drizzle-orm';
import { getShopAccessToken } from '../integrations/shopify/shop-credentials';
import { loadCase } from '../db/case-store';
import { orders, refunds } from '../db/schema';
import { findShopById } from '../db/shops';
import { jobKey, type JobOf } from '../queue/messages';
import { ShopifyAdminError } from '../integrations/shopify/admin-client';
import { log } from '../lib/log';
import type { Services } from '../services';
import { runEffects } from '../queue/effects';
import { recordRefundOutcome, type RefundOutcomeResult } from './record-refund-outcome';

/** A refusal the provider will repeat (bad input, nothing left to refund): record it, do not retry. */
function isPermanent(err: unknown): boolean {
  if (err instanceof ShopifyAdminError) return !err.retryable;
  const type = (err as { type?: string } | null)?.type;
  return type === 'StripeInvalidRequestError' || type === 'StripeCardError';
}

export async function issueRefund(s: Services, message: JobOf<'issue-refund'>): Promise<RefundOutcomeResult | null> {
  const { shopId } = message;
  const db = s.db(shopId);
  const refund = message.refundId
    ? await db
        .select()
        .from(refunds)
        .where(and(eq(refunds.shopId, shopId), eq(refunds.id, message.refundId)))
        .get()
    : await db
        .select()
        .from(refunds)
        .where(and(eq(refunds.shopId, shopId), eq(refunds.caseId, message.caseId), eq(refunds.status, 'pending')))
        .get();
  const done = () =>
    s
      .d1(shopId)
      .prepare(`UPDATE scheduled_jobs SET status = 'done', updated_at = ? WHERE shop_id = ? AND dedupe_key = ?`)
      .bind(s.clock.now(), shopId, jobKey(message))
      .run();
  // Settled, or already accepted by the provider and waiting for its webhook: nothing to pay.
  if (!refund || refund.status !== 'pending' || refund.providerRef) {
    await done();
    return null;
  }
  const shop = await findShopById(s, shopId);
  const loaded = refund.caseId ? await loadCase(s, shopId, refund.caseId) : null;
  const order = refund.orderId
    ? await db
        .select()
        .from(orders)
        .where(and(eq(orders.shopId, shopId), eq(orders.id, refund.orderId)))
        .get()
    : undefined;
  if (!shop || !order) throw new Error(`refund ${refund.id}: shop or order is gone`);

  // Stripe shops (or orders paid through Stripe) refund on Stripe; everything else through Shopify.
  const viaStripe =
    refund.kind === 'refund' &&
    (shop.settings.refundProvider === 'stripe' || shop.platform === 'stripe' || refund.provider === 'stripe');
  let outcome: { providerRef: string; status: 'succeeded' | 'failed' | 'pending'; failureReason: string | null };
  try {
    if (viaStripe) {
      if (!order.paymentRef)
        throw Object.assign(new Error('order has no Stripe payment reference'), { type: 'StripeInvalidRequestError' });
      outcome = await s.stripeRefunds.createRefund({
        paymentRef: order.paymentRef,
        amountMinor: refund.amountMinor,
        currency: refund.currency,
        idempotencyKey: refund.idempotencyKey,
        metadata: { shop: shop.domain, case: refund.caseId ?? '' },
      });
    } else {
      const creds = {
        shop: shop.domain,
        accessToken: s.settings.INTEGRATIONS === 'local' ? 'local' : await getShopAccessToken(s, shopId),
      };
      if (refund.kind === 'store_credit') {
        const customer = order.customerId
          ? await s
              .d1(shopId)
              .prepare('SELECT platform_id FROM customers WHERE shop_id = ? AND id = ?')
              .bind(shopId, order.customerId)
              .first<string>('platform_id')
          : null;
        const card = await s.shopifyAdmin.createGiftCard(creds, {
          amountMinor: refund.amountMinor,
          currency: refund.currency,
          customerId: customer,
          note: `Aftercare ${refund.idempotencyKey}`,
        });
        outcome = { providerRef: card.giftCardId, status: 'succeeded', failureReason: null };
      } else {
        const r = await s.shopifyAdmin.refund(creds, {
          orderId: order.platformId,
          returnId: loaded?.row.platformRef?.startsWith('gid://shopify/Return/') ? loaded.row.platformRef : null,
          amountMinor: refund.amountMinor,
          currency: refund.currency,
          idempotencyKey: refund.idempotencyKey,
          note: `Aftercare case ${refund.caseId}`,
        });
        outcome = { providerRef: r.providerRef, status: 'succeeded', failureReason: null };
      }
    }
  } catch (err) {
    if (!isPermanent(err)) throw err; // the queue retries with backoff, same key
    outcome = { providerRef: '', status: 'failed', failureReason: err instanceof Error ? err.message : String(err) };
  }
  log({
    kind: 'job',
    outcome: 'ok',
    durationMs: 0,
    job: 'issue-refund',
    shopId,
    refundId: refund.id,
    idempotencyKey: refund.idempotencyKey,
    providerStatus: outcome.status,
  });
  if (outcome.status === 'pending') {
    // Stripe answers pending for some methods; the webhook brings the outcome. Keep the reference.
    await db
      .update(refunds)
      .set({ providerRef: outcome.providerRef, updatedAt: s.clock.now() })
      .where(and(eq(refunds.shopId, shopId), eq(refunds.id, refund.id)));
    await done();
    return null;
  }
  const result = await recordRefundOutcome(s, {
    shopId,
    refundId: refund.id,
    status: outcome.status,
    failureReason: outcome.failureReason,
    actor: viaStripe ? 'stripe' : 'shopify',
    ...(outcome.providerRef ? { providerRef: outcome.providerRef } : {}),
  });
  await done();
  return result;
}

/** What the jobs consumer calls: pay out, then run the outcome's effects (emails, SLA stop). */
export async function runIssueRefundJob(s: Services, message: JobOf<'issue-refund'>): Promise<void> {
  const result = await issueRefund(s, message);
  if (result) await runEffects(s, result.effects);
}
