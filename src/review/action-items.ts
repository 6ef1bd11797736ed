/**
 * Action items opened from a review line, and how each one stands in a given week: the figure that
 * triggered it (`baseline`, the line's quantity in the week it was opened) beside that week's value.
 */
import { z } from 'zod';
import type { Services } from '../services';
import { parseIsoWeek } from './week';

export const actionItemInput = z.object({
  title: z.string().trim().min(1).max(200),
  owner: z.string().trim().min(1).max(120),
  due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
  sku: z.string().trim().min(1).max(120).nullish(),
  reason: z.string().trim().min(1).max(80),
  week: z.string().refine((w) => parseIsoWeek(w) !== null, 'an ISO week YYYY-Www'),
  baseline: z.coerce.number().int().min(0),
});
export type ActionItemInput = z.infer<typeof actionItemInput>;

export interface ActionItem {
  id: string;
  title: string;
  owner: string;
  due: string;
  status: 'open' | 'closed';
  sku: string | null;
  reason: string;
  week: string;
  baseline: number;
  createdAt: number;
  closedAt: number | null;
}

/** An action item in a review: `current` is its line's quantity in the reviewed week. */
export type ReviewedActionItem = ActionItem & { current: number };

type ActionRow = Omit<ActionItem, 'createdAt' | 'closedAt'> & { created_at: number; closed_at: number | null };
const columns = `id, title, owner, due, status, sku, reason, week, baseline, created_at, closed_at`;
const fromRow = ({ created_at, closed_at, ...r }: ActionRow): ActionItem => ({
  ...r,
  createdAt: created_at,
  closedAt: closed_at,
});

export async function openActionItem(s: Services, shopId: string, input: ActionItemInput): Promise<ActionItem> {
  const id = s.newId('act');
  const now = s.clock.now();
  await s
    .d1(shopId)
    .prepare(
      `INSERT INTO action_items (id, shop_id, title, owner, due, status, sku, reason, week, baseline, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, 'open', ?6, ?7, ?8, ?9, ?10)`,
    )
    .bind(
      id,
      shopId,
      input.title,
      input.owner,
      input.due,
      input.sku ?? null,
      input.reason,
      input.week,
      input.baseline,
      now,
    )
    .run();
  return { ...input, sku: input.sku ?? null, id, status: 'open', createdAt: now, closedAt: null };
}

/** Closes an open item; false when there is no such open item in this shop. */
export async function closeActionItem(s: Services, shopId: string, id: string): Promise<boolean> {
  const r = await s
    .d1(shopId)
    .prepare(
      `UPDATE action_items SET status = 'closed', closed_at = ?3 WHERE shop_id = ?1 AND id = ?2 AND status = 'open'`,
    )
    .bind(shopId, id, s.clock.now())
    .run();
  return r.meta.changes > 0;
}

/**
 * The items a review of `week` shows: opened from that week's review or an earlier one (ISO week
 * labels sort as text) and not closed before the week began.
 */
export async function actionItemsFor(d1: D1Database, shopId: string, week: string, weekStart: number) {
  const rows = await d1
    .prepare(
      `SELECT ${columns} FROM action_items WHERE shop_id = ?1 AND week <= ?2 AND (closed_at IS NULL OR closed_at >= ?3)
       ORDER BY status = 'closed', due, created_at LIMIT 200`,
    )
    .bind(shopId, week, weekStart)
    .all<ActionRow>();
  return rows.results.map(fromRow);
}

/** Each item with its line's quantity this week: the SKU and reason's, or the reason's over every SKU. */
export function withCurrentFigures(
  items: ActionItem[],
  problems: Array<{ sku: string; reason: string; quantity: number }>,
): ReviewedActionItem[] {
  return items.map((item) => ({
    ...item,
    current: problems
      .filter((p) => p.reason === item.reason && (item.sku === null || p.sku === item.sku))
      .reduce((a, p) => a + p.quantity, 0),
  }));
}
