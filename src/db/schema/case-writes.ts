/** A per-shop count of case writes, kept by triggers (src/db/case-writes.ts). */
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * How many times any of a shop's cases was inserted, updated or deleted: the dashboard cache's
 * fingerprint (src/admin/metrics/case-figures.ts), read as one primary-key row instead of summing
 * every case's version. Bumped by triggers on `cases` in the same statement as the write, whoever
 * writes (src/db/triggers.ts). No row: no case written since the table exists.
 */
export const caseWriteCounts = sqliteTable('case_write_counts', {
  shopId: text('shop_id').primaryKey(),
  writes: integer('writes').notNull().default(0),
});
