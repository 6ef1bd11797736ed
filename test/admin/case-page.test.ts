/**
 * The case page as an agent and a manager use it: the actions the case's state allows (the others
 * explained), the conversation and its reply box (once per submit), held money, and an exchange
 * picked by variant name.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import { openReturn } from '../../src/commands/open-return';
import { postShopperMessage } from '../../src/conversations/shopper-message';
import { createServices } from '../../src/services';
import { createOrder, createShop } from '../helpers/factory';
import { memberWithToken } from '../helpers/team';
import { adminSession, formFields } from './admin-session';

const app = createApp();
const call = (req: Request) => app.fetch(req, env);
const SHOP = 'case-page.myshopify.com';
const s = createServices(env);
let shopId: string;
type Session = Awaited<ReturnType<typeof adminSession>>;
let operator: Session, agent: Session, manager: Session;

async function openCase(priceMinor = 2000, productId?: string) {
  const { order, lines } = await createOrder(env.DB, shopId, {
    email: 'ann@example.com',
    deliveredDaysAgo: 2,
    lines: [{ title: 'Everyday Tee', priceMinor, ...(productId ? { productId, variantId: `${productId}1` } : {}) }],
  });
  const { caseId } = await openReturn(s, {
    shopId,
    orderId: order.id,
    items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_small' }],
    resolution: 'refund',
    method: 'drop_off',
  });
  return caseId;
}

async function act(caseId: string, ...actions: Array<'approve' | 'receive'>) {
  for (const action of actions) await applyCaseAction(s, { shopId, caseId, actor: 'operator', action: { action } });
}

const page = async (who: Session, caseId: string, query = '') => {
  const res = await call(who.get(`/admin/cases/${caseId}${query}`));
  expect(res.status).toBe(200);
  return res.text();
};
const offered = (html: string) => [...html.matchAll(/<form[^>]*data-action="(\w+)"/g)].map((m) => m[1]);
const explained = (html: string) => [...html.matchAll(/data-blocked="(\w+)"/g)].map((m) => m[1]);
const count = async (sql: string, ...params: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...params)
    .first<number>('n')) ?? 0;

beforeAll(async () => {
  shopId = (await createShop(env.DB, { domain: SHOP })).id;
  operator = await adminSession(SHOP);
  agent = await adminSession(SHOP, Date.now(), (await memberWithToken(shopId, 'agent')).member.id);
  manager = await adminSession(SHOP, Date.now(), (await memberWithToken(shopId, 'manager')).member.id);
});

describe('the actions a case page offers follow its state', () => {
  it('a requested return offers Approve first and Reject, not Refund; the hidden ones say why', async () => {
    const html = await page(operator, await openCase());
    const forms = offered(html).filter((a) => a !== 'tag');
    expect(forms[0]).toBe('approve');
    expect(forms).toEqual(expect.arrayContaining(['approve', 'reject', 'request_info', 'close']));
    expect(forms).not.toContain('refund');
    expect(forms).not.toContain('receive');
    expect(explained(html)).toEqual(expect.arrayContaining(['refund', 'receive', 'reopen']));
    expect(html).toMatch(/data-blocked="refund"><strong>Refund<\/strong>: not possible while the case is requested\./);
    expect(html).toContain('<summary>Why can’t I…?</summary>');
    expect(html).toMatch(/<button type="submit" accesskey="a" data-key="a">Approve<\/button>/);
  });

  it('an approved return leads with Mark received; a received one with the refund the shopper asked for', async () => {
    const caseId = await openCase();
    await act(caseId, 'approve');
    expect(offered(await page(operator, caseId))[0]).toBe('receive');
    await act(caseId, 'receive');
    const html = await page(operator, caseId);
    expect(offered(html)[0]).toBe('refund');
    expect(explained(html)).toEqual(expect.arrayContaining(['approve', 'reject', 'receive']));
  });

  it('an exchange is picked by variant name, with stock and the price difference', async () => {
    const caseId = await openCase(2000, 'gid://shopify/Product/7001');
    await act(caseId, 'approve', 'receive');
    const html = await page(operator, caseId);
    expect(html).toMatch(
      /<option value="gid:\/\/shopify\/ProductVariant\/70012">M \/ Navy · 8 in stock · \$5\.00 more<\/option>/,
    );
    expect(html).toMatch(/<option value="gid:\/\/shopify\/ProductVariant\/70013" disabled="">L \/ Navy · out of stock/);
    // E is a single-key shortcut, but no accesskey: Alt+E opens the browser's menu.
    expect(html).toMatch(/<button type="submit" class="secondary" data-key="e">Exchange<\/button>/);
    const fields = formFields(html, `/admin/cases/${caseId}/actions" class="card" data-action="exchange`);
    expect(fields.variantId).toBe('');
    const res = await call(
      operator.post(`/admin/cases/${caseId}/actions`, {
        action: 'exchange',
        itemId: fields.itemId!,
        variantId: 'gid://shopify/ProductVariant/70012',
      }),
    );
    expect(decodeURIComponent(res.headers.get('location')!)).toContain('notice=Done: Exchange.');
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM case_items WHERE case_id = ? AND exchange_variant_id = ?',
        caseId,
        'gid://shopify/ProductVariant/70012',
      ),
    ).toBe(1);
  });
});

describe('the conversation on the case page', () => {
  it('a reply posts once on a double submit (one after the other, or racing) and appears in the thread', async () => {
    const caseId = await openCase();
    const fields = formFields(await page(agent, caseId), `/admin/cases/${caseId}/reply`);
    expect(fields.key).toMatch(/^[0-9a-f-]{36}$/);
    const send = () =>
      call(agent.post(`/admin/cases/${caseId}/reply`, { ...fields, body: 'Your parcel left today.', kind: 'reply' }));
    const [a, b] = await Promise.all([send(), send()]);
    const third = await send();
    const notices = [a, b, third].map((r) => decodeURIComponent(r.headers.get('location')!));
    expect(notices.filter((n) => n.includes('notice=Reply sent to the customer.'))).toHaveLength(1);
    expect(notices.filter((n) => n.includes('notice=That was sent already'))).toHaveLength(2);
    expect(await count("SELECT COUNT(*) AS n FROM messages WHERE case_id = ? AND direction = 'out'", caseId)).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM case_events WHERE case_id = ? AND type = 'ReplySent'", caseId)).toBe(
      1,
    );
    expect(
      await count("SELECT COUNT(*) AS n FROM notifications WHERE case_id = ? AND kind = 'case_reply'", caseId),
    ).toBe(1);
    const html = await page(agent, caseId);
    expect(html).toMatch(/<li data-message="out"[^>]*>[\s\S]*?<pre>Your parcel left today\.<\/pre>/);
    // A fresh form carries a fresh key: the next reply is a new one.
    expect(formFields(html, `/admin/cases/${caseId}/reply`).key).not.toBe(fields.key);
  });

  it('the shopper’s message from their status page is in the thread, the agent’s answer after it', async () => {
    const caseId = await openCase();
    const orderId = await env.DB.prepare('SELECT order_id FROM cases WHERE id = ?')
      .bind(caseId)
      .first<string>('order_id');
    await postShopperMessage(s, { shopId, orderId: orderId!, caseId, body: 'Does the M run large?' });
    const fields = formFields(await page(agent, caseId), `/admin/cases/${caseId}/reply`);
    await call(agent.post(`/admin/cases/${caseId}/reply`, { ...fields, body: 'It runs true to size.', kind: 'reply' }));
    const thread = [...(await page(agent, caseId)).matchAll(/<li data-message="(\w+)"[\s\S]*?<pre>([^<]*)<\/pre>/g)];
    expect(thread.map((m) => [m[1], m[2]])).toEqual([
      ['in', 'Does the M run large?'],
      ['out', 'It runs true to size.'],
    ]);
  });

  it('an internal note stays with the team: in the thread as a note, never sent', async () => {
    const caseId = await openCase();
    const fields = formFields(await page(agent, caseId), `/admin/cases/${caseId}/reply`);
    const res = await call(
      agent.post(`/admin/cases/${caseId}/reply`, { ...fields, body: 'Called her, size M is fine.', kind: 'note' }),
    );
    expect(decodeURIComponent(res.headers.get('location')!)).toContain('notice=Internal note saved.');
    expect(await count('SELECT COUNT(*) AS n FROM messages WHERE case_id = ?', caseId)).toBe(0);
    expect(await page(agent, caseId)).toMatch(
      /<li data-message="note"[^>]*>[\s\S]*?<pre>Called her, size M is fine\.<\/pre>/,
    );
    const empty = await call(
      agent.post(`/admin/cases/${caseId}/reply`, { ...fields, key: crypto.randomUUID(), body: ' ', kind: 'reply' }),
    );
    expect(decodeURIComponent(empty.headers.get('location')!)).toContain('error=Write the reply or note first.');
  });
});

describe('money held for a manager on the case page', () => {
  async function heldRefund() {
    const caseId = await openCase(15_000);
    await act(caseId, 'approve', 'receive');
    const res = await call(agent.post(`/admin/cases/${caseId}/actions`, { action: 'refund' }));
    expect(decodeURIComponent(res.headers.get('location')!)).toContain('waits for a manager’s approval');
    const requestId = await env.DB.prepare("SELECT id FROM approval_requests WHERE case_id = ? AND status = 'pending'")
      .bind(caseId)
      .first<string>('id');
    return { caseId, requestId: requestId! };
  }

  it('tells the agent it waits, refuses the agent’s approval, and lets the manager approve it once', async () => {
    const { caseId, requestId } = await heldRefund();
    const seen = await page(agent, caseId);
    expect(seen).toContain('data-waits="manager"');
    expect(seen).not.toContain(`/approvals/${requestId}`);
    expect(explained(seen)).toContain('refund');
    const refused = await call(agent.post(`/admin/cases/${caseId}/approvals/${requestId}`, { decision: 'approve' }));
    expect(refused.status).toBe(403);
    const managerPage = await page(manager, caseId);
    expect(managerPage).toMatch(/<button type="submit" name="decision" value="approve">Approve \$145\.00<\/button>/);
    const ok = await call(manager.post(`/admin/cases/${caseId}/approvals/${requestId}`, { decision: 'approve' }));
    expect(decodeURIComponent(ok.headers.get('location')!)).toContain('notice=Approved: Refund of $145.00.');
    const again = await call(manager.post(`/admin/cases/${caseId}/approvals/${requestId}`, { decision: 'approve' }));
    expect(decodeURIComponent(again.headers.get('location')!)).toContain('error=');
    expect(await count('SELECT COUNT(*) AS n FROM refunds WHERE case_id = ?', caseId)).toBe(1);
    expect(await page(manager, caseId)).not.toContain('data-held=');
  });

  it('a manager declines it: nothing is paid, the decline is on the timeline, and the refund is offered again', async () => {
    const { caseId, requestId } = await heldRefund();
    expect(
      (await call(agent.post(`/admin/cases/${caseId}/approvals/${requestId}`, { decision: 'decline' }))).status,
    ).toBe(403);
    const res = await call(
      manager.post(`/admin/cases/${caseId}/approvals/${requestId}`, { decision: 'decline', reason: 'Item was worn.' }),
    );
    expect(decodeURIComponent(res.headers.get('location')!)).toContain('notice=Declined: $145.00 will not be paid.');
    expect(await count('SELECT COUNT(*) AS n FROM refunds WHERE case_id = ?', caseId)).toBe(0);
    const event = await env.DB.prepare(
      "SELECT actor, data FROM case_events WHERE case_id = ? AND type = 'ApprovalDeclined'",
    )
      .bind(caseId)
      .first<{ actor: string; data: string }>();
    expect(JSON.parse(event!.data)).toMatchObject({ requestId, amountMinor: 14_500, reason: 'Item was worn.' });
    const html = await page(manager, caseId);
    expect(html).toContain('data-event="ApprovalDeclined"');
    expect(offered(html)[0]).toBe('refund');
  });
});
