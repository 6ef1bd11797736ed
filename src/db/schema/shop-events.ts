/**
 * The shop's own audit trail: each change a merchant (or the operator, or the system on their
 * behalf) makes to the shop's configuration, written in the same batch as the change
 * (src/db/shop-event-rows.ts). Case changes have theirs in `case_events`.
 */
import { desc } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { json } from './columns';

export const shopEvents = sqliteTable(
  'shop_events',
  {
    id: text('id').primaryKey(),
    shopId: text('shop_id').notNull(),
    /** One of `shopEventTypes` (src/db/shop-event-types.ts). */
    type: text('type').notNull(),
    /** A member id, `operator`, `installer` or `system`. */
    actor: text('actor').notNull(),
    at: integer('at').notNull(),
    /** What changed: `{ changes: { field: { from, to } } }` plus what names the thing; never a secret. */
    data: json<Record<string, unknown>>('data').notNull(),
  },
  (t) => [index('shop_events_shop_at_idx').on(t.shopId, desc(t.at), desc(t.id))],
);
