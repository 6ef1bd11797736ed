/**
 * One person, two records: a shopper writes in before Shopify tells us who they are; the order that
 * names their Shopify customer id merges the email record into that customer, once.
 */
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { handleEmail } from '../../src/conversations/email-handler';
import { mergeCustomersByPlatformId } from '../../src/conversations/merge-customers';
import { findShopById } from '../../src/db/shops';
import type { ShopifyApplyContext } from '../../src/events/apply';
import { applyOrder } from '../../src/events/orders';
import { applyCustomerRedact } from '../../src/events/privacy-redact';
import { createServices } from '../../src/services';
import { demoShop, SHOP } from '../portal/helpers';
import { demoShopWithoutWismo, emailMessage, fixtures, withHeader } from './mail-helpers';

beforeAll(async () => {
  await demoShop();
  await demoShopWithoutWismo(env.DB);
});
const s = () => createServices(env);
const admin = (path: string) =>
  exports.default.fetch(`https://aftercare.test/api/admin${path}`, {
    headers: { authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm', 'x-shop-domain': SHOP },
  });

async function write(from: string, tag: string, subject: string) {
  let raw = withHeader(fixtures['plain-text'], 'Message-ID', `<${tag}@mail.example.com>`);
  raw = withHeader(raw, 'From', from);
  raw = withHeader(raw, 'Subject', subject);
  const outcome = await handleEmail(emailMessage(raw), env, {} as ExecutionContext, s());
  if (outcome?.status !== 'stored') throw new Error(`not stored: ${JSON.stringify(outcome)}`);
  return outcome.caseId;
}

let version = Date.UTC(2026, 10, 1);
async function order(number: number, email: string, customer: { id: number; email: string } | null) {
  version += 60_000;
  const body = {
    id: String(900000 + number),
    name: `#${number}`,
    email,
    currency: 'USD',
    total_price: '40.00',
    updated_at: new Date(version).toISOString(),
    processed_at: new Date(version).toISOString(),
    customer: customer && { id: String(customer.id), email: customer.email, first_name: 'Mia', last_name: null },
    line_items: [{ id: String(700000 + number), title: 'Mug', quantity: 1, price: '40.00' }],
  };
  const shop = (await findShopById(s(), 'shop_demo'))!;
  await applyOrder({ s: s(), shop, body, event: {} as ShopifyApplyContext['event'] });
}

const customerOf = (caseId: string) =>
  env.DB.prepare('SELECT customer_id FROM cases WHERE id = ?').bind(caseId).first<{ customer_id: string }>();
const mergeRows = (mergedId: string) =>
  env.DB.prepare('SELECT * FROM customer_merges WHERE merged_id = ?').bind(mergedId).all();
const mergeEvents = (caseId: string) =>
  env.DB.prepare(`SELECT data FROM case_events WHERE case_id = ? AND type = 'CustomerMerged'`).bind(caseId).all();

describe('merging customers by Shopify customer id', () => {
  it('moves an email customer’s cases and messages to the Shopify customer, in one go and only once', async () => {
    const caseId = await write('Mia <mia.merge@example.com>', 'merge.1', 'Question before I order');
    const emailCustomer = (await customerOf(caseId))!.customer_id;
    await order(7001, 'mia.merge@example.com', { id: 91001, email: 'mia.merge@example.com' });

    const survivor = (await env.DB.prepare(
      `SELECT id FROM customers WHERE shop_id = 'shop_demo' AND platform_id = 'gid://shopify/Customer/91001'`,
    ).first<{ id: string }>())!.id;
    expect((await customerOf(caseId))!.customer_id).toBe(survivor);
    const messages = await env.DB.prepare('SELECT DISTINCT customer_id FROM messages WHERE case_id = ?')
      .bind(caseId)
      .all<{ customer_id: string }>();
    expect(messages.results.map((m) => m.customer_id)).toEqual([survivor]);
    expect(await env.DB.prepare('SELECT id FROM customers WHERE id = ?').bind(emailCustomer).first()).toBeNull();
    const [merge] = (await mergeRows(emailCustomer)).results as Array<Record<string, unknown>>;
    expect(merge).toMatchObject({ survivor_id: survivor, cases_moved: 1, messages_moved: 1, actor: 'system' });
    const events = (await mergeEvents(caseId)).results as Array<{ data: string }>;
    expect(events.map((e) => JSON.parse(e.data))).toEqual([
      { from: emailCustomer, into: survivor, reason: 'shopify:gid://shopify/Customer/91001' },
    ]);

    // The same order again, and the merge asked directly: nothing more happens.
    await order(7001, 'mia.merge@example.com', { id: 91001, email: 'mia.merge@example.com' });
    expect(await mergeCustomersByPlatformId(s(), 'shop_demo', 'gid://shopify/Customer/91001')).toEqual([]);
    expect((await mergeRows(emailCustomer)).results).toHaveLength(1);
    expect((await mergeEvents(caseId)).results).toHaveLength(1);

    // The old id forwards to the survivor's profile, which holds the case.
    const profile = await (await admin(`/customers/${emailCustomer}`)).json<{
      customer: { id: string };
      cases: Array<{ id: string }>;
    }>();
    expect(profile.customer.id).toBe(survivor);
    expect(profile.cases.map((c) => c.id)).toContain(caseId);
  });

  it('recognises the same person by the order they wrote about, and forwards their old email', async () => {
    await order(7002, 'leo.alias@example.com', null);
    const caseId = await write('Leo <leo.alias@example.com>', 'merge.2', 'Return for order #7002');
    const emailCustomer = (await customerOf(caseId))!.customer_id;
    // The order's customer account uses another address.
    await order(7002, 'leo.alias@example.com', { id: 91002, email: 'leo.account@example.com' });
    const survivor = (await env.DB.prepare(
      `SELECT id, email FROM customers WHERE shop_id = 'shop_demo' AND platform_id = 'gid://shopify/Customer/91002'`,
    ).first<{ id: string; email: string }>())!;
    expect(survivor.email).toBe('leo.account@example.com');
    expect((await customerOf(caseId))!.customer_id).toBe(survivor.id);
    expect((await mergeRows(emailCustomer)).results).toHaveLength(1);

    // Writing again from the old address lands on the survivor, not on a new record.
    const next = await write('Leo <leo.alias@example.com>', 'merge.3', 'Another question');
    expect((await customerOf(next))!.customer_id).toBe(survivor.id);

    // customers/redact of the survivor erases the address it was merged from too.
    await applyCustomerRedact({
      s: s(),
      shop: (await findShopById(s(), 'shop_demo'))!,
      body: {
        shop_id: 1,
        shop_domain: SHOP,
        customer: { id: 91002, email: 'leo.account@example.com' },
        orders_to_redact: [],
      },
    } as unknown as ShopifyApplyContext);
    const [trail] = (await mergeRows(emailCustomer)).results as Array<{ merged_email: string | null }>;
    expect(trail!.merged_email).toBeNull();
  });

  it('leaves records of different people alone', async () => {
    const caseId = await write('Ana <ana.solo@example.com>', 'merge.4', 'Hello');
    const before = (await customerOf(caseId))!.customer_id;
    await order(7003, 'ben.other@example.com', { id: 91003, email: 'ben.other@example.com' });
    expect((await customerOf(caseId))!.customer_id).toBe(before);
    expect((await mergeRows(before)).results).toHaveLength(0);
  });
});
