import type { StripeApplier } from './apply';
import { runEffects } from '../queue/effects';
import { openComplaint } from '../commands/open-complaint';
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
  const target = await resolveStripeTarget(s, {
    paymentRefs: [dispute.charge ?? '', dispute.payment_intent ?? ''],
    metadataShop: dispute.metadata.shop,
  });
  if (!target) return { status: 'ignored', shopId: null, note: 'no shop or order for this dispute' };
  const opened = await openComplaint(s, {
    kind: 'dispute',
    shopId: target.shopId,
    disputeId: dispute.id,
    orderId: target.orderId,
    reason: dispute.reason ?? null,
    amountMinor: dispute.amount,
    currency: dispute.currency.toUpperCase(),
  });
  await runEffects(s, opened.effects);
  return { status: 'processed', shopId: target.shopId };
};
