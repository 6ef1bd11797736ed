/** Carrier pickups of returned parcels. */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt, json } from './columns';
import type { Address } from './orders';

export const pickups = sqliteTable(
  'pickups',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    caseId: text('case_id').notNull(),
    carrier: text('carrier').notNull(),
    status: text('status', { enum: ['requested', 'scheduled', 'failed', 'cancelled', 'completed'] }).notNull(),
    /** The carrier's pickup id; stored as soon as it exists (before it is bought) so a retry reuses it. */
    providerRef: text('provider_ref'),
    /** The carrier's return shipment (label); stored before the label is bought, for the same reason. */
    shipmentRef: text('shipment_ref'),
    labelUrl: text('label_url'),
    /**
     * The unused return label's refund once the pickup failed for good: `requesting` while a job holds
     * it (a lease on `updated_at`), then the carrier's answer (EasyPost `refund_status`), or
     * `not_purchased` when no label was bought. Set before asking, since EasyPost has no idempotency key.
     * A `submitted` refund is followed up until the carrier's final answer (`refunded`, `rejected`,
     * `not_applicable`), or `unconfirmed` when it is still undecided after 30 days.
     */
    labelRefundStatus: text('label_refund_status'),
    /** When the refund was asked (the carrier's answer recorded): the 30-day follow-up counts from here. */
    labelRefundRequestedAt: integer('label_refund_requested_at'),
    /**
     * When the carrier was last asked how a `submitted` refund stands (or a check was queued): the
     * cron follow-up (`pickup-label-refund-check.ts`) asks again at most every 12 hours.
     */
    labelRefundCheckedAt: integer('label_refund_checked_at'),
    /**
     * When a job claimed the carrier cancellation of a booked pickup whose case ended (rejected, closed,
     * resolved): set BEFORE the carrier is asked, a lease so a redelivered or concurrent job does not
     * cancel twice (`pickup-cancel.ts`); the pickup turns `cancelled` with its case event once asked.
     */
    cancelClaimedAt: integer('cancel_claimed_at'),
    confirmation: text('confirmation'),
    address: json<Address>('address'),
    windowStart: integer('window_start'),
    windowEnd: integer('window_end'),
    costMinor: integer('cost_minor'),
    currency: text('currency'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('pickups_idempotency_uq').on(t.shopId, t.idempotencyKey),
    index('pickups_case_idx').on(t.shopId, t.caseId),
    /** The refund follow-up sweep: `submitted` refunds not checked for 12 hours, in every shop of a database. */
    index('pickups_label_refund_check_idx').on(t.labelRefundStatus, t.labelRefundCheckedAt),
  ],
);
