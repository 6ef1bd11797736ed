import type { StripeApplier } from './apply';
import { ensurePlatformCase } from './open-case';
import { stripeDispute, stripeEvent } from './stripe-payloads';
import { resolveStripeTarget } from './stripe-shop';

/**
 * `charge.dispute.created`: a chargeback is the loudest complaint there is: a high-priority
 * complaint case on the disputed order, keyed by the dispute id (one case however often it comes).
 * @see https://docs.stripe.com/api/disputes/object
 */
export const applyDisputeCreated: StripeApplier = async ({ s, body }) => {
  const event = stripeEvent.parse(body);
  const dispute = stripeDispute.parse(event.data.object);
  const target = await resolveStripeTarget(s, { paymentRefs: [dispute.charge ?? '', dispute.payment_intent ?? ''], metadataShop: dispute.metadata.shop });
  if (!target) return { status: 'ignored', shopId: null, note: 'no shop or order for this dispute' };
  const orderGid = target.orderId
    ? ((await s.d1(target.shopId).prepare('SELECT platform_id FROM orders WHERE id = ?1').bind(target.orderId).first<{ platform_id: string }>())?.platform_id ?? null)
    : null;
  await ensurePlatformCase(s, {
    shopId: target.shopId,
    platformRef: dispute.id,
    type: 'complaint',
    source: 'stripe',
    actor: 'stripe',
    orderGid,
    priority: 'high',
    tags: ['dispute', ...(dispute.reason ? [`dispute:${dispute.reason}`] : [])],
    reason: `Stripe dispute (${dispute.reason ?? 'no reason given'}) for ${dispute.amount} ${dispute.currency.toUpperCase()}`,
  });
  return { status: 'processed', shopId: target.shopId };
};
