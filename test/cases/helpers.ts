/** Services for Cases tests: a fixed clock, recording local adapters, jobs captured instead of queued. */
import { env } from 'cloudflare:workers';
import { fixedClock } from '../../src/lib/clock';
import { LocalShopifyAdmin } from '../../src/integrations/shopify/local-shopify-admin';
import { LocalStripe } from '../../src/integrations/stripe/stripe-refunds';
import { createServices, type Services } from '../../src/services';

export function caseServices(now = Date.parse('2026-11-20T12:00:00Z')) {
  const clock = fixedClock(now);
  const shopifyAdmin = new LocalShopifyAdmin();
  const stripeRefunds = new LocalStripe();
  const s: Services = createServices(env, { clock, shopifyAdmin, stripeRefunds });
  return { s, clock, shopifyAdmin, stripeRefunds };
}
