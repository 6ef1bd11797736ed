/** Customer records merged into one (src/conversations/merge-customers.ts): the trail and the forwarding address. */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';

export const customerMerges = sqliteTable(
  'customer_merges',
  {
    /** The merged (removed) customer's id: merged once, so this row is also what makes a repeat a no-op. */
    mergedId: text('merged_id').primaryKey(),
    shopId: text('shop_id').notNull(),
    survivorId: text('survivor_id').notNull(),
    /** Why they are one person, e.g. `shopify:gid://shopify/Customer/1` or `email:x@y`. */
    reason: text('reason').notNull(),
    mergedEmail: text('merged_email'),
    casesMoved: integer('cases_moved').notNull(),
    messagesMoved: integer('messages_moved').notNull(),
    actor: text('actor').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('customer_merges_survivor_idx').on(t.shopId, t.survivorId)],
);
