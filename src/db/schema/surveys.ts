/** Surveys and the addresses that asked for no more. */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './columns';

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
