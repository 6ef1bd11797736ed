/** A shop holding one customer's data in every place we keep personal data, and a grep over all of D1. */
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { newId } from '../../src/lib/ids';
import { shopifyWebhook } from '../helpers/webhooks';
import { shopify } from './fixtures';
import { deliver, shopIdOf, uniqueDomain } from './flow';

export const EMAIL = 'john@example.com';

/** Every text column of every table that holds `needle` (case-insensitive): table.column → rows. */
export async function grepDatabase(needle: string): Promise<Record<string, number>> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
  ).all<{ name: string }>();
  const hits: Record<string, number> = {};
  for (const { name } of tables.results) {
    const cols = await env.DB.prepare(`SELECT name FROM pragma_table_info('${name}')`).all<{ name: string }>();
    for (const { name: col } of cols.results) {
      const row = await env.DB.prepare(
        `SELECT count(*) AS n FROM "${name}" WHERE instr(lower(CAST("${col}" AS TEXT)), ?1) > 0`,
      )
        .bind(needle.toLowerCase())
        .first<{ n: number }>();
      if (row!.n > 0) hits[`${name}.${col}`] = row!.n;
    }
  }
  return hits;
}

/** A shop with the sample order (customer john@example.com), a fulfillment, a return case with a note and a photo, and mail to the customer. */
export async function populatedShop(prefix: string) {
  const shop = uniqueDomain(prefix);
  await deliver(await shopifyWebhook('orders/create', shopify.ordersCreate, { shop }));
  await deliver(await shopifyWebhook('fulfillments/create', shopify.fulfillmentsCreate, { shop }));
  await deliver(await shopifyWebhook('refunds/create', shopify.refundsCreate, { shop }));
  const shopId = await shopIdOf(shop);
  await env.DB.prepare('UPDATE shops SET email = ?2 WHERE id = ?1').bind(shopId, 'merchant@example.com').run();
  const order = await env.DB.prepare(
    "SELECT id, customer_id FROM orders WHERE shop_id = ?1 AND platform_id = 'gid://shopify/Order/820982911946154508'",
  )
    .bind(shopId)
    .first<{ id: string; customer_id: string }>();
  const now = Date.now();
  const caseId = newId('case');
  const photo = `${shopId}/pending-${order!.id}/photo1.jpg`;
  await env.PHOTOS.put(photo, new Uint8Array([0xff, 0xd8, 0xff]));
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO cases (id, shop_id, number, order_id, customer_id, type, status, source, currency, refund_minor, created_at, updated_at)
       VALUES (?1, ?2, 1, ?3, ?4, 'return', 'requested', 'portal', 'USD', 8999, ?5, ?5)`,
    ).bind(caseId, shopId, order!.id, order!.customer_id, now),
    env.DB.prepare(
      `INSERT INTO case_items (id, shop_id, case_id, quantity, reason, note, photo_keys, unit_price_minor, created_at)
       VALUES (?1, ?2, ?3, 1, 'damaged', 'Call me at john@example.com', ?4, 8999, ?5)`,
    ).bind(newId('item'), shopId, caseId, JSON.stringify([photo]), now),
    env.DB.prepare(
      `INSERT INTO case_events (id, shop_id, case_id, type, actor, reason, data, at) VALUES (?1, ?2, ?3, 'NoteAdded', 'agent:ann', 'Spoke to John Smith', '{}', ?4)`,
    ).bind(newId('cev'), shopId, caseId, now),
    env.DB.prepare(
      `INSERT INTO notifications (id, shop_id, case_id, kind, recipient, subject, body_text, status, dedupe_key, created_at, updated_at)
       VALUES (?1, ?2, ?3, 'return_confirmation', ?4, 'Your return', 'Hi John', 'queued', ?5, ?6, ?6)`,
    ).bind(newId('ntf'), shopId, caseId, EMAIL, `conf:${caseId}`, now),
    env.DB.prepare(
      `INSERT INTO surveys (id, shop_id, order_id, subject, kind, status, recipient, due_at, score, comment, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, 'csat', 'answered', ?5, ?6, 2, 'Slow. john@example.com', ?6, ?6)`,
    ).bind(newId('srv'), shopId, order!.id, `delivery:${order!.id}`, EMAIL, now),
  ]);
  return { shop, shopId, orderId: order!.id, caseId, photo };
}
