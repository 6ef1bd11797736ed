import * as z from 'zod';
import { caseStatuses, caseTypes, priorities, terminalStatuses } from '../cases/vocabulary';
import { sqlInList } from '../lib/sql-list';
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
 * The JSON list (`GET /api/admin/cases`, src/admin/case-queries.ts#listCases) runs this same query
 * through `queuePage` with its own filters (status lists, limit/offset), so both stay on the index.
 */
export const queueViews = ['all', 'mine', 'unassigned', 'team'] as const;

export const queueQuerySchema = z.object({
  status: z.union([z.enum(caseStatuses), z.literal('open'), z.literal('all')]).default('open'),
  type: z.enum(caseTypes).optional(),
  priority: z.enum(priorities).optional(),
  tier: z.coerce.number().int().min(1).max(3).optional(),
  tag: z.string().trim().min(1).max(64).optional(),
  breached: z.enum(['true', 'false']).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  /** Whose cases: everyone's, mine, unassigned, or my team's (src/admin/queue-views.ts). */
  view: z.enum(queueViews).default('all'),
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
  /** The member working the case, or null. */
  assignee: string | null;
}

export const PAGE_SIZE = 50;

/** What both the queue screen and the JSON list filter on (lists are ORed, filters ANDed). */
export interface QueueFilter {
  /** `open` = not resolved/closed/rejected; `all`; or any of these statuses. */
  status: 'open' | 'all' | readonly string[];
  type?: readonly string[] | undefined;
  priority?: readonly string[] | undefined;
  tier?: number | undefined;
  tag?: string | undefined;
  breached?: boolean | undefined;
  q?: string | undefined;
  /** A member id, or null for the unassigned cases. */
  assignee?: string | null | undefined;
  /** Assigned to any of these members (a team); an empty list matches nothing. */
  assigneeIn?: readonly string[] | undefined;
}

export function queueFilter(q: QueueQuery): QueueFilter {
  return {
    status: q.status === 'open' || q.status === 'all' ? q.status : [q.status],
    type: q.type ? [q.type] : undefined,
    priority: q.priority ? [q.priority] : undefined,
    tier: q.tier,
    tag: q.tag,
    q: q.q,
    breached: q.breached === undefined ? undefined : q.breached === 'true',
  };
}

interface Built {
  from: string;
  where: string;
  params: unknown[];
}

function build(shopId: string, q: QueueFilter): Built {
  const where = ['c.shop_id = ?1'];
  const params: unknown[] = [shopId];
  let from = 'cases c';
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replaceAll('?', `?${params.length}`));
  };
  // One value is an equality (an index prefix); several are an IN list filtered along the walk.
  const oneOf = (col: string, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    if (values.length === 1) return add(`${col} = ?`, values[0]);
    const first = params.length + 1;
    params.push(...values);
    where.push(`${col} IN (${values.map((_, i) => `?${first + i}`).join(', ')})`);
  };
  if (q.status === 'open') where.push(`c.status NOT IN ${sqlInList(terminalStatuses)}`);
  else if (q.status !== 'all') oneOf('c.status', q.status);
  oneOf('c.type', q.type);
  oneOf('c.priority', q.priority);
  if (q.tier) add('c.tier = ?', q.tier);
  if (q.breached !== undefined) add('c.breached = ?', q.breached ? 1 : 0);
  if (q.assignee === null) where.push('c.assignee_id IS NULL');
  else if (q.assignee) add('c.assignee_id = ?', q.assignee);
  if (q.assigneeIn && q.assigneeIn.length === 0) where.push('0');
  else if (q.assigneeIn) oneOf('c.assignee_id', q.assigneeIn);
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
    const byOrder = (col: string, p: number) =>
      `SELECT id FROM cases WHERE shop_id = ?1 AND order_id IN (SELECT id FROM orders WHERE shop_id = ?1 AND ${col} = ?${p})`;
    params.push(text);
    const exact = params.length;
    // Also a case id, or an exact SKU (case_items_sku_reason_idx).
    const parts = [
      byOrder('name', on),
      byOrder('email', em),
      `SELECT id FROM cases WHERE id = ?${exact} AND shop_id = ?1`,
      `SELECT case_id AS id FROM case_items WHERE shop_id = ?1 AND sku = ?${exact}`,
    ];
    if (number && !text.startsWith('#')) {
      params.push(Number(number));
      parts.push(`SELECT id FROM cases WHERE shop_id = ?1 AND number = ?${params.length}`);
    }
    from = `(${parts.join(' UNION ')}) AS m CROSS JOIN cases c ON c.id = m.id`;
  }
  return { from, where: where.join(' AND '), params };
}

const columns = `c.id, c.number, c.type, c.status, c.priority, c.tier, c.tags, c.breached, c.breaches, c.next_due_at, c.first_response_due_at,
  c.next_update_due_at, c.resolution_due_at, c.created_at, o.name AS order_name, o.email AS email, c.assignee_id`;

/** The SQL for the due part and the nothing-due part (exported for the query-plan test). */
export function queueSql(shopId: string, q: QueueQuery, limit: number, offset: number) {
  return filterSql(shopId, queueFilter(q), limit, offset);
}

export function filterSql(shopId: string, q: QueueFilter, limit: number, offset: number) {
  const { from, where, params } = build(shopId, q);
  const join = 'LEFT JOIN orders o ON o.id = c.order_id';
  return {
    due: {
      sql: `SELECT ${columns} FROM ${from} ${join} WHERE ${where} AND c.next_due_at IS NOT NULL ORDER BY c.next_due_at LIMIT ${limit} OFFSET ${offset}`,
      params,
    },
    dueCount: { sql: `SELECT COUNT(*) AS n FROM ${from} WHERE ${where} AND c.next_due_at IS NOT NULL`, params },
    undue: (l: number, o: number) => ({
      sql: `SELECT ${columns} FROM ${from} ${join} WHERE ${where} AND c.next_due_at IS NULL ORDER BY c.created_at DESC LIMIT ${l} OFFSET ${o}`,
      params,
    }),
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
  assignee: (r.assignee_id as string | null) ?? null,
});

/** `limit` rows from `offset` in queue order (due first, then nothing due); `more` if any follow. */
export async function queuePage(
  s: Services,
  shopId: string,
  f: QueueFilter,
  limit: number,
  offset: number,
): Promise<{ rows: QueueRow[]; more: boolean }> {
  const d1 = s.d1(shopId);
  const sql = filterSql(shopId, f, limit + 1, offset);
  const due = (
    await d1
      .prepare(sql.due.sql)
      .bind(...sql.due.params)
      .all<Raw>()
  ).results;
  let rows = due;
  if (due.length <= limit) {
    // Past the due cases: how far into the nothing-due ones this page starts.
    const dueTotal =
      offset === 0
        ? due.length
        : Number(
            (
              await d1
                .prepare(sql.dueCount.sql)
                .bind(...sql.dueCount.params)
                .first<Raw>()
            )?.n ?? 0,
          );
    const start = Math.max(0, offset - dueTotal);
    const undue = sql.undue(limit + 1 - due.length, start);
    rows = [
      ...due,
      ...(
        await d1
          .prepare(undue.sql)
          .bind(...undue.params)
          .all<Raw>()
      ).results,
    ];
  }
  return { rows: rows.slice(0, limit).map(toRow), more: rows.length > limit };
}

/** One page of the queue screen; `whose` narrows it to a view's assignees (src/admin/queue-views.ts). */
export function listQueue(
  s: Services,
  shopId: string,
  q: QueueQuery,
  whose: Pick<QueueFilter, 'assignee' | 'assigneeIn'> = {},
): Promise<{ rows: QueueRow[]; more: boolean }> {
  return queuePage(s, shopId, { ...queueFilter(q), ...whose }, PAGE_SIZE, (q.page - 1) * PAGE_SIZE);
}
