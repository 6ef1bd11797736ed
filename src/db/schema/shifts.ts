/** Shift starts the dispatcher has drained the queue for (src/team/shift-drain.ts). */
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One row per member and shift start: the cron tick that inserts it (INSERT OR IGNORE) is the one
 * that drains the unassigned queue, so a member's shift start drains once however many ticks see it.
 */
export const shiftDrains = sqliteTable(
  'shift_drains',
  {
    shopId: text('shop_id').notNull(),
    memberId: text('member_id').notNull(),
    /** The instant the shift began (epoch ms). */
    shiftStart: integer('shift_start').notNull(),
    drainedAt: integer('drained_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.memberId, t.shiftStart] })],
);
