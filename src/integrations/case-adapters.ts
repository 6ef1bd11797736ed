/**
 * The Cases area's outside services, real or local by `INTEGRATIONS` (built once per isolate for
 * the local ones, so their idempotency memory spans requests like the real providers' does).
 */
import type { Settings } from '../env';
import { createShopifyAdmin, type ShopifyAdmin } from './shopify/shopify-admin';
import { LocalShopifyAdmin } from './shopify/local-shopify-admin';
import { createStripeRefunds, LocalStripe, type StripeRefunds } from './stripe/stripe-refunds';

let localShopify: LocalShopifyAdmin | undefined;
let localStripe: LocalStripe | undefined;

export function createShopifyAdminFor(config: Settings): ShopifyAdmin {
  if (config.INTEGRATIONS === 'local') return (localShopify ??= new LocalShopifyAdmin());
  return createShopifyAdmin();
}

export function createStripeRefundsFor(config: Settings): StripeRefunds {
  if (config.INTEGRATIONS === 'local') return (localStripe ??= new LocalStripe());
  return createStripeRefunds({ secretKey: config.STRIPE_SECRET_KEY, apiBase: config.STRIPE_API_BASE });
}
