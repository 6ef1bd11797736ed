import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import { handleEmail } from '../../src/conversations/email-handler';
import { findShopById } from '../../src/db/shops';
import type { ShopifyApplyContext } from '../../src/events/apply';
import { applyCustomerRedact } from '../../src/events/privacy-redact';
import { createServices } from '../../src/services';
import { demoShop, SHOP } from '../portal/helpers';
import { emailMessage, fixtures, withHeader, demoShopWithoutWismo } from './mail-helpers';

beforeAll(async () => {
  await demoShop();
  await demoShopWithoutWismo(env.DB);
});
const s = () => createServices(env);
const admin = (path: string) =>
  exports.default.fetch(`https://aftercare.test/api/admin${path}`, {
    headers: { authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm', 'x-shop-domain': SHOP },
  });

async function conversation(tag: string, fixture: 'plain-text' | 'attachment-inline-image' = 'plain-text') {
  let raw = withHeader(fixtures[fixture], 'Message-ID', `<${tag}@mail.example.com>`);
  raw = withHeader(raw, 'From', 'Sam Shopper <shopper@example.com>');
  const outcome = await handleEmail(emailMessage(raw), env, {} as ExecutionContext, s());
  if (outcome?.status !== 'stored') throw new Error('not stored');
  await applyCaseAction(s(), {
    shopId: 'shop_demo',
    caseId: outcome.caseId,
    actor: 'agent:test',
    action: { action: 'reply', body: 'On its way.' },
  });
  return outcome.caseId;
}

interface Profile {
  customer: { id: string; email: string };
  orders: Array<{ name: string }>;
  cases: Array<{ id: string }>;
  messages: Array<{ caseId: string; direction: string; text: string }>;
  figures: { orders: number; returns: number; returnRate: number; spent: Array<{ amount: number; currency: string }> };
}

describe('GET /api/admin/customers/:id', () => {
  it("joins the customer's orders, cases and messages, with figures", async () => {
    const caseId = await conversation('profile.1');
    const res = await admin('/customers/cus_demo');
    expect(res.status).toBe(200);
    const p = await res.json<Profile>();
    expect(p.customer).toMatchObject({ id: 'cus_demo', email: 'shopper@example.com' });
    expect(p.orders.map((o) => o.name)).toEqual(expect.arrayContaining(['#1001', '#1005', '#1010']));
    expect(p.cases.map((c) => c.id)).toContain(caseId);
    const onCase = p.messages.filter((m) => m.caseId === caseId).map((m) => m.direction);
    expect(onCase.sort()).toEqual(['in', 'out']);
    expect(p.figures.orders).toBe(p.orders.length);
    expect(p.figures.spent[0]!.currency).toBe('USD');
    expect(p.figures.spent[0]!.amount).toBeGreaterThan(0);
  });

  it('answers 404 for a customer the shop does not have, 400 for a malformed id', async () => {
    expect((await admin('/customers/cus_nobody')).status).toBe(404);
    expect((await admin('/customers/not-a-customer')).status).toBe(400);
  });
});

describe('customers/redact erases conversations', () => {
  it('blanks every message and deletes the raw mail and attachments from R2', async () => {
    const caseId = await conversation('redact.1', 'attachment-inline-image');
    const keys = await env.DB.prepare(
      'SELECT raw_key, attachments FROM messages WHERE case_id = ? AND raw_key IS NOT NULL',
    )
      .bind(caseId)
      .first<{ raw_key: string; attachments: string }>();
    const objects = [keys!.raw_key, ...(JSON.parse(keys!.attachments) as Array<{ key: string }>).map((a) => a.key)];
    expect(objects.length).toBe(3);
    const shop = (await findShopById(s(), 'shop_demo'))!;
    await applyCustomerRedact({
      s: s(),
      shop,
      body: {
        shop_id: 1,
        shop_domain: SHOP,
        customer: { id: 9001, email: 'shopper@example.com' },
        orders_to_redact: [],
      },
    } as unknown as ShopifyApplyContext);
    for (const key of objects) expect(await env.MAIL.head(key)).toBeNull();
    const left = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM messages WHERE case_id = ? AND (text <> '[redacted]' OR from_address <> '[redacted]' OR raw_key IS NOT NULL)",
    )
      .bind(caseId)
      .first<{ n: number }>();
    expect(left!.n).toBe(0);
    const mentions = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM messages WHERE full_text LIKE '%shopper@example.com%' OR to_addresses LIKE '%shopper@example.com%'",
    ).first<{ n: number }>();
    expect(mentions!.n).toBe(0);
  });
});
