/** Per-day rollups kept by triggers (src/db/*-days.ts) for the dashboard. */
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
