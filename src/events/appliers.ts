import { shopifyAppliers, stripeAppliers } from './apply';
import { applyAppUninstalled } from './app';
import { applyFulfillment } from './fulfillments';
import { applyOrder } from './orders';
import { applyCustomerDataRequest, applyCustomerRedact, applyShopRedact } from './privacy';
import { applyShopifyRefund } from './refunds';
import { applyShopifyReturn } from './returns';
import { applyDisputeCreated } from './stripe-disputes';
import { applyChargeRefunded, applyStripeRefundEvent } from './stripe-refunds';

let registered = false;

/** Topic → applier, one file per topic family. Topics not listed are stored and marked ignored. */
export function registerAppliers(): void {
  if (registered) return;
  registered = true;
  for (const topic of ['orders/create', 'orders/updated', 'orders/cancelled']) shopifyAppliers.set(topic, applyOrder);
  for (const topic of ['fulfillments/create', 'fulfillments/update']) shopifyAppliers.set(topic, applyFulfillment);
  shopifyAppliers.set('refunds/create', applyShopifyRefund);
  for (const topic of [
    'returns/request',
    'returns/approve',
    'returns/decline',
    'returns/close',
    'returns/cancel',
    'returns/reopen',
  ]) {
    shopifyAppliers.set(topic, applyShopifyReturn);
  }
  shopifyAppliers.set('app/uninstalled', applyAppUninstalled);
  shopifyAppliers.set('customers/data_request', applyCustomerDataRequest);
  shopifyAppliers.set('customers/redact', applyCustomerRedact);
  shopifyAppliers.set('shop/redact', applyShopRedact);
  stripeAppliers.set('charge.refunded', applyChargeRefunded);
  for (const topic of ['refund.created', 'refund.updated', 'refund.failed'])
    stripeAppliers.set(topic, applyStripeRefundEvent);
  stripeAppliers.set('charge.dispute.created', applyDisputeCreated);
}
