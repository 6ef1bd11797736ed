/**
 * The help center's per-shop procedures (a checklist for each kind of case) and the outcome of each
 * deflection step (answers shown before a contact message or a return: answered, or went on).
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, json, updatedAt } from './columns';

/** One step: a stable id (`<procedure key>.<step>`, what ticks and skips refer to) and its words by language. */
export interface ProcedureStepRecord {
  id: string;
  labels: Record<string, string>;
}

/**
 * A shop's checklist for cases of some types (and, optionally, only some return reasons). A new shop
 * gets the starter set (src/help/starter-procedures.ts) and a manager edits it from there.
 */
export const procedures = sqliteTable(
  'procedures',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    /** Stable per shop (`damaged`); every step id starts with it. */
    key: text('key').notNull(),
    /** The procedure's name by language. */
    titles: json<Record<string, string>>('titles').notNull(),
    caseTypes: json<string[]>('case_types').notNull(),
    /** Return reason codes it applies to; empty: every case of those types. */
    reasons: json<string[]>('reasons').notNull().default(sql`'[]'`),
    steps: json<ProcedureStepRecord[]>('steps').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('procedures_shop_key_uq').on(t.shopId, t.key)],
);

export const deflectionChannels = ['contact', 'return', 'help'] as const;
/** `shown`: the answers were put first and nothing followed yet (a shopper who leaves stays here). */
export const deflectionOutcomes = ['shown', 'answered', 'continued'] as const;

/**
 * One row per question (a visit id carried in the forms): created when answers are shown first,
 * then moved to `answered` ("This answered my question") or `continued` ("I still want to send it",
 * or the case opened). `continued` is final: an answered question that went on after all is not
 * deflected. Deflection on the dashboard = questions in the range whose outcome is not `continued`.
 */
export const deflections = sqliteTable(
  'deflections',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    visit: text('visit').notNull(),
    channel: text('channel', { enum: deflectionChannels }).notNull(),
    outcome: text('outcome', { enum: deflectionOutcomes }).notNull().default('shown'),
    locale: text('locale').notNull(),
    /** The return reasons the answers were chosen for (comma-separated); null for a typed question. */
    reason: text('reason'),
    /** How many articles were shown first. */
    articles: integer('articles').notNull().default(0),
    /** The case opened when the shopper went on (null until then, or when it opened none). */
    caseId: text('case_id'),
    createdAt: createdAt(),
    decidedAt: integer('decided_at'),
  },
  (t) => [
    uniqueIndex('deflections_shop_visit_uq').on(t.shopId, t.visit),
    index('deflections_shop_created_idx').on(t.shopId, t.createdAt),
  ],
);
