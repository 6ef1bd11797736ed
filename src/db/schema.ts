/**
 * The whole data model. Conventions: every row carries `shop_id` (tenancy); ids are prefixed text;
 * platform ids are text (64-bit Shopify ids do not fit a JS number); money is integer minor units
 * plus an ISO currency; time is UTC epoch milliseconds.
 *
 * Migrations are generated from this file by drizzle-kit (`npm run db:generate`) into `migrations/`.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () => integer('created_at').notNull();
const updatedAt = () => integer('updated_at').notNull();
const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();

export const shops = sqliteTable(
  'shops',
  {
    id: text('id').primaryKey(),
    domain: text('domain').notNull(),
    platform: text('platform', { enum: ['shopify', 'stripe'] })
      .notNull()
      .default('shopify'),
    status: text('status', { enum: ['active', 'uninstalled', 'redacted'] })
      .notNull()
      .default('active'),
    name: text('name').notNull(),
    email: text('email'),
    currency: text('currency').notNull().default('USD'),
    timezone: text('timezone').notNull().default('UTC'),
    locale: text('locale').notNull().default('en'),
    /** Shop settings: integrations in use, notification addresses, survey kind, grace periods. */
    settings: json<Record<string, unknown>>('settings').notNull().default(sql`'{}'`),
    /** The policy document (return policy + SLA), validated by `policySchema`. */
    policy: json<Record<string, unknown>>('policy').notNull().default(sql`'{}'`),
    /** Platform credentials, AES-GCM encrypted with a key derived from APP_SECRET. */
    accessTokenEnc: text('access_token_enc'),
    refreshTokenEnc: text('refresh_token_enc'),
    accessTokenExpiresAt: integer('access_token_expires_at'),
    scopes: text('scopes'),
    /** Admin screen sessions carry this number; logout bumps it, so every cookie issued before is refused. */
    sessionGeneration: integer('session_generation').notNull().default(0),
    /** Next case number for this shop (human-facing `R-1001`). */
    nextCaseNumber: integer('next_case_number').notNull().default(1001),
    installedAt: integer('installed_at'),
    uninstalledAt: integer('uninstalled_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('shops_domain_uq').on(t.domain)],
);

export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    platformId: text('platform_id'),
    email: text('email'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    phone: text('phone'),
    locale: text('locale'),
    tags: json<string[]>('tags').notNull().default(sql`'[]'`),
    vip: integer('vip', { mode: 'boolean' }).notNull().default(false),
    redactedAt: integer('redacted_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('customers_shop_platform_uq').on(t.shopId, t.platformId),
    index('customers_shop_email_idx').on(t.shopId, t.email),
  ],
);

export interface Address {
  name?: string | null;
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  province?: string | null;
  provinceCode?: string | null;
  zip?: string | null;
  country?: string | null;
  countryCode?: string | null;
  phone?: string | null;
}

export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    platformId: text('platform_id').notNull(),
    /** `#1001` */
    name: text('name').notNull(),
    number: text('number'),
    customerId: text('customer_id'),
    email: text('email'),
    locale: text('locale'),
    currency: text('currency').notNull(),
    subtotalMinor: integer('subtotal_minor').notNull().default(0),
    totalMinor: integer('total_minor').notNull().default(0),
    shippingMinor: integer('shipping_minor').notNull().default(0),
    financialStatus: text('financial_status'),
    fulfillmentStatus: text('fulfillment_status'),
    tags: json<string[]>('tags').notNull().default(sql`'[]'`),
    /** Stripe payment intent or charge id for refunds outside Shopify. */
    paymentRef: text('payment_ref'),
    shippingAddress: json<Address>('shipping_address'),
    processedAt: integer('processed_at'),
    cancelledAt: integer('cancelled_at'),
    /** The platform's `updated_at`: newer wins, arrival order does not matter. */
    platformUpdatedAt: integer('platform_updated_at').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('orders_shop_platform_uq').on(t.shopId, t.platformId),
    index('orders_shop_name_idx').on(t.shopId, t.name),
    // The shopper lookup matches `name OR number`: with both indexed SQLite searches two indexes
    // instead of scanning every order of the shop.
    index('orders_shop_number_idx').on(t.shopId, t.number),
    index('orders_shop_email_idx').on(t.shopId, t.email),
    index('orders_shop_customer_idx').on(t.shopId, t.customerId),
    index('orders_shop_processed_idx').on(t.shopId, t.processedAt),
    index('orders_payment_ref_idx').on(t.paymentRef),
  ],
);

export const orderLines = sqliteTable(
  'order_lines',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    orderId: text('order_id').notNull(),
    platformId: text('platform_id').notNull(),
    productId: text('product_id'),
    variantId: text('variant_id'),
    sku: text('sku'),
    title: text('title').notNull(),
    variantTitle: text('variant_title'),
    productType: text('product_type'),
    productTags: json<string[]>('product_tags').notNull().default(sql`'[]'`),
    quantity: integer('quantity').notNull(),
    /** Unit price and the line's total discount, minor units in the order's currency. */
    priceMinor: integer('price_minor').notNull(),
    discountMinor: integer('discount_minor').notNull().default(0),
    imageUrl: text('image_url'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('order_lines_shop_platform_uq').on(t.shopId, t.platformId),
    index('order_lines_order_idx').on(t.shopId, t.orderId),
    index('order_lines_sku_idx').on(t.shopId, t.sku),
  ],
);

export const shipments = sqliteTable(
  'shipments',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    orderId: text('order_id').notNull(),
    platformId: text('platform_id').notNull(),
    carrier: text('carrier'),
    service: text('service'),
    trackingNumbers: json<string[]>('tracking_numbers').notNull().default(sql`'[]'`),
    trackingUrls: json<string[]>('tracking_urls').notNull().default(sql`'[]'`),
    /** Shopify `shipment_status`: label_printed, in_transit, out_for_delivery, delivered, failure… */
    status: text('status').notNull().default('pending'),
    lineItemIds: json<string[]>('line_item_ids').notNull().default(sql`'[]'`),
    shippedAt: integer('shipped_at'),
    estimatedDeliveryAt: integer('estimated_delivery_at'),
    deliveredAt: integer('delivered_at'),
    /** Last time tracking moved (a new status or event): a stall is measured from here. */
    lastTrackingAt: integer('last_tracking_at'),
    /** Delay episodes already noticed (one notice per episode, never a flood). */
    delayEpisode: integer('delay_episode').notNull().default(0),
    delayNotifiedAt: integer('delay_notified_at'),
    platformUpdatedAt: integer('platform_updated_at').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('shipments_shop_platform_uq').on(t.shopId, t.platformId),
    index('shipments_order_idx').on(t.shopId, t.orderId),
    index('shipments_shop_status_eta_idx').on(t.shopId, t.status, t.estimatedDeliveryAt),
    index('shipments_status_eta_idx').on(t.status, t.estimatedDeliveryAt),
  ],
);

export const caseTypes = ['return', 'exchange', 'warranty', 'complaint'] as const;
export const caseStatuses = [
  'requested',
  'approved',
  'rejected',
  'awaiting_shipment',
  'in_transit',
  'received',
  'inspected',
  'resolved',
  'closed',
  'waiting_on_customer',
] as const;
export const priorities = ['low', 'normal', 'high', 'urgent'] as const;

export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    /** Human-facing number, unique per shop (`R-1001`). */
    number: integer('number').notNull(),
    orderId: text('order_id'),
    customerId: text('customer_id'),
    type: text('type', { enum: caseTypes }).notNull(),
    status: text('status', { enum: caseStatuses }).notNull(),
    /** Status to return to when a `waiting_on_customer` pause ends. */
    resumeStatus: text('resume_status', { enum: caseStatuses }),
    priority: text('priority', { enum: priorities }).notNull().default('normal'),
    tier: integer('tier').notNull().default(1),
    source: text('source', { enum: ['portal', 'shopify', 'admin', 'stripe', 'survey'] }).notNull(),
    resolution: text('resolution', { enum: ['refund', 'store_credit', 'exchange', 'keep', 'repair'] }),
    method: text('method', { enum: ['pickup', 'drop_off', 'none'] }),
    /** Shopify Return gid when mirrored, Stripe dispute id for disputes. */
    platformRef: text('platform_ref'),
    /** The opening request's idempotency key (a shopper draft's MAC, an API Idempotency-Key). */
    requestKey: text('request_key'),
    assignee: text('assignee'),
    tags: json<string[]>('tags').notNull().default(sql`'[]'`),
    locale: text('locale').notNull().default('en'),
    currency: text('currency').notNull(),
    refundMinor: integer('refund_minor').notNull().default(0),
    feeMinor: integer('fee_minor').notNull().default(0),
    creditMinor: integer('credit_minor').notNull().default(0),
    /** SLA deadlines mirrored from the CaseClock so the queue can sort and filter. */
    firstResponseDueAt: integer('first_response_due_at'),
    nextUpdateDueAt: integer('next_update_due_at'),
    resolutionDueAt: integer('resolution_due_at'),
    nextDueAt: integer('next_due_at'),
    firstRespondedAt: integer('first_responded_at'),
    breached: integer('breached', { mode: 'boolean' }).notNull().default(false),
    /** Comma-free list of breached targets: first_response, next_update, resolution. */
    breaches: json<string[]>('breaches').notNull().default(sql`'[]'`),
    slaPausedAt: integer('sla_paused_at'),
    /** Optimistic concurrency: every write checks and bumps it. */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    resolvedAt: integer('resolved_at'),
    closedAt: integer('closed_at'),
  },
  (t) => [
    uniqueIndex('cases_shop_number_uq').on(t.shopId, t.number),
    index('cases_shop_status_due_idx').on(t.shopId, t.status, t.nextDueAt),
    index('cases_shop_due_idx').on(t.shopId, t.nextDueAt),
    index('cases_shop_breached_idx').on(t.shopId, t.breached, t.nextDueAt),
    index('cases_shop_order_idx').on(t.shopId, t.orderId),
    index('cases_shop_customer_idx').on(t.shopId, t.customerId),
    index('cases_shop_created_idx').on(t.shopId, t.createdAt),
    // Dashboard at 100,000 cases (src/admin/metrics, src/sla/metrics.ts): covering indexes so the
    // date-range aggregates read index entries only, and duration-ordered ones (partial, on an
    // expression) so a percentile is one LIMIT 1 OFFSET k walk instead of a sort of every case.
    index('cases_shop_created_cover_idx').on(
      t.shopId,
      t.createdAt,
      t.status,
      t.id,
      t.currency,
      t.resolution,
      t.feeMinor,
    ),
    index('cases_shop_created_sla_idx')
      .on(
        t.shopId,
        t.createdAt,
        t.priority,
        t.tier,
        t.breached,
        t.breaches,
        t.firstRespondedAt,
        t.resolvedAt,
        t.closedAt,
        t.firstResponseDueAt,
      )
      .where(sql`first_response_due_at IS NOT NULL`),
    index('cases_shop_ttfr_idx')
      .on(
        t.shopId,
        sql`first_responded_at - created_at`,
        t.createdAt,
        t.priority,
        t.tier,
        t.firstRespondedAt,
        t.firstResponseDueAt,
      )
      .where(sql`first_responded_at IS NOT NULL AND first_response_due_at IS NOT NULL`),
    index('cases_shop_ttr_idx')
      .on(t.shopId, sql`resolved_at - created_at`, t.createdAt, t.priority, t.tier, t.resolvedAt, t.firstResponseDueAt)
      .where(sql`resolved_at IS NOT NULL AND first_response_due_at IS NOT NULL`),
    // The same per priority and per tier: a group's percentile walks its own entries only, not
    // every case of the shop until enough of the group has gone by (4x fewer at four priorities).
    ...(['priority', 'tier'] as const).flatMap((g) => [
      index(`cases_shop_ttfr_idx_by_${g}`)
        .on(t.shopId, t[g], sql`first_responded_at - created_at`, t.createdAt, t.firstRespondedAt, t.firstResponseDueAt)
        .where(sql`first_responded_at IS NOT NULL AND first_response_due_at IS NOT NULL`),
      index(`cases_shop_ttr_idx_by_${g}`)
        .on(t.shopId, t[g], sql`resolved_at - created_at`, t.createdAt, t.resolvedAt, t.firstResponseDueAt)
        .where(sql`resolved_at IS NOT NULL AND first_response_due_at IS NOT NULL`),
    ]),
    // The dashboard cache's fingerprint of a shop's cases (count, versions, update times).
    index('cases_shop_rev_idx').on(t.shopId, t.updatedAt, t.version),
    // The cron's resync of open cases that show no due time (src/sla/resync-sweep.ts): only those rows.
    index('cases_undue_open_idx')
      .on(t.createdAt)
      .where(sql`next_due_at IS NULL AND sla_paused_at IS NULL AND status NOT IN ('resolved','closed','rejected')`),
    index('cases_platform_ref_idx').on(t.shopId, t.platformRef),
    /** One case per Shopify return / Stripe dispute: a repeated webhook cannot open a second one. */
    uniqueIndex('cases_shop_platform_ref_uq').on(t.shopId, t.platformRef),
    /** One case per opening request: a double-clicked submit or a retried API call cannot open two. */
    uniqueIndex('cases_shop_request_key_uq').on(t.shopId, t.requestKey),
  ],
);

export const caseItems = sqliteTable(
  'case_items',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    caseId: text('case_id').notNull(),
    orderLineId: text('order_line_id'),
    platformLineId: text('platform_line_id'),
    sku: text('sku'),
    title: text('title'),
    quantity: integer('quantity').notNull(),
    reason: text('reason').notNull(),
    note: text('note'),
    /** Condition recorded on receipt: as_new, opened, used, damaged, missing. */
    condition: text('condition'),
    photoKeys: json<string[]>('photo_keys').notNull().default(sql`'[]'`),
    exchangeVariantId: text('exchange_variant_id'),
    unitPriceMinor: integer('unit_price_minor').notNull().default(0),
    refundMinor: integer('refund_minor').notNull().default(0),
    feeMinor: integer('fee_minor').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index('case_items_case_idx').on(t.shopId, t.caseId),
    // Covers the dashboard's reasons and money joins (no lookup into the item rows).
    index('case_items_case_cover_idx').on(
      t.shopId,
      t.caseId,
      t.reason,
      t.sku,
      t.quantity,
      t.orderLineId,
      t.title,
      t.unitPriceMinor,
    ),
    index('case_items_line_idx').on(t.shopId, t.orderLineId),
    index('case_items_sku_reason_idx').on(t.shopId, t.sku, t.reason),
  ],
);

export const caseEvents = sqliteTable(
  'case_events',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    caseId: text('case_id').notNull(),
    /** Domain event name: ReturnRequested, ReturnApproved, SlaBreached… */
    type: text('type').notNull(),
    /** Who: `shopper`, `agent:<name>`, `system`, `shopify`, `stripe`. */
    actor: text('actor').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    reason: text('reason'),
    data: json<Record<string, unknown>>('data').notNull().default(sql`'{}'`),
    visibleToShopper: integer('visible_to_shopper', { mode: 'boolean' }).notNull().default(false),
    at: integer('at').notNull(),
  },
  (t) => [index('case_events_case_idx').on(t.shopId, t.caseId, t.at)],
);

export const refunds = sqliteTable(
  'refunds',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    caseId: text('case_id'),
    orderId: text('order_id'),
    provider: text('provider', { enum: ['shopify', 'stripe', 'local'] }).notNull(),
    kind: text('kind', { enum: ['refund', 'store_credit'] })
      .notNull()
      .default('refund'),
    /** The provider's refund / gift card id once known. */
    providerRef: text('provider_ref'),
    /** Derived from the case and the resolution attempt: a retry can never pay twice. */
    idempotencyKey: text('idempotency_key').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: ['pending', 'succeeded', 'failed', 'canceled'] }).notNull(),
    failureReason: text('failure_reason'),
    platformUpdatedAt: integer('platform_updated_at').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('refunds_idempotency_uq').on(t.shopId, t.idempotencyKey),
    uniqueIndex('refunds_provider_ref_uq').on(t.shopId, t.provider, t.providerRef),
    index('refunds_case_idx').on(t.shopId, t.caseId),
    index('refunds_shop_created_idx').on(t.shopId, t.createdAt),
  ],
);

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

export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    caseId: text('case_id'),
    orderId: text('order_id'),
    /** Template name: return_confirmation, delay_notice, survey, sla_breach, data_export… */
    kind: text('kind').notNull(),
    channel: text('channel', { enum: ['email', 'webhook'] })
      .notNull()
      .default('email'),
    recipient: text('recipient').notNull(),
    locale: text('locale').notNull().default('en'),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html'),
    /** `sending`: claimed by a delivery job (a lease: reclaimable once `updated_at` is old). */
    status: text('status', { enum: ['queued', 'sending', 'sent', 'failed', 'cancelled'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    provider: text('provider'),
    providerId: text('provider_id'),
    lastError: text('last_error'),
    /** One message per business fact (e.g. `delay:<shipment>:<episode>`): insert-or-ignore. */
    dedupeKey: text('dedupe_key').notNull(),
    sendAfter: integer('send_after'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    sentAt: integer('sent_at'),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_uq').on(t.shopId, t.dedupeKey),
    index('notifications_shop_status_idx').on(t.shopId, t.status, t.createdAt),
    index('notifications_case_idx').on(t.shopId, t.caseId),
    index('notifications_status_idx').on(t.status, t.sendAfter),
  ],
);

export const surveys = sqliteTable(
  'surveys',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    orderId: text('order_id'),
    caseId: text('case_id'),
    /** `delivery:<order id>` or `case:<case id>`: one survey per subject. */
    subject: text('subject').notNull(),
    kind: text('kind', { enum: ['csat', 'nps', 'ces'] }).notNull(),
    status: text('status', { enum: ['scheduled', 'sent', 'answered', 'cancelled'] }).notNull(),
    recipient: text('recipient'),
    locale: text('locale').notNull().default('en'),
    dueAt: integer('due_at').notNull(),
    sentAt: integer('sent_at'),
    score: integer('score'),
    comment: text('comment'),
    answeredAt: integer('answered_at'),
    followUpCaseId: text('follow_up_case_id'),
    unsubscribed: integer('unsubscribed', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('surveys_subject_uq').on(t.shopId, t.subject),
    index('surveys_status_due_idx').on(t.status, t.dueAt),
    index('surveys_shop_answered_idx').on(t.shopId, t.answeredAt),
  ],
);

export const webhookEvents = sqliteTable(
  'webhook_events',
  {
    id: text('id').primaryKey(),
    source: text('source', { enum: ['shopify', 'stripe'] }).notNull(),
    /** `X-Shopify-Webhook-Id` or Stripe `event.id`. */
    deliveryId: text('delivery_id').notNull(),
    topic: text('topic').notNull(),
    /** Known at receipt for Shopify (header); resolved when applied for Stripe. */
    shopDomain: text('shop_domain'),
    shopId: text('shop_id'),
    headers: json<Record<string, string>>('headers').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['received', 'processed', 'failed', 'ignored'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    receivedAt: integer('received_at').notNull(),
    processedAt: integer('processed_at'),
    /** When the sweep last re-enqueued it (a stranded event is re-sent, not lost). */
    enqueuedAt: integer('enqueued_at'),
  },
  (t) => [
    uniqueIndex('webhook_events_delivery_uq').on(t.source, t.deliveryId),
    index('webhook_events_status_idx').on(t.status, t.receivedAt),
    index('webhook_events_shop_idx').on(t.shopId, t.status, t.receivedAt),
  ],
);

export const blocklistEntries = sqliteTable(
  'blocklist_entries',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    kind: text('kind', { enum: ['email', 'customer'] }).notNull(),
    value: text('value').notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('blocklist_shop_value_uq').on(t.shopId, t.kind, t.value)],
);

/** The merchant's taxonomy: free tags and return reason codes (with their rules in the policy). */
export const tags = sqliteTable(
  'tags',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    kind: text('kind', { enum: ['tag', 'reason'] }).notNull(),
    code: text('code').notNull(),
    label: text('label').notNull(),
    labels: json<Record<string, string>>('labels').notNull().default(sql`'{}'`),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tags_shop_kind_code_uq').on(t.shopId, t.kind, t.code)],
);

/** Per-shop overrides of the Liquid templates in `templates/`. */
export const messageTemplates = sqliteTable(
  'message_templates',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    name: text('name').notNull(),
    locale: text('locale').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('message_templates_uq').on(t.shopId, t.name, t.locale)],
);

/** Work due later than a queue delay allows; the cron sweep enqueues it when due. */
export const scheduledJobs = sqliteTable(
  'scheduled_jobs',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    kind: text('kind').notNull(),
    payload: json<Record<string, unknown>>('payload').notNull(),
    dueAt: integer('due_at').notNull(),
    status: text('status', { enum: ['pending', 'enqueued', 'done', 'cancelled', 'failed'] }).notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('scheduled_jobs_dedupe_uq').on(t.shopId, t.dedupeKey),
    index('scheduled_jobs_due_idx').on(t.status, t.dueAt),
    index('scheduled_jobs_shop_idx').on(t.shopId, t.status),
  ],
);

/** A recipient who asked for no more surveys from a shop (the link in every survey email). */
export const unsubscribes = sqliteTable(
  'unsubscribes',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    /** Lower-cased email address. */
    recipient: text('recipient').notNull(),
    /** What they opted out of: `surveys` today. */
    scope: text('scope').notNull().default('surveys'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('unsubscribes_uq').on(t.shopId, t.recipient, t.scope)],
);

/** Jobs that failed (retrying) or exhausted their retries (dead), with the last error, for the admin. */
export const jobFailures = sqliteTable(
  'job_failures',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id'),
    /** The job's idempotency key (`deliver-notification:<shop>:<dedupe>`…): one row per job. */
    jobKey: text('job_key').notNull(),
    kind: text('kind').notNull(),
    payload: json<Record<string, unknown>>('payload').notNull(),
    status: text('status', { enum: ['retrying', 'dead', 'resolved'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('job_failures_key_uq').on(t.jobKey),
    index('job_failures_shop_status_idx').on(t.shopId, t.status, t.updatedAt),
  ],
);

/**
 * The dashboard's reasons per UTC day of case creation (src/admin/metrics/reason-queries.ts), so a
 * range over 100,000 cases sums a few thousand rows instead of joining every case to its items.
 * Kept by SQLite triggers (src/db/reason-days.ts, appended to the migration by `npm run db:generate`)
 * on cases, case_items and order_lines: every write, by any path, updates it in the same statement,
 * so it cannot drift from the live join. `dim`: `sku` (key = sku, reason), `product` (key = product),
 * `reason` (key = reason), `title` (key = product, reason = a title; quantity = items carrying it).
 * `cases` counts distinct cases, exact when summed over days because a case belongs to one day.
 * Declared last on purpose: shop/redact deletes shop tables in this order, and the triggers fire on
 * the deletes of cases, items and lines before this table's rows go.
 */
export const caseReasonDays = sqliteTable(
  'case_reason_days',
  {
    shopId: text('shop_id').notNull(),
    dim: text('dim', { enum: ['sku', 'product', 'reason', 'title'] }).notNull(),
    /** floor(cases.created_at / 86,400,000): the UTC day; ranges' partial days are computed live. */
    day: integer('day').notNull(),
    key: text('key').notNull(),
    reason: text('reason').notNull().default(''),
    quantity: integer('quantity').notNull().default(0),
    cases: integer('cases').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.dim, t.day, t.key, t.reason] })],
);

/**
 * The dashboard's SLA counts per UTC day of case creation, priority and tier, for cases that ran an
 * SLA clock (first_response_due_at set): the per-case 0/1 flags `targetCountsSql` (src/sla/metrics.ts)
 * sums, summed per day. Kept by triggers on cases (src/db/sla-days.ts) in the same statement as
 * every write, the CaseClock's mirror included; the range's partial days are read live. Durations'
 * percentiles are not summable and stay index walks. After `cases` for shop/redact, like the table above.
 */
export const caseSlaDays = sqliteTable(
  'case_sla_days',
  {
    shopId: text('shop_id').notNull(),
    day: integer('day').notNull(),
    priority: text('priority').notNull(),
    tier: integer('tier').notNull(),
    cases: integer('cases').notNull().default(0),
    /** cases.breached: any target missed (the dashboard's compliance). */
    breached: integer('breached').notNull().default(0),
    frMet: integer('fr_met').notNull().default(0),
    frBreached: integer('fr_breached').notNull().default(0),
    nuMet: integer('nu_met').notNull().default(0),
    nuBreached: integer('nu_breached').notNull().default(0),
    nuApplicable: integer('nu_applicable').notNull().default(0),
    resMet: integer('res_met').notNull().default(0),
    resBreached: integer('res_breached').notNull().default(0),
    ttfrN: integer('ttfr_n').notNull().default(0),
    ttrN: integer('ttr_n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.day, t.priority, t.tier] })],
);

/**
 * The dashboard's money kept per UTC day of case creation and currency (`moneyKept` in
 * src/admin/metrics/queries.ts): over resolved and closed cases, the fees and the value of exchanged
 * items. Kept by triggers on cases and case_items (src/db/money-days.ts); partial days read live.
 * After `cases` and `case_items` for shop/redact, like the two tables above.
 */
export const caseMoneyDays = sqliteTable(
  'case_money_days',
  {
    shopId: text('shop_id').notNull(),
    day: integer('day').notNull(),
    currency: text('currency').notNull(),
    /** Resolved or closed cases counted (a currency shows while any is). */
    cases: integer('cases').notNull().default(0),
    exchangedMinor: integer('exchanged_minor').notNull().default(0),
    feesMinor: integer('fees_minor').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.day, t.currency] })],
);
