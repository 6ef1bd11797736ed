import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { schema } from '../db/client';
import type { Services } from '../services';
import { eraseClock } from '../sla/clock-client';
import type { ShopifyApplier } from './apply';
import { customerPrivacyPayload, findCustomerFootprint, inList } from './privacy';
import { redactConversations } from '../conversations/redact-messages';

const REDACTED = '[redacted]';

/**
 * `customers/redact`: the customer's personal data erased everywhere we keep it (customer row,
 * order email and address, case notes, pickup addresses, messages, survey comments, stored webhook
 * bodies that name them, their photos in R2) while amounts, statuses and counts stay for the
 * merchant's numbers. Idempotent: a second run finds nothing left to erase.
 */
export const applyCustomerRedact: ShopifyApplier = async ({ s, shop, body }) => {
  const payload = customerPrivacyPayload.parse(body);
  const who = await findCustomerFootprint(s, shop.id, payload);
  const d1 = s.d1(shop.id);
  const now = s.clock.now();
  const [customers, orders, cases] = [who.customerIds, who.orderIds, who.caseIds].map((ids) => JSON.stringify(ids)) as [
    string,
    string,
    string,
  ];
  const email = who.email;

  // Photos first: deleting an object twice is harmless, a row pointing at nothing is not.
  const photos = await d1
    .prepare(`SELECT photo_keys FROM case_items WHERE shop_id = ?1 AND ${inList('case_id', '?2')}`)
    .bind(shop.id, cases)
    .all<{ photo_keys: string }>();
  const keys = photos.results.flatMap((r) => JSON.parse(r.photo_keys) as string[]);
  for (const orderId of who.orderIds) keys.push(...(await listKeys(s.env.PHOTOS, `${shop.id}/pending-${orderId}/`)));
  await deleteKeys(s.env.PHOTOS, keys);
  await redactConversations(s, shop.id, who);

  const mentions = (col: string) => `(?3 IS NOT NULL AND instr(lower(COALESCE(${col}, '')), ?3) > 0)`;
  await d1.batch([
    d1
      .prepare(
        `UPDATE customers SET email = NULL, first_name = NULL, last_name = NULL, phone = NULL, tags = '[]', redacted_at = ?3, updated_at = ?3 WHERE shop_id = ?1 AND ${inList('id', '?2')}`,
      )
      .bind(shop.id, customers, now),
    d1
      .prepare(
        `UPDATE orders SET email = NULL, shipping_address = NULL, updated_at = ?3 WHERE shop_id = ?1 AND ${inList('id', '?2')}`,
      )
      .bind(shop.id, orders, now),
    // The addresses of records merged into theirs (src/conversations/merge-customers.ts).
    d1
      .prepare(`UPDATE customer_merges SET merged_email = NULL WHERE shop_id = ?1 AND ${inList('survivor_id', '?2')}`)
      .bind(shop.id, customers),
    d1
      .prepare(`UPDATE case_items SET note = NULL, photo_keys = '[]' WHERE shop_id = ?1 AND ${inList('case_id', '?2')}`)
      .bind(shop.id, cases),
    d1
      .prepare(
        `UPDATE case_events SET reason = NULL, data = '{}' WHERE shop_id = ?1 AND ${inList('case_id', '?2')}
         AND (type IN ('NoteAdded', 'InfoRequested', 'CustomerReplied') OR ${mentions('reason')} OR ${mentions('data')})`,
      )
      .bind(shop.id, cases, email),
    d1
      // The label is a public URL to a PDF with the shopper's name and address on it.
      .prepare(`UPDATE pickups SET address = NULL, label_url = NULL WHERE shop_id = ?1 AND ${inList('case_id', '?2')}`)
      .bind(shop.id, cases),
    d1
      .prepare(
        `UPDATE notifications SET recipient = '${REDACTED}', subject = '${REDACTED}', body_text = '${REDACTED}', body_html = NULL,
           last_error = CASE WHEN last_error IS NULL THEN NULL ELSE '${REDACTED}' END, updated_at = ?5
         WHERE shop_id = ?1 AND (${inList('case_id', '?2')} OR ${inList('order_id', '?4')}
           OR ${mentions('recipient')} OR ${mentions('subject')} OR ${mentions('body_text')} OR ${mentions('body_html')}
           OR ${mentions('last_error')})`,
      )
      .bind(shop.id, cases, email, orders, now),
    d1
      .prepare(
        `UPDATE surveys SET comment = NULL, recipient = NULL, updated_at = ?5
         WHERE shop_id = ?1 AND (${inList('case_id', '?2')} OR ${inList('order_id', '?4')} OR ${mentions('recipient')} OR ${mentions('comment')})`,
      )
      .bind(shop.id, cases, email, orders, now),
    d1
      .prepare(
        `DELETE FROM blocklist_entries WHERE shop_id = ?1 AND (${inList('value', '?2')} OR (?3 IS NOT NULL AND lower(value) = ?3) OR value = ?4)`,
      )
      .bind(shop.id, customers, email, who.customerGid),
    // The shop's audit trail names a blocked customer by email or id (BlocklistEntryAdded/Removed).
    d1
      .prepare(
        `UPDATE shop_events SET data = '{"redacted":true}' WHERE shop_id = ?1 AND (${mentions('data')}
           OR EXISTS (SELECT 1 FROM json_each(?2) j WHERE instr(shop_events.data, j.value) > 0)
           OR (?4 IS NOT NULL AND instr(shop_events.data, ?4) > 0))`,
      )
      .bind(shop.id, customers, email, who.customerGid),
    d1
      .prepare(`DELETE FROM unsubscribes WHERE shop_id = ?1 AND ?2 IS NOT NULL AND lower(recipient) = ?2`)
      .bind(shop.id, email),
    // Failed jobs about their cases, orders or pickups, or whose payload or error names them: a
    // provider's error often quotes the address it refused.
    d1
      .prepare(
        `UPDATE job_failures SET payload = '{"redacted":true}', last_error = CASE WHEN last_error IS NULL THEN NULL ELSE '${REDACTED}' END, updated_at = ?5
         WHERE shop_id = ?1 AND (${mentions('payload')} OR ${mentions('last_error')}
           OR EXISTS (SELECT 1 FROM json_each(?2) j WHERE instr(job_failures.payload, j.value) > 0)
           OR EXISTS (SELECT 1 FROM json_each(?4) j WHERE instr(job_failures.payload, j.value) > 0)
           OR EXISTS (SELECT 1 FROM pickups p WHERE p.shop_id = ?1 AND ${inList('p.case_id', '?2')} AND instr(job_failures.payload, p.id) > 0))`,
      )
      .bind(shop.id, cases, email, orders, now),
  ]);
  // Stored webhook bodies (the directory database) that name the customer or one of their orders,
  // this very event included. Order ids are matched by their digits (bodies carry them bare).
  const orderRefs = await d1
    .prepare(`SELECT platform_id FROM orders WHERE shop_id = ?1 AND ${inList('id', '?2')}`)
    .bind(shop.id, orders)
    .all<{ platform_id: string }>();
  const needles = [
    ...(who.customerGid ? [who.customerGid] : []),
    ...orderRefs.results.map((r) => r.platform_id.split('/').pop() ?? '').filter((id) => id.length >= 8),
  ];
  await s
    .d1()
    .prepare(
      `UPDATE webhook_events SET body = '{"redacted":true}'
       WHERE (shop_id = ?1 OR shop_domain = ?2)
         AND ((?3 IS NOT NULL AND instr(lower(body), ?3) > 0) OR EXISTS (SELECT 1 FROM json_each(?4) j WHERE instr(body, j.value) > 0))`,
    )
    .bind(shop.id, shop.domain, email, JSON.stringify(needles))
    .run();
};

/**
 * `shop/redact` (48 hours after uninstall): every row of the shop deleted from every table that
 * carries `shop_id`, its photos removed from R2, its stored events and its directory entry gone.
 */
export const applyShopRedact: ShopifyApplier = async ({ s, shop }) => {
  await deleteKeys(s.env.PHOTOS, await listKeys(s.env.PHOTOS, `${shop.id}/`));
  await deleteKeys(s.env.MAIL, await listKeys(s.env.MAIL, `${shop.id}/`));
  const d1 = s.d1(shop.id);
  // Each case's CaseClock (Durable Object storage and alarm), before the case rows that name them go.
  const caseIds = await d1.prepare('SELECT id FROM cases WHERE shop_id = ?1').bind(shop.id).all<{ id: string }>();
  for (let i = 0; i < caseIds.results.length; i += 50)
    await Promise.all(caseIds.results.slice(i, i + 50).map((c) => eraseClock(s, c.id)));
  const statements = shopScopedTables().map((name) =>
    d1.prepare(`DELETE FROM ${name} WHERE shop_id = ?1`).bind(shop.id),
  );
  await d1.batch([...statements, d1.prepare('DELETE FROM shops WHERE id = ?1').bind(shop.id)]);
  const directory = s.d1();
  await directory.batch([
    directory.prepare('DELETE FROM webhook_events WHERE shop_id = ?1 OR shop_domain = ?2').bind(shop.id, shop.domain),
    directory.prepare('DELETE FROM mail_addresses WHERE shop_id = ?1').bind(shop.id),
    // Support-address events sit beside the addresses (src/conversations/support-addresses.ts).
    directory.prepare('DELETE FROM shop_events WHERE shop_id = ?1').bind(shop.id),
    directory.prepare('DELETE FROM shops WHERE id = ?1').bind(shop.id),
  ]);
};

/** Every table of the model with a `shop_id` column: a table added later is covered too. */
export function shopScopedTables(): string[] {
  const names: string[] = [];
  for (const value of Object.values(schema)) {
    if (!(value instanceof SQLiteTable)) continue;
    const config = getTableConfig(value);
    if (config.name !== 'webhook_events' && config.columns.some((c) => c.name === 'shop_id')) names.push(config.name);
  }
  return names;
}

async function listKeys(bucket: R2Bucket, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, ...(cursor ? { cursor } : {}) });
    keys.push(...page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return keys;
}

async function deleteKeys(bucket: R2Bucket, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) await bucket.delete(keys.slice(i, i + 1000));
}
