/**
 * The real Stripe adapter, through the real `stripe` SDK and its fetch HTTP client on the global
 * `fetch` (the production default), answered by MSW: the request must be Stripe's documented `POST /v1/refunds` (form-encoded
 * `payment_intent`|`charge`, `amount`, `metadata[...]`) with `Idempotency-Key`, `Stripe-Version`
 * and a Bearer secret key, sent to `STRIPE_API_BASE` when set.
 * @see https://docs.stripe.com/api/refunds/create
 * @see https://docs.stripe.com/api/idempotent_requests
 */
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import refundFixture from '../../../test/fixtures/stripe/openapi_fixtures3__refund.json';
import { json, mockHttp } from '../../../test/helpers/msw';
import { createStripeRefunds, LocalStripe } from './stripe-refunds';

const mock = mockHttp();
/** Stripe answers `POST /v1/refunds` on `base` with `answer` (and its request id header). */
const stripeAnswers = (base: string, answer: Record<string, unknown>, status = 200) =>
  mock.on('post', `${base}/v1/refunds`, () => json(answer, status, { 'request-id': 'req_test' }));

describe('Stripe refunds adapter', () => {
  it('POSTs /v1/refunds on the payment intent with amount, metadata and the idempotency key', async () => {
    stripeAnswers('http://stripe.local:12111', { ...refundFixture, id: 're_123', status: 'succeeded', amount: 2050 });
    const requests = mock.requests;
    const stripe = createStripeRefunds({ secretKey: 'sk_test_dev', apiBase: 'http://stripe.local:12111' });
    const out = await stripe.createRefund({
      paymentRef: 'pi_abc',
      amountMinor: 2050,
      currency: 'usd',
      idempotencyKey: 'case_X:refund:1',
      metadata: { shop: 'demo-shop.myshopify.com', case: 'case_X' },
    });
    expect(out).toEqual({ providerRef: 're_123', status: 'succeeded', failureReason: null });
    expect(requests).toHaveLength(1);
    const r = requests[0]!;
    expect(r.method).toBe('POST');
    expect(new URL(r.url).origin).toBe('http://stripe.local:12111');
    expect(new URL(r.url).pathname).toBe('/v1/refunds');
    expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(r.headers.authorization).toBe('Bearer sk_test_dev');
    expect(r.idempotencyKey).toBe('case_X:refund:1');
    expect(r.headers['stripe-version']).toBe(Stripe.API_VERSION);
    expect(r.headers['stripe-version']).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(Object.fromEntries(r.form)).toEqual({
      payment_intent: 'pi_abc',
      amount: '2050',
      'metadata[shop]': 'demo-shop.myshopify.com',
      'metadata[case]': 'case_X',
    });
  });

  it('refunds a charge when the order was paid by charge id, and maps pending/failed', async () => {
    stripeAnswers('https://api.stripe.com', { ...refundFixture, id: 're_p', status: 'pending' });
    const out = await createStripeRefunds({ secretKey: 'sk_test_dev' }).createRefund({
      paymentRef: 'ch_9',
      amountMinor: 100,
      currency: 'usd',
      idempotencyKey: 'k',
      metadata: { shop: 's', case: 'c' },
    });
    expect(out.status).toBe('pending');
    expect(new URL(mock.requests[0]!.url).host).toBe('api.stripe.com');
    expect(mock.requests[0]!.form.get('charge')).toBe('ch_9');
    expect(mock.requests[0]!.form.has('payment_intent')).toBe(false);
    stripeAnswers('https://api.stripe.com', {
      ...refundFixture,
      id: 're_f',
      status: 'failed',
      failure_reason: 'expired_or_canceled_card',
    });
    expect(
      await createStripeRefunds({ secretKey: 'sk_test_dev' }).createRefund({
        paymentRef: 'pi_1',
        amountMinor: 1,
        currency: 'usd',
        idempotencyKey: 'k2',
        metadata: { shop: 's', case: 'c' },
      }),
    ).toEqual({ providerRef: 're_f', status: 'failed', failureReason: 'expired_or_canceled_card' });
  });

  it('a Stripe 400 surfaces as StripeInvalidRequestError (recorded, not retried by the job)', async () => {
    stripeAnswers(
      'https://api.stripe.com',
      { error: { type: 'invalid_request_error', message: 'Charge already refunded', code: 'charge_already_refunded' } },
      400,
    );
    const requests = mock.requests;
    const err = await createStripeRefunds({ secretKey: 'sk_test_dev' })
      .createRefund({
        paymentRef: 'pi_1',
        amountMinor: 1,
        currency: 'usd',
        idempotencyKey: 'k3',
        metadata: { shop: 's', case: 'c' },
      })
      .catch((e: unknown) => e);
    expect((err as { type: string }).type).toBe('StripeInvalidRequestError');
    expect(requests).toHaveLength(1); // a 400 is not retried by the SDK
  });

  it('LocalStripe answers the same refund for the same key, and records each call', async () => {
    const local = new LocalStripe();
    const input = {
      paymentRef: 'pi_1',
      amountMinor: 500,
      currency: 'usd',
      idempotencyKey: 'case_Y:refund:1',
      metadata: { shop: 's', case: 'case_Y' },
    };
    const a = await local.createRefund(input);
    const b = await local.createRefund(input);
    expect(a).toEqual(b);
    expect(local.calls).toHaveLength(2);
  });
});
