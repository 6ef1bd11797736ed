/**
 * What a shopper asks for, as one zod schema shared by the JSON API and the HTML form, plus the
 * preview (per-item problems and the money quote) the review step shows. All business rules come
 * from the pure policy in `src/cases`; this file only maps the request onto them.
 */
import * as z from 'zod';
import { evaluateRequest, requestedItems, reasonRule, type ItemProblem } from '../cases/policy';
import { lineValue, quote, type Quote } from '../cases/money';
import { localDate, startOfLocalDay } from '../cases/local-time';
import type { ShopperOrder } from './shopper-order';

const HOUR = 3_600_000;

export const addressSchema = z.object({
  name: z.string().trim().min(1).max(200),
  address1: z.string().trim().min(1).max(200),
  address2: z.string().trim().max(200).optional(),
  city: z.string().trim().min(1).max(100),
  province: z.string().trim().max(100).optional(),
  zip: z.string().trim().min(1).max(20),
  country: z.string().trim().min(1).max(100),
  phone: z.string().trim().max(40).optional(),
});

export const returnRequestSchema = z
  .object({
    items: z
      .array(
        z.object({
          lineItemId: z.string().min(1).max(100),
          quantity: z.int().min(1).max(10_000),
          reason: z.string().min(1).max(64),
          note: z.string().max(1000).optional(),
          /** Keys returned by the photo upload endpoint. */
          photos: z.array(z.string().max(300)).max(6).optional(),
          /** Exchange: the variant of the same product wanted instead (else `exchange.variantId`). */
          exchangeVariantId: z.string().max(200).optional(),
        }),
      )
      .min(1)
      .max(50),
    resolution: z.enum(['refund', 'store_credit', 'exchange']),
    exchange: z.object({ variantId: z.string().min(1).max(200) }).optional(),
    method: z.enum(['pickup', 'drop_off']),
    pickup: z.object({ address: addressSchema, window: z.object({ start: z.int(), end: z.int() }) }).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.method === 'pickup' && !r.pickup)
      ctx.addIssue({
        code: 'custom',
        path: ['pickup'],
        message: 'pickup { address, window } is required for method "pickup"',
      });
    if (r.pickup && r.pickup.window.end <= r.pickup.window.start)
      ctx.addIssue({ code: 'custom', path: ['pickup', 'window'], message: 'window.end must be after window.start' });
    if (r.resolution === 'exchange' && !r.exchange && r.items.some((i) => !i.exchangeVariantId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['exchange'],
        message: 'an exchange names the variant wanted (exchange.variantId or items[].exchangeVariantId)',
      });
    }
  });

export type ReturnRequest = z.infer<typeof returnRequestSchema>;

/** The pickup days offered: the next five local days, 09:00–17:00 in the shop's zone. */
export function pickupDays(
  now: number,
  timeZone: string,
  count = 5,
): Array<{ value: string; start: number; end: number }> {
  const today = localDate(now, timeZone);
  return Array.from({ length: count }, (_, i) => {
    const midnight = startOfLocalDay(today, timeZone, i + 1);
    const d = localDate(midnight + HOUR, timeZone);
    const value = `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
    return { value, start: midnight + 9 * HOUR, end: midnight + 17 * HOUR };
  });
}

export interface ReturnPreview {
  problems: ItemProblem[];
  quote: Quote;
  currency: string;
}

/** Per-item problems (ineligible, unknown, too many, photo missing) and what the shopper gets. */
export function previewReturn(so: ShopperOrder, req: ReturnRequest, exchangeValueMinor?: number): ReturnPreview {
  const evaluation = evaluateRequest({
    ...so.facts,
    items: requestedItems(req.items),
    resolution: req.resolution,
  });
  const lines = new Map(so.lines.map((l) => [l.id, l]));
  const q = quote({
    lines: req.items.flatMap((i) => {
      const line = lines.get(i.lineItemId);
      const rule = reasonRule(so.policy, i.reason);
      if (!line) return [];
      return [
        {
          lineId: i.lineItemId,
          valueMinor: lineValue(line, i.quantity),
          waiveFees: rule?.waiveFees ?? false,
          shippingPaidBy: rule?.shippingPaidBy ?? 'customer',
          keep: so.eligibility.get(i.lineItemId)?.keepItem ?? false,
        },
      ];
    }),
    restockingFee: so.policy.restockingFee,
    returnShippingFee: so.policy.returnShippingFee,
    storeCreditBonusBasisPoints: so.policy.storeCreditBonusBasisPoints,
    resolution: req.resolution,
    ...(exchangeValueMinor !== undefined ? { exchangeValueMinor } : {}),
  });
  return { problems: evaluation.problems, quote: q, currency: so.order.currency };
}
