/** Cases, their items, the audit trail (case events) and money movements. */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { caseStatuses, caseTypes, priorities, terminalStatuses } from '../../cases/vocabulary';
import { sqlInList } from '../../lib/sql-list';
import { createdAt, updatedAt, json } from './columns';

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
    source: text('source', { enum: ['portal', 'shopify', 'admin', 'stripe', 'survey', 'email'] }).notNull(),
    resolution: text('resolution', { enum: ['refund', 'store_credit', 'exchange', 'keep', 'repair'] }),
    method: text('method', { enum: ['pickup', 'drop_off', 'none'] }),
    /** Shopify Return gid when mirrored, Stripe dispute id for disputes. */
    platformRef: text('platform_ref'),
    /** The opening request's idempotency key (a shopper draft's MAC, an API Idempotency-Key). */
    requestKey: text('request_key'),
    /** What the routing rules named (`team:warranty`, an address); a hint, not a person. */
    assignee: text('assignee'),
    /** The member working the case (`mem_…`), set by the dispatcher or a manual assign; null = unassigned. */
    assigneeId: text('assignee_id'),
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
    /** Replies to the customer (ReplySent, InfoRequested) and reopenings, counted by triggers (src/db/handling-days.ts). */
    agentReplies: integer('agent_replies').notNull().default(0),
    reopens: integer('reopens').notNull().default(0),
    /** Since when the resolution clock alone is held: the return's parcel is with the shopper or the carrier. */
    slaResolutionHeldAt: integer('sla_resolution_held_at'),
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
    // The cron's resync of open cases that show no due time (src/sla/resync-sweep.ts): only those rows.
    index('cases_undue_open_idx')
      .on(t.createdAt)
      .where(
        sql`next_due_at IS NULL AND sla_paused_at IS NULL AND status NOT IN ${sql.raw(sqlInList(terminalStatuses))}`,
      ),
    // "Mine", "Unassigned", a member's load: open cases by assignee.
    index('cases_shop_assignee_idx').on(t.shopId, t.assigneeId, t.status),
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
