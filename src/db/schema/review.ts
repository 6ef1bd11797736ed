/** The weekly review, its action items, and the early warnings with their detectors' state. */
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, json } from './columns';

/**
 * One review per shop and ISO week (`2026-W49`), computed once from the per-day rollups
 * (src/review/review-store.ts) and kept: `INSERT OR IGNORE` on the unique key, so duplicate cron
 * runs and a racing on-demand read leave one row.
 */
export const weeklyReviews = sqliteTable(
  'weekly_reviews',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    week: text('week').notNull(),
    /** The `WeeklyReview` document (src/review/figures.ts). */
    document: json<Record<string, unknown>>('document').notNull(),
    computedAt: integer('computed_at').notNull(),
    /** When the review email was queued (null: not yet, or no recipients). */
    emailedAt: integer('emailed_at'),
  },
  (t) => [uniqueIndex('weekly_reviews_shop_week_uq').on(t.shopId, t.week)],
);

/**
 * A decision taken on a review line ("supplier: check stitching on TEE-NVY-M"): who, by when, and
 * the figure that triggered it, so every following review shows it beside that week's value.
 */
export const actionItems = sqliteTable(
  'action_items',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    title: text('title').notNull(),
    owner: text('owner').notNull(),
    /** YYYY-MM-DD in the shop's zone. */
    due: text('due').notNull(),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    /** The review line: a SKU (null for a reason line) and a reason. */
    sku: text('sku'),
    reason: text('reason').notNull(),
    /** The week the line came from and its quantity that week. */
    week: text('week').notNull(),
    baseline: integer('baseline').notNull(),
    createdAt: createdAt(),
    closedAt: integer('closed_at'),
  },
  (t) => [index('action_items_shop_status_idx').on(t.shopId, t.status, t.createdAt)],
);

/** Early warnings, one row per episode (src/review/warnings.ts). */
export const alerts = sqliteTable(
  'alerts',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    /** `sku`, `product`, `reason`, `shop`. */
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    metric: text('metric').notNull(),
    observed: real('observed'),
    expected: real('expected'),
    /** The UTC day the detector tripped on (with kind, subject and metric: one alert per episode). */
    openedDay: integer('opened_day').notNull(),
    openedAt: integer('opened_at').notNull(),
    closedAt: integer('closed_at'),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
  },
  (t) => [
    uniqueIndex('alerts_episode_uq').on(t.shopId, t.kind, t.subject, t.metric, t.openedDay),
    index('alerts_shop_opened_idx').on(t.shopId, t.openedAt),
  ],
);

/** Each detector's state after `last_day` (UTC days): the next tick evaluates only the days after. */
export const detectorStates = sqliteTable(
  'detector_states',
  {
    shopId: text('shop_id').notNull(),
    subject: text('subject').notNull(),
    metric: text('metric').notNull(),
    state: json<Record<string, unknown>>('state').notNull(),
    lastDay: integer('last_day').notNull(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.subject, t.metric] })],
);
