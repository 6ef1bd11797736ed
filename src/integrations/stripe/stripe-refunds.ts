/**
 * Refunds on Stripe, for shops whose payments are Stripe's (or orders paid outside Shopify
 * Payments): `refunds.create` on the order's PaymentIntent or Charge, amount in minor units,
 * metadata naming shop and case, and the case's idempotency key so a retried job cannot pay twice.
 */
import Stripe from 'stripe';

export interface StripeRefundInput {
  /** `pi_…` or `ch_…` from the order's payment reference. */
  paymentRef: string;
  amountMinor: number;
  currency: string;
  idempotencyKey: string;
  metadata: { shop: string; case: string };
}

export interface StripeRefundResult {
  providerRef: string;
  status: 'succeeded' | 'pending' | 'failed';
  failureReason: string | null;
}

export interface StripeRefunds {
  createRefund(input: StripeRefundInput): Promise<StripeRefundResult>;
}

export interface StripeRefundsOptions {
  secretKey: string;
  /** Point at a local server or mock (`STRIPE_API_BASE`). */
  apiBase?: string | undefined;
  fetch?: typeof fetch;
}

function statusOf(s: string | null): StripeRefundResult['status'] {
  if (s === 'succeeded') return 'succeeded';
  if (s === 'failed' || s === 'canceled') return 'failed';
  return 'pending';
}

/** @see https://docs.stripe.com/api/refunds/create */
export function createStripeRefunds(options: StripeRefundsOptions): StripeRefunds {
  const base = options.apiBase ? new URL(options.apiBase) : undefined;
  const stripe = new Stripe(options.secretKey, {
    // Global `fetch` read per call unless one is injected (MSW intercepts the global one in tests).
    httpClient: Stripe.createFetchHttpClient(options.fetch ?? ((input, init) => fetch(input, init))),
    // Retries reuse the same Idempotency-Key, which is what makes them safe.
    maxNetworkRetries: 2,
    ...(base
      ? {
          host: base.hostname,
          protocol: base.protocol.replace(':', '') as 'http' | 'https',
          port: Number(base.port || (base.protocol === 'http:' ? 80 : 443)),
        }
      : {}),
  });
  return {
    async createRefund(input) {
      const target = input.paymentRef.startsWith('ch_')
        ? { charge: input.paymentRef }
        : { payment_intent: input.paymentRef };
      const refund = await stripe.refunds.create(
        { ...target, amount: input.amountMinor, metadata: { ...input.metadata } },
        { idempotencyKey: input.idempotencyKey },
      );
      return { providerRef: refund.id, status: statusOf(refund.status), failureReason: refund.failure_reason ?? null };
    },
  };
}

/**
 * LOCAL stand-in for Stripe (`INTEGRATIONS=local`): records what it would have sent and answers a
 * succeeded refund; the same idempotency key answers the same refund, as Stripe does.
 */
export class LocalStripe implements StripeRefunds {
  readonly calls: StripeRefundInput[] = [];
  private readonly byKey = new Map<string, StripeRefundResult>();

  async createRefund(input: StripeRefundInput): Promise<StripeRefundResult> {
    this.calls.push(input);
    const known = this.byKey.get(input.idempotencyKey);
    if (known) return known;
    const result: StripeRefundResult = {
      providerRef: `re_local_${this.byKey.size + 1}`,
      status: 'succeeded',
      failureReason: null,
    };
    this.byKey.set(input.idempotencyKey, result);
    console.log(JSON.stringify({ adapter: 'LocalStripe', operation: 'refunds.create', ...input }));
    return result;
  }
}
