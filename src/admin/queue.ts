import * as z from 'zod';
import { caseStatuses, caseTypes, priorities } from '../db/schema';
import type { Services } from '../services';

/**
 * The case queue read model: open cases by next SLA due time, with filters and search. Each shape
 * of query starts from a `(shop_id, …)` index so it stays fast at 100,000 cases (queue-plan.test.ts
 * checks the plans):
 * - default / type / priority / tier / tag: cases_shop_due_idx (shop_id, next_due_at), walked in order
 * - status: cases_shop_status_due_idx (shop_id, status, next_due_at)
 * - breached: cases_shop_breached_idx (shop_id, breached, next_due_at)
 * - search: orders_shop_name_idx / orders_shop_email_idx → cases_shop_order_idx, and cases_shop_number_uq,
 *   then the few matches sorted
 * Cases with nothing due (next_due_at NULL) follow the due ones, newest first.
 */
export const CLOSED_STATUSES = ['resolved', 'closed', 'rejected'] as const;

export const queueQuerySchema = z.object({
  status: z.union([z.enum(caseStatuses), z.literal('open'), z.literal('all')]).default('open'),
  type: z.enum(caseTypes).optional(),
  priority: z.enum(priorities).optional(),
  tier: z.coerce.number().int().min(1).max(3).optional(),
  tag: z.string().trim().min(1).max(64).optional(),
  breached: z.enum(['true', 'false']).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type QueueQuery = z.infer<typeof queueQuerySchema>;

export interface QueueRow {
  id: string;
  number: number;
  type: string;
  status: string;
  priority: string;
  tier: number;
  tags: string[];
  breached: boolean;
  breaches: string[];
  nextDueAt: number | null;
  firstResponseDueAt: number | null;
  nextUpdateDueAt: number | null;
  resolutionDueAt: number | null;
  createdAt: number;
  orderName: string | null;
  email: string | null;
}

export const PAGE_SIZE = 50;

interface Built {
  from: string;
  where: string;
  params: unknown[];
}

function build(shopId: string, q: QueueQuery): Built {
  const where = ['c.shop_id = ?1'];
  const params: unknown[] = [shopId];
  let from = 'cases c';
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replaceAll('?', `?${params.length}`));
  };
  if (q.status === 'open') where.push(`c.status NOT IN ('resolved','closed','rejected')`);
  else if (q.status !== 'all') add('c.status = ?', q.status);
  if (q.type) add('c.type = ?', q.type);
  if (q.priority) add('c.priority = ?', q.priority);
  if (q.tier) add('c.tier = ?', q.tier);
  if (q.breached) add('c.breached = ?', q.breached === 'true' ? 1 : 0);
  if (q.tag) add('EXISTS (SELECT 1 FROM json_each(c.tags) WHERE value = ?)', q.tag);
  if (q.q) {
    const text = q.q;
    const number = /^(?:R-?)?(\d{1,9})$/i.exec(text)?.[1];
    const orderName = text.startsWith('#') ? text : number ? `#${number}` : text;
    params.push(orderName, text.toLowerCase());
    const [on, em] = [params.length - 1, params.length];
    // A UNION of index lookups (order name, order email, case number), joined FIRST (CROSS JOIN
    // fixes SQLite's join order) so the plan starts from the few matching cases instead of
    // filtering the shop's whole due-order walk.
    const byOrder = (col: string, p: number) => `SELECT id FROM cases WHERE shop_id = ?1 AND order_id IN (SELECT id FROM orders WHERE shop_id = ?1 AND ${col} = ?${p})`;
    const parts = [byOrder('name', on), byOrder('email', em)];
    if (number && !text.startsWith('#')) {
      params.push(Number(number));
      parts.push(`SELECT id FROM cases WHERE shop_id = ?1 AND number = ?${params.length}`);
    }
    from = `(${parts.join(' UNION ')}) AS m CROSS JOIN cases c ON c.id = m.id`;
  }
  return { from, where: where.join(' AND '), params };
}

const columns = `c.id, c.number, c.type, c.status, c.priority, c.tier, c.tags, c.breached, c.breaches, c.next_due_at, c.first_response_due_at,
  c.next_update_due_at, c.resolution_due_at, c.created_at, o.name AS order_name, o.email AS email`;

/** The SQL for the due part and the nothing-due part (exported for the query-plan test). */
export function queueSql(shopId: string, q: QueueQuery, limit: number, offset: number) {
  const { from, where, params } = build(shopId, q);
  const join = 'LEFT JOIN orders o ON o.id = c.order_id';
  return {
    due: { sql: `SELECT ${columns} FROM ${from} ${join} WHERE ${where} AND c.next_due_at IS NOT NULL ORDER BY c.next_due_at LIMIT ${limit} OFFSET ${offset}`, params },
    dueCount: { sql: `SELECT COUNT(*) AS n FROM ${from} WHERE ${where} AND c.next_due_at IS NOT NULL`, params },
    undue: (l: number, o: number) => ({ sql: `SELECT ${columns} FROM ${from} ${join} WHERE ${where} AND c.next_due_at IS NULL ORDER BY c.created_at DESC LIMIT ${l} OFFSET ${o}`, params }),
  };
}

type Raw = Record<string, unknown>;
const toRow = (r: Raw): QueueRow => ({
  id: String(r.id),
  number: Number(r.number),
  type: String(r.type),
  status: String(r.status),
  priority: String(r.priority),
  tier: Number(r.tier),
  tags: JSON.parse(String(r.tags ?? '[]')) as string[],
  breached: Number(r.breached) === 1,
  breaches: JSON.parse(String(r.breaches ?? '[]')) as string[],
  nextDueAt: r.next_due_at === null ? null : Number(r.next_due_at),
  firstResponseDueAt: r.first_response_due_at === null ? null : Number(r.first_response_due_at),
  nextUpdateDueAt: r.next_update_due_at === null ? null : Number(r.next_update_due_at),
  resolutionDueAt: r.resolution_due_at === null ? null : Number(r.resolution_due_at),
  createdAt: Number(r.created_at),
  orderName: (r.order_name as string | null) ?? null,
  email: (r.email as string | null) ?? null,
});

/** One page of the queue; `more` says whether another page follows. */
export async function listQueue(s: Services, shopId: string, q: QueueQuery): Promise<{ rows: QueueRow[]; more: boolean }> {
  const d1 = s.d1(shopId);
  const offset = (q.page - 1) * PAGE_SIZE;
  const sql = queueSql(shopId, q, PAGE_SIZE + 1, offset);
  const due = (await d1.prepare(sql.due.sql).bind(...sql.due.params).all<Raw>()).results;
  let rows = due;
  if (due.length <= PAGE_SIZE) {
    // Past the due cases: how far into the nothing-due ones this page starts.
    const dueTotal = offset === 0 ? due.length : Number((await d1.prepare(sql.dueCount.sql).bind(...sql.dueCount.params).first<Raw>())?.n ?? 0);
    const start = Math.max(0, offset - dueTotal);
    const undue = sql.undue(PAGE_SIZE + 1 - due.length, start);
    rows = [...due, ...(await d1.prepare(undue.sql).bind(...undue.params).all<Raw>()).results];
  }
  return { rows: rows.slice(0, PAGE_SIZE).map(toRow), more: rows.length > PAGE_SIZE };
}
