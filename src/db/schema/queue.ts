/** Stored webhook events, work due later, and jobs that failed. */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt, json } from './columns';

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
