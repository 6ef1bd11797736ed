/**
 * One person, two customer records: someone wrote in from an address we did not know (an email
 * customer), and an order later told us who they are in Shopify (a customer with a Shopify id).
 * The record with the Shopify id survives; the other's cases, messages and orders move to it, its
 * email forwards to it (`customer_merges.merged_email`, read by `customerForEmail`), and its id
 * forwards too (`survivorOf`). Everything in ONE batch: the merge row (the audit record, and the
 * key that makes a repeat a no-op), a `CustomerMerged` event on each moved case, the moves, the
 * survivor filled in from the merged record, and the merged record deleted.
 */
import { onceEventStatements } from '../db/case-event-rows';
import { toHex } from '../lib/crypto';
import type { Services } from '../services';

export interface MergeOutcome {
  survivorId: string;
  mergedId: string;
  casesMoved: number;
}

interface CustomerRow {
  id: string;
  email: string | null;
}

/**
 * Merges into the customer holding `platformId` every record without a Shopify id that is the
 * same person: the same email, or a case about one of the survivor's orders. Idempotent: once
 * merged, a record is gone and a second run finds nothing.
 */
export async function mergeCustomersByPlatformId(
  s: Services,
  shopId: string,
  platformId: string,
  actor = 'system',
): Promise<MergeOutcome[]> {
  const d1 = s.d1(shopId);
  const survivor = await d1
    .prepare('SELECT id, email FROM customers WHERE shop_id = ? AND platform_id = ? AND redacted_at IS NULL')
    .bind(shopId, platformId)
    .first<CustomerRow>();
  if (!survivor) return [];
  const twins = await d1
    .prepare(
      `SELECT id, email FROM customers c WHERE c.shop_id = ?1 AND c.id <> ?2 AND c.platform_id IS NULL AND c.redacted_at IS NULL
         AND ((?3 IS NOT NULL AND lower(c.email) = lower(?3))
           OR c.id IN (SELECT k.customer_id FROM cases k JOIN orders o ON o.shop_id = k.shop_id AND o.id = k.order_id
                       WHERE k.shop_id = ?1 AND o.customer_id = ?2))
       ORDER BY c.created_at LIMIT 20`,
    )
    .bind(shopId, survivor.id, survivor.email)
    .all<CustomerRow>();
  const outcomes: MergeOutcome[] = [];
  for (const twin of twins.results)
    outcomes.push(await mergeCustomerInto(s, shopId, { survivorId: survivor.id, merged: twin, actor, platformId }));
  return outcomes;
}

/**
 * `customersWithTwins` in SQL: the Shopify customers (?2, a JSON array of ids) with an email twin
 * (found through the partial index on email-only customers) or with a case about one of their
 * orders filed under another record. Two index-driven joins in a UNION, in the order written
 * (CROSS JOIN): written as one EXISTS with an OR, SQLite re-ran the orders-and-cases subquery for
 * every email-only customer, which at 100,000 cases took minutes per queue batch (the bench's drain).
 */
export const customersWithTwinsSql = `
WITH v AS (
  SELECT id, platform_id, email FROM customers
   WHERE shop_id = ?1 AND platform_id IN (SELECT value FROM json_each(?2)) AND redacted_at IS NULL
)
SELECT v.platform_id AS pid FROM v
  CROSS JOIN customers c INDEXED BY customers_shop_email_only_idx
    ON c.shop_id = ?1 AND lower(c.email) = lower(v.email) AND c.platform_id IS NULL
 WHERE v.email IS NOT NULL AND c.id <> v.id AND c.redacted_at IS NULL
UNION
SELECT v.platform_id FROM v
  CROSS JOIN orders o ON o.shop_id = ?1 AND o.customer_id = v.id
  CROSS JOIN cases k ON k.shop_id = ?1 AND k.order_id = o.id
  CROSS JOIN customers c ON c.shop_id = ?1 AND c.id = k.customer_id
 WHERE c.platform_id IS NULL AND c.redacted_at IS NULL AND c.id <> v.id`;

/**
 * Which of these Shopify customers have a record to absorb (the twins `mergeCustomersByPlatformId`
 * merges), in one read: the orders consumer asks this for a whole queue batch.
 */
export async function customersWithTwins(s: Services, shopId: string, platformIds: string[]): Promise<string[]> {
  if (platformIds.length === 0) return [];
  const rows = await s
    .d1(shopId)
    .prepare(customersWithTwinsSql)
    .bind(shopId, JSON.stringify(platformIds))
    .all<{ pid: string }>();
  return rows.results.map((r) => r.pid);
}

/** Deterministic per merged record and case: a repeated merge writes the same event id, i.e. nothing. */
async function mergeEventId(mergedId: string, caseId: string): Promise<string> {
  const key = `customer-merge:${mergedId}:${caseId}`;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)));
  return `cev_${toHex(digest).slice(0, 26).toUpperCase()}`;
}

export async function mergeCustomerInto(
  s: Services,
  shopId: string,
  m: { survivorId: string; merged: CustomerRow; actor: string; platformId: string },
): Promise<MergeOutcome> {
  const d1 = s.d1(shopId);
  const now = s.clock.now();
  const mergedId = m.merged.id;
  const cases = await d1
    .prepare('SELECT id FROM cases WHERE shop_id = ? AND customer_id = ? ORDER BY created_at LIMIT 500')
    .bind(shopId, mergedId)
    .all<{ id: string }>();
  const data = { from: mergedId, into: m.survivorId, reason: `shopify:${m.platformId}` };
  // Each case's row gets its new customer with the event, once; a case opened since the read moves below.
  const events = (
    await Promise.all(
      cases.results.map(async (c) =>
        onceEventStatements(s, {
          shopId,
          caseId: c.id,
          id: await mergeEventId(mergedId, c.id),
          actor: m.actor,
          type: 'CustomerMerged',
          data,
          at: now,
          alsoSet: { sql: 'customer_id = ?', params: [m.survivorId] },
          onlyIf: { sql: 'SELECT 1 FROM customers WHERE shop_id = ? AND id = ?', params: [shopId, mergedId] },
        }),
      ),
    )
  ).flat();
  const move = (table: 'cases' | 'messages' | 'orders') =>
    d1
      .prepare(`UPDATE ${table} SET customer_id = ?1 WHERE shop_id = ?2 AND customer_id = ?3`)
      .bind(m.survivorId, shopId, mergedId);
  await d1.batch([
    // First, while the merged record and its rows are still there: the trail with what moved.
    d1
      .prepare(
        `INSERT OR IGNORE INTO customer_merges (merged_id, shop_id, survivor_id, reason, merged_email, cases_moved, messages_moved, actor, created_at)
         SELECT c.id, c.shop_id, ?3, ?4, lower(c.email),
           (SELECT COUNT(*) FROM cases WHERE shop_id = ?1 AND customer_id = ?2),
           (SELECT COUNT(*) FROM messages WHERE shop_id = ?1 AND customer_id = ?2), ?5, ?6
         FROM customers c WHERE c.shop_id = ?1 AND c.id = ?2`,
      )
      .bind(shopId, mergedId, m.survivorId, data.reason, m.actor, now),
    ...events,
    move('cases'),
    move('messages'),
    move('orders'),
    fillSurvivor(d1, shopId, m.survivorId, mergedId, now),
    d1.prepare('DELETE FROM customers WHERE shop_id = ? AND id = ?').bind(shopId, mergedId),
  ]);
  return { survivorId: m.survivorId, mergedId, casesMoved: cases.results.length };
}

/** What the survivor lacks, taken from the merged record (a VIP stays a VIP). */
function fillSurvivor(d1: D1Database, shopId: string, survivorId: string, mergedId: string, now: number) {
  return d1
    .prepare(
      `UPDATE customers SET
         email = COALESCE(customers.email, m.email), first_name = COALESCE(customers.first_name, m.first_name),
         last_name = COALESCE(customers.last_name, m.last_name), phone = COALESCE(customers.phone, m.phone),
         locale = COALESCE(customers.locale, m.locale), vip = MAX(customers.vip, m.vip), updated_at = ?4
       FROM (SELECT email, first_name, last_name, phone, locale, vip FROM customers WHERE shop_id = ?1 AND id = ?3) AS m
       WHERE customers.shop_id = ?1 AND customers.id = ?2`,
    )
    .bind(shopId, survivorId, mergedId, now);
}

/** The customer a (possibly merged) id stands for now, or null when it never existed here. */
export async function survivorOf(s: Services, shopId: string, customerId: string): Promise<string | null> {
  const row = await s
    .d1(shopId)
    .prepare(
      `SELECT id FROM customers WHERE shop_id = ?1 AND id = ?2
       UNION ALL SELECT survivor_id FROM customer_merges WHERE shop_id = ?1 AND merged_id = ?2 LIMIT 1`,
    )
    .bind(shopId, customerId)
    .first<{ id: string }>();
  return row?.id ?? null;
}
