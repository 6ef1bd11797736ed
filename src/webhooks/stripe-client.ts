import Stripe from 'stripe';
import type { Settings } from '../env';

let instance: { key: string; stripe: Stripe; crypto: ReturnType<typeof Stripe.createSubtleCryptoProvider> } | undefined;

/**
 * The one Stripe client of this isolate (fetch-based HTTP, SubtleCrypto signatures), built lazily
 * from the settings. `STRIPE_API_BASE` points API calls at a local or mock server.
 * @see https://docs.stripe.com/webhooks?lang=node#verify-official-libraries
 */
export function stripeFor(settings: Settings): {
  stripe: Stripe;
  crypto: ReturnType<typeof Stripe.createSubtleCryptoProvider>;
} {
  const key = `${settings.STRIPE_SECRET_KEY}\u0000${settings.STRIPE_API_BASE ?? ''}`;
  if (instance?.key !== key) {
    const base = settings.STRIPE_API_BASE ? new URL(settings.STRIPE_API_BASE) : undefined;
    const stripe = new Stripe(settings.STRIPE_SECRET_KEY, {
      httpClient: Stripe.createFetchHttpClient(),
      maxNetworkRetries: 2,
      ...(base
        ? {
            host: base.hostname,
            protocol: base.protocol.replace(':', '') as 'http' | 'https',
            port: Number(base.port || (base.protocol === 'http:' ? 80 : 443)),
          }
        : {}),
    });
    instance = { key, stripe, crypto: Stripe.createSubtleCryptoProvider() };
  }
  return instance;
}
