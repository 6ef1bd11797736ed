/**
 * The shop's return address (`shops.settings.returnAddress`): where return labels send parcels
 * (src/pickups/book.ts). Read and written by `/admin/settings/return-address`.
 */
import { eq, sql } from 'drizzle-orm';
import * as z from 'zod';
import { shops } from '../db/schema';
import { changedFields } from '../db/changed-fields';
import { asStatement, shopEventStatement } from '../db/shop-event-rows';
import type { Services } from '../services';

const line = (max: number) => z.string().trim().max(max);
const required = (max: number) => line(max).min(1, 'required');

export const returnAddressForm = z.object({
  name: required(120),
  address1: required(200),
  address2: line(200),
  city: required(120),
  province: line(120),
  zip: line(20),
  countryCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'country'),
  phone: line(40),
});
export type ReturnAddressForm = z.infer<typeof returnAddressForm>;
export type ReturnAddressField = keyof ReturnAddressForm;
export const returnAddressFields = Object.keys(returnAddressForm.shape) as ReturnAddressField[];

/** The stored address as the form shows it (empty strings for what is missing). */
export function returnAddressOf(settings: Record<string, unknown>): ReturnAddressForm {
  const raw = settings['returnAddress'];
  const v = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return Object.fromEntries(
    returnAddressFields.map((k) => [k, typeof v[k] === 'string' ? (v[k] as string) : '']),
  ) as ReturnAddressForm;
}

/** Replaces the return address in one statement, with its event; the shop's other settings stay as they are. */
export async function saveReturnAddress(
  s: Services,
  shop: { id: string; settings: Record<string, unknown> },
  a: ReturnAddressForm,
  actor: string,
): Promise<void> {
  const stored = Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v === '' ? null : v]));
  const now = s.clock.now();
  const d1 = s.d1(shop.id);
  const update = s
    .db(shop.id)
    .update(shops)
    .set({
      settings: sql`json_set(${shops.settings}, '$.returnAddress', json(${JSON.stringify(stored)}))`,
      updatedAt: now,
    })
    .where(eq(shops.id, shop.id));
  const data = changedFields(returnAddressOf(shop.settings), a);
  const event = { shopId: shop.id, type: 'ReturnAddressChanged' as const, actor, data: { ...data } };
  await d1.batch([asStatement(d1, update), shopEventStatement(s, d1, event, { afterChange: true })]);
}
