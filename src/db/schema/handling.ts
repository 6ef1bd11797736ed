/**
 * Per-day rollups of how cases were handled and by whom (src/db/handling-days.ts): the weekly
 * review's first-contact resolution and handling times, and each member's figures, summed from a
 * few rows per day instead of read from every case. Kept by triggers on cases, case_events and
 * surveys in the same statement as the write. Keyed like the other rollups by the UTC day the case
 * was opened, plus the member working it (`''`: unassigned). Declared after cases and surveys for
 * shop/redact's delete order (see rollups.ts).
 */
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const caseHandlingDays = sqliteTable(
  'case_handling_days',
  {
    shopId: text('shop_id').notNull(),
    /** floor(cases.created_at / 86,400,000). */
    day: integer('day').notNull(),
    /** cases.assignee_id, '' when unassigned. */
    member: text('member').notNull(),
    cases: integer('cases').notNull().default(0),
    /** Resolved or closed (resolved_at or closed_at set). */
    done: integer('done').notNull().default(0),
    /** Done, never reopened, with at most one reply to the customer (`firstContactResolvedSql`). */
    firstContact: integer('first_contact').notNull().default(0),
    /** Cases reopened at least once. */
    reopened: integer('reopened').notNull().default(0),
    /** Replies to the customer (ReplySent, InfoRequested). */
    replies: integer('replies').notNull().default(0),
    slaCases: integer('sla_cases').notNull().default(0),
    breached: integer('breached').notNull().default(0),
    firstReplyN: integer('first_reply_n').notNull().default(0),
    firstReplyMs: integer('first_reply_ms').notNull().default(0),
    resolutionN: integer('resolution_n').notNull().default(0),
    resolutionMs: integer('resolution_ms').notNull().default(0),
    /** CSAT answers on these cases: count, score sum, satisfied (4–5). */
    csatN: integer('csat_n').notNull().default(0),
    csatSum: integer('csat_sum').notNull().default(0),
    csatSatisfied: integer('csat_satisfied').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.day, t.member] })],
);

/**
 * Durations as histograms (`metric`: `first_reply` or `resolution`; `bucket`: index into
 * `DURATION_BUCKETS_MIN`), so a median or 90th percentile over any days and members is a sum of
 * counts: exact to the bucket, placed inside it at the bucket's mean.
 */
export const caseTimeDays = sqliteTable(
  'case_time_days',
  {
    shopId: text('shop_id').notNull(),
    day: integer('day').notNull(),
    member: text('member').notNull(),
    metric: text('metric', { enum: ['first_reply', 'resolution'] }).notNull(),
    bucket: integer('bucket').notNull(),
    n: integer('n').notNull().default(0),
    /** The durations' sum: a bucket's mean places its percentiles inside it. */
    ms: integer('ms').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.day, t.member, t.metric, t.bucket] })],
);
