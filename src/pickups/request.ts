/**
 * The one way a pickup row comes to be: opening a return collected by pickup puts it in the case's
 * own batch (`open-return.ts`), tests too. One pickup per case, under one key, and the carrier is
 * fixed at creation from the shop's settings (`pickupCarrier`, `manual` unless set), so changing
 * the setting later does not move a pickup already asked for.
 */
import type { Address } from '../db/schema';
import { jobSettings } from '../db/shop-settings';
import type { Services } from '../services';

/** The pickup's idempotency key: one per case. */
export const pickupKey = (caseId: string) => `pickup:${caseId}`;

export interface PickupInput {
  shop: { id: string; settings: unknown };
  caseId: string;
  address: Address | Record<string, string | undefined>;
  windowStart: number;
  windowEnd: number;
}

/** For the batch that opens the case: the `requested` pickup row (insert-or-ignore on its key). */
export function preparePickup(s: Services, p: PickupInput): { statement: D1PreparedStatement; pickupId: string } {
  const now = s.clock.now();
  const pickupId = s.newId('pku');
  const statement = s
    .d1(p.shop.id)
    .prepare(
      `INSERT OR IGNORE INTO pickups (id, shop_id, case_id, carrier, status, address, window_start, window_end, attempts, idempotency_key, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'requested', ?, ?, ?, 0, ?, ?, ?)`,
    )
    .bind(
      pickupId,
      p.shop.id,
      p.caseId,
      jobSettings(p.shop.settings).pickupCarrier,
      JSON.stringify(p.address),
      p.windowStart,
      p.windowEnd,
      pickupKey(p.caseId),
      now,
      now,
    );
  return { statement, pickupId };
}
