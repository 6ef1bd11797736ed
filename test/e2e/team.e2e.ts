/**
 * The team in Debian's Chromium against `npm run dev`: the demo manager signs in by emailed link,
 * assigns an unassigned case to an agent from the case page; the agent signs in by link in their
 * own browser and finds it under "Mine".
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { adminToken, startHarness, type Harness } from './harness';

const SHOP = 'demo-shop.myshopify.com';
let h: Harness;
let managerBrowser: BrowserContext;
let agentBrowser: BrowserContext;

before(async () => {
  h = await startHarness();
  managerBrowser = await h.newContext({ viewport: { width: 1280, height: 900 } });
  agentBrowser = await h.newContext({ viewport: { width: 1280, height: 900 } });
  for (const c of [managerBrowser, agentBrowser]) {
    c.setDefaultTimeout(90_000);
    c.setDefaultNavigationTimeout(90_000);
  }
});
after(async () => {
  await h?.stop();
});

const operator = () => ({
  authorization: `Bearer ${adminToken()}`,
  'x-shop-domain': SHOP,
  'content-type': 'application/json',
});

/** The newest sign-in link mailed to `email`, read from the outbox (local dev's mailbox). */
async function linkFor(email: string): Promise<string> {
  for (let i = 0; i < 60; i++) {
    const res = await fetch(`${h.baseUrl}/api/admin/outbox?kind=sign_in_link`, { headers: operator() });
    const body = (await res.json()) as { items?: Array<{ recipient: string; bodyText: string }> } & Record<
      string,
      unknown
    >;
    const items =
      body.items ?? (Object.values(body).find(Array.isArray) as Array<{ recipient: string; bodyText: string }>) ?? [];
    const mail = items.find((n) => n.recipient === email);
    const url = mail && /(https?:\/\/\S+\/admin\/login\/link\/\S+)/.exec(mail.bodyText)?.[1];
    if (url) return new URL(url).pathname;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no sign-in link for ${email}`);
}

/** Opens a return on the first demo order with an eligible line, through the Shopper API. */
async function openDemoReturn(): Promise<string> {
  const json = { 'content-type': 'application/json' };
  for (let n = 1001; n <= 1010; n++) {
    const lookup = await fetch(`${h.baseUrl}/api/portal/${SHOP}/lookup`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ order: `#${n}`, email: 'shopper@example.com' }),
    });
    if (!lookup.ok) continue;
    const { token, order } = (await lookup.json()) as {
      token: string;
      order: { lines: Array<{ id: string; eligible: boolean }> };
    };
    const line = order.lines.find((l) => l.eligible);
    if (!line) continue;
    const opened = await fetch(`${h.baseUrl}/api/portal/${SHOP}/returns`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${token}` },
      body: JSON.stringify({
        items: [{ lineItemId: line.id, quantity: 1, reason: 'too_small' }],
        resolution: 'refund',
        method: 'drop_off',
      }),
    });
    if (opened.status === 201) return ((await opened.json()) as { id: string }).id;
  }
  throw new Error('no demo order could open a return');
}

async function signInByLink(page: Page, email: string): Promise<void> {
  await page.goto('/admin/login');
  await page.fill('form[action="/admin/login/link"] input[name=shop]', SHOP);
  await page.fill('form[action="/admin/login/link"] input[name=email]', email);
  await page.click('form[action="/admin/login/link"] button[type=submit]');
  await page.waitForSelector('[role=status]');
  await page.goto(await linkFor(email));
  await page.waitForURL((u) => u.pathname === '/admin' && u.searchParams.get('view') === 'mine');
}

test('a manager assigns a case; the agent signs in by link and sees it under "Mine"', async () => {
  // The shopper opens a return; the operator unassigns it so the manager's assignment is what counts.
  const target = { id: await openDemoReturn() };
  const unassign = await fetch(`${h.baseUrl}/api/admin/cases/${target.id}/actions`, {
    method: 'POST',
    headers: operator(),
    body: JSON.stringify({ action: 'assign', memberId: null }),
  });
  assert.equal(unassign.status, 200);

  const manager = await managerBrowser.newPage();
  await signInByLink(manager, 'manager@demo-shop.example');
  await manager.goto(`/admin/cases/${target.id}`);
  await manager.getByRole('combobox', { name: 'Assign to' }).selectOption({ label: 'Alex Agent (agent)' });
  await manager.getByRole('button', { name: 'Assign', exact: true }).click();
  await manager.waitForURL(/notice=Assigned/);
  await h.screenshot(manager, 'team-case-assigned');

  const agent = await agentBrowser.newPage();
  await signInByLink(agent, 'agent@demo-shop.example');
  assert.equal(await agent.locator(`tr[data-case="${target.id}"]`).count(), 1, 'the case is under Mine');
  assert.ok((await agent.textContent('nav[aria-label="Queue views"]'))?.includes('Mine ('));
  await h.screenshot(agent, 'team-mine');
});
