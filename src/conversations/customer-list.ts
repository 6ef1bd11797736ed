/**
 * Finding a customer: by name, email, our id, their Shopify customer id or one of their order
 * numbers (`#1005`), newest first, with the counts a list shows. Shop-scoped; merged records are
 * gone (their id forwards to the survivor, `survivorOf`).
 */
import * as z from 'zod';
import { terminalStatuses } from '../cases/vocabulary';
import { sqlInList } from '../lib/sql-list';
import type { Services } from '../services';

export const customerListQuery = z.strictObject({
  q: z.string().trim().max(200).optional().describe('name, email, cus_… id, Shopify customer id or #order'),
  /** Keyset cursor from the previous page's `nextBefore`: `<created_at ms>.<customer id>`. */
  before: z
    .string()
    .regex(/^\d{1,16}\.cus_[0-9A-Za-z_]{1,64}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
export type CustomerListQuery = z.infer<typeof customerListQuery>;

export interface CustomerListItem {
  id: string;
  name: string | null;
  email: string | null;
  platformId: string | null;
  vip: boolean;
  redacted: boolean;
  since: number;
  orders: number;
  cases: number;
  openCases: number;
}

interface Row {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  platform_id: string | null;
  vip: number;
  redacted_at: number | null;
  created_at: number;
  orders: number;
  cases: number;
  open_cases: number;
}

/** The WHERE for a search text, over `customers c`, with its parameters after the shop (?1). */
function searchFilter(q: string): { sql: string; params: unknown[] } {
  const order = /^#?(\d{1,12})$/.exec(q);
  const like = `%${q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const parts = [
    `lower(COALESCE(c.email, '')) LIKE ?2 ESCAPE '\\'`,
    `lower(COALESCE(c.first_name, '') || ' ' || COALESCE(c.last_name, '')) LIKE ?2 ESCAPE '\\'`,
    'c.id = ?3',
    'c.platform_id = ?3',
    `c.platform_id = 'gid://shopify/Customer/' || ?3`,
  ];
  if (order)
    parts.push(
      `c.id IN (SELECT customer_id FROM orders WHERE shop_id = ?1 AND name = ?4 AND customer_id IS NOT NULL)`,
      `lower(c.email) IN (SELECT lower(email) FROM orders WHERE shop_id = ?1 AND name = ?4 AND email IS NOT NULL)`,
    );
  return { sql: `(${parts.join(' OR ')})`, params: [like, q, ...(order ? [`#${order[1]}`] : [])] };
}

export async function listCustomers(s: Services, shopId: string, query: CustomerListQuery) {
  const limit = query.limit ?? 50;
  const q = query.q?.trim() ?? '';
  const filter = q ? searchFilter(q) : { sql: '1 = 1', params: [] };
  const [beforeAt, beforeId] = query.before
    ? [Number(query.before.slice(0, query.before.indexOf('.'))), query.before.slice(query.before.indexOf('.') + 1)]
    : [Number.MAX_SAFE_INTEGER, ''];
  const at = `?${filter.params.length + 2}`;
  const id = `?${filter.params.length + 3}`;
  const rows = await s
    .d1(shopId)
    .prepare(
      `SELECT c.id, c.first_name, c.last_name, c.email, c.platform_id, c.vip, c.redacted_at, c.created_at,
         (SELECT COUNT(*) FROM orders o WHERE o.shop_id = ?1 AND (o.customer_id = c.id
            OR (c.email IS NOT NULL AND o.customer_id IS NULL AND lower(o.email) = lower(c.email)))) AS orders,
         (SELECT COUNT(*) FROM cases k WHERE k.shop_id = ?1 AND k.customer_id = c.id) AS cases,
         (SELECT COUNT(*) FROM cases k WHERE k.shop_id = ?1 AND k.customer_id = c.id
            AND k.status NOT IN ${sqlInList(terminalStatuses)}) AS open_cases
       FROM customers c WHERE c.shop_id = ?1 AND ${filter.sql} AND (c.created_at < ${at} OR (c.created_at = ${at} AND c.id < ${id}))
       ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit + 1}`,
    )
    .bind(shopId, ...filter.params, beforeAt, beforeId)
    .all<Row>();
  const page = rows.results.slice(0, limit);
  const customers: CustomerListItem[] = page.map((r) => ({
    id: r.id,
    name: [r.first_name, r.last_name].filter(Boolean).join(' ') || null,
    email: r.email,
    platformId: r.platform_id,
    vip: r.vip === 1,
    redacted: r.redacted_at !== null,
    since: r.created_at,
    orders: r.orders,
    cases: r.cases,
    openCases: r.open_cases,
  }));
  const last = page[page.length - 1];
  const nextBefore = rows.results.length > limit && last ? `${last.created_at}.${last.id}` : null;
  return { customers, nextBefore };
}
