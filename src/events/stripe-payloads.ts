import * as z from 'zod';

/**
 * The parts of Stripe events we use. Stripe ids are strings already; amounts are integer minor
 * units; `created` is Unix seconds (the event's own version for ordering updates).
 * @see https://docs.stripe.com/api/events/object
 */
const metadata = z
  .record(z.string(), z.string())
  .nullable()
  .optional()
  .transform((m) => m ?? {});
const ref = z
  .union([z.string(), z.object({ id: z.string() })])
  .nullable()
  .optional()
  .transform((v) => (v == null ? null : typeof v === 'string' ? v : v.id));

export const stripeRefund = z.object({
  id: z.string().startsWith('re_').or(z.string().startsWith('pyr_')),
  object: z.literal('refund'),
  amount: z.number().int().nonnegative(),
  currency: z.string().length(3),
  charge: ref,
  payment_intent: ref,
  status: z.string().nullable().optional(),
  failure_reason: z.string().nullable().optional(),
  metadata,
});
export type StripeRefund = z.infer<typeof stripeRefund>;

export const stripeCharge = z.object({
  id: z.string(),
  object: z.literal('charge'),
  amount: z.number().int(),
  amount_refunded: z.number().int(),
  currency: z.string().length(3),
  payment_intent: ref,
  refunded: z.boolean(),
  refunds: z
    .object({ data: z.array(z.unknown()) })
    .nullable()
    .optional(),
  metadata,
});

export const stripeDispute = z.object({
  id: z.string().startsWith('dp_').or(z.string().startsWith('du_')),
  object: z.literal('dispute'),
  amount: z.number().int(),
  currency: z.string().length(3),
  charge: ref,
  payment_intent: ref,
  reason: z.string().nullable().optional(),
  status: z.string().nullable().optional(),
  metadata,
});
export type StripeDispute = z.infer<typeof stripeDispute>;

export const stripeEvent = z.object({
  id: z.string(),
  type: z.string(),
  created: z.number().int(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

/** Stripe refund status → ours (requires_action and pending are both still pending). */
export function refundStatus(status: string | null | undefined): 'pending' | 'succeeded' | 'failed' | 'canceled' {
  return status === 'succeeded' || status === 'failed' || status === 'canceled' ? status : 'pending';
}
