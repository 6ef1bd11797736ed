import type { Appliers, ShopifyApplier, StripeApplier } from './apply';
import { applyAppUninstalled } from './app';
import { applyFulfillment } from './fulfillments';
import { applyOrder } from './orders';
import { applyCustomerDataRequest, applyCustomerRedact, applyShopRedact } from './privacy';
import { applyShopifyRefund } from './refunds';
import { applyShopifyReturn } from './returns';
import { applyDisputeCreated } from './stripe-disputes';
import { applyChargeRefunded, applyStripeRefundEvent } from './stripe-refunds';

const returnTopics = [
  'returns/request',
  'returns/approve',
  'returns/decline',
  'returns/close',
  'returns/cancel',
  'returns/reopen',
];

/** Topic → applier, one file per topic family. Topics not listed are stored and marked ignored. */
export function createAppliers(): Appliers {
  const shopify = new Map<string, ShopifyApplier>();
  const stripe = new Map<string, StripeApplier>();
  for (const topic of ['orders/create', 'orders/updated', 'orders/cancelled']) shopify.set(topic, applyOrder);
  for (const topic of ['fulfillments/create', 'fulfillments/update']) shopify.set(topic, applyFulfillment);
  shopify.set('refunds/create', applyShopifyRefund);
  for (const topic of returnTopics) shopify.set(topic, applyShopifyReturn);
  shopify.set('app/uninstalled', applyAppUninstalled);
  shopify.set('customers/data_request', applyCustomerDataRequest);
  shopify.set('customers/redact', applyCustomerRedact);
  shopify.set('shop/redact', applyShopRedact);
  stripe.set('charge.refunded', applyChargeRefunded);
  for (const topic of ['refund.created', 'refund.updated', 'refund.failed']) stripe.set(topic, applyStripeRefundEvent);
  stripe.set('charge.dispute.created', applyDisputeCreated);
  return { shopify, stripe };
}
