/**
 * Who wrote: the sender's customer (created on first contact, found by email, also an email merged
 * into another record: src/conversations/merge-customers.ts) and the order they name.
 */
import type { Services } from '../services';
import { findOrderRefs } from './order-refs';

/** New cases one sender may open per hour (email and contact form together); replies are never limited. */
export const NEW_CASES_PER_SENDER_PER_HOUR = 5;
const HOUR_MS = 3_600_000;

export async function newCasesInLastHour(s: Services, shopId: string, address: string): Promise<number> {
  const row = await s
    .d1(shopId)
    .prepare('SELECT COUNT(*) AS n FROM messages WHERE shop_id = ? AND from_address = ? AND opened_case = 1 AND at > ?')
    .bind(shopId, address.toLowerCase(), s.clock.now() - HOUR_MS)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

export interface SenderCustomer {
  id: string;
  vip: boolean;
  locale: string | null;
  /** Not yet in the database: the caller inserts it in its batch (`newCustomerStatement`). */
  isNew: boolean;
}

export async function customerForEmail(s: Services, shopId: string, email: string): Promise<SenderCustomer> {
  const address = email.trim();
  const row = await s
    .d1(shopId)
    .prepare(
      `SELECT id, vip, locale FROM customers WHERE shop_id = ?1 AND redacted_at IS NULL
         AND (email IN (?2, ?3) OR id IN (SELECT survivor_id FROM customer_merges WHERE shop_id = ?1 AND merged_email = ?3))
       ORDER BY platform_id IS NULL, created_at LIMIT 1`,
    )
    .bind(shopId, address, address.toLowerCase())
    .first<{ id: string; vip: number; locale: string | null }>();
  if (row) return { id: row.id, vip: row.vip === 1, locale: row.locale, isNew: false };
  return { id: s.newId('cus'), vip: false, locale: null, isNew: true };
}

export function newCustomerStatement(
  s: Services,
  shopId: string,
  customer: { id: string; email: string; name: string | null; locale: string },
  now: number,
): D1PreparedStatement {
  const [first, ...rest] = (customer.name ?? '').trim().split(/\s+/);
  return s
    .d1(shopId)
    .prepare(
      `INSERT OR IGNORE INTO customers (id, shop_id, email, first_name, last_name, locale, tags, vip, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, '[]', 0, ?, ?)`,
    )
    .bind(
      customer.id,
      shopId,
      customer.email.trim().toLowerCase(),
      first || null,
      rest.join(' ') || null,
      customer.locale,
      now,
      now,
    );
}

export interface NamedOrder {
  id: string;
  name: string;
  locale: string | null;
  currency: string;
}

/** The first order the text names that belongs to this customer (by customer id or by email). */
export async function orderNamedBy(
  s: Services,
  shopId: string,
  text: string,
  owner: { customerId: string; email: string },
): Promise<NamedOrder | null> {
  const refs = findOrderRefs(text);
  if (refs.length === 0) return null;
  const names = refs.map((r) => `#${r}`);
  const rows = await s
    .d1(shopId)
    .prepare(
      `SELECT id, name, locale, currency FROM orders WHERE shop_id = ? AND name IN (${names.map(() => '?').join(', ')})
       AND (customer_id = ? OR lower(email) = ?)`,
    )
    .bind(shopId, ...names, owner.customerId, owner.email.trim().toLowerCase())
    .all<NamedOrder>();
  // In the order the customer named them, not the order the database found them.
  return names.map((n) => rows.results.find((r) => r.name === n)).find((r) => r !== undefined) ?? null;
}
