import type { Context } from 'hono';
import Stripe from 'stripe';
import { AppError } from '../http/errors';
import type { AppBindings } from '../http/types';
import { decodeUtf8, readCappedBody } from './read-body';
import { stripeFor } from './stripe-client';
import { storeAndEnqueue, waitUntilOf } from './store-event';

/** Stripe's documented tolerance for the signed timestamp, in seconds. */
const TOLERANCE_SECONDS = 300;
const eventIdPattern = /^evt_[A-Za-z0-9_]{1,200}$/;
const typePattern = /^[a-z0-9_.]{1,100}$/;

/**
 * `POST /webhooks/stripe`: size check → `Stripe-Signature` (stripe-node, SubtleCrypto, 300 s
 * tolerance) → event shape → store once by `event.id` → enqueue → 200.
 * @see https://docs.stripe.com/webhooks#verify-events
 */
export async function receiveStripeWebhook(c: Context<AppBindings>): Promise<Response> {
  const s = c.get('services');
  const bytes = await readCappedBody(c.req.raw);
  const signature = c.req.header('stripe-signature');
  if (!signature) throw new AppError('invalid_signature', 'Stripe-Signature is missing.');
  const text = decodeUtf8(bytes);
  if (text === null) throw new AppError('bad_request', 'The body is not UTF-8.');
  const { stripe, crypto } = stripeFor(s.settings);
  let event: unknown;
  try {
    event = await stripe.webhooks.constructEventAsync(
      text,
      signature,
      s.settings.STRIPE_WEBHOOK_SECRET,
      TOLERANCE_SECONDS,
      crypto,
      s.clock.now(),
    );
  } catch (err) {
    if (err instanceof Stripe.errors.StripeSignatureVerificationError) {
      throw new AppError(
        'invalid_signature',
        'Stripe-Signature does not verify (wrong secret, altered body or timestamp outside 300 s).',
      );
    }
    throw new AppError('bad_request', 'The body is not a JSON event.');
  }
  const { id, type } = (typeof event === 'object' && event !== null ? event : {}) as { id?: unknown; type?: unknown };
  if (typeof id !== 'string' || !eventIdPattern.test(id))
    throw new AppError('bad_request', 'The event has no Stripe event id.');
  if (typeof type !== 'string' || !typePattern.test(type)) throw new AppError('bad_request', 'The event has no type.');

  const headers: Record<string, string> = { 'content-type': c.req.header('content-type') ?? '' };
  const stored = await storeAndEnqueue(
    s,
    { source: 'stripe', deliveryId: id, topic: type, shopDomain: null, headers, body: text },
    waitUntilOf(c),
  );
  Object.assign(c.get('logFields'), { topic: type, eventId: stored.eventId, duplicate: stored.duplicate });
  return c.json({ ok: true, duplicate: stored.duplicate }, 200);
}
