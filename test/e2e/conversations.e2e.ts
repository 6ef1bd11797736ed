/**
 * A conversation end to end in Debian's Chromium with JavaScript off: a question arrives by email
 * (wrangler's local email delivery), the merchant answers from the admin API, the shopper finds the
 * answer on the status page and replies there with the plain form, and the merchant sees that reply
 * on the case and on the customer's profile. Then the customer's file and the support-email settings
 * in the browser, in German, each passing axe-core.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { adminToken, phone, runAxe, startHarness, type Harness } from './harness';

const SHOP = 'demo-shop.myshopify.com';
let h: Harness;

before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.stop();
});

const admin = (path: string, init: RequestInit = {}) =>
  fetch(`${h.baseUrl}/api/admin${path}`, {
    ...init,
    headers: { authorization: `Bearer ${adminToken()}`, 'x-shop-domain': SHOP, 'content-type': 'application/json' },
  });

interface CaseDetail {
  case: { id: string; customerId: string };
  messages: Array<{ direction: string; text: string }>;
}

test('the shopper replies on the status page; the merchant sees it on the case and the profile', async () => {
  const mail = [
    'From: Sam Shopper <shopper@example.com>',
    'To: support@demo-shop.example',
    'Subject: Gift wrap for order #1008',
    `Message-ID: <e2e.${Date.now()}@example.com>`,
    '',
    'Hello, could you gift-wrap order #1008 before it ships?',
    '',
  ].join('\r\n');
  const delivered = await fetch(
    `${h.baseUrl}/cdn-cgi/handler/email?from=shopper%40example.com&to=support%40demo-shop.example`,
    { method: 'POST', body: mail },
  );
  assert.equal(delivered.status, 200);
  const list = (await (await admin('/cases?type=inquiry')).json()) as {
    cases: Array<{ id: string; orderName: string }>;
  };
  const caseId = list.cases.find((c) => c.orderName === '#1008')?.id;
  assert.ok(caseId, 'the email opened an inquiry');
  const replied = await admin(`/cases/${caseId}/actions`, {
    method: 'POST',
    body: JSON.stringify({ action: 'reply', body: 'Of course — we will wrap it in red paper.' }),
  });
  assert.equal(replied.status, 200);

  const context = await h.newContext({ ...phone, locale: 'en-US', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/portal/${SHOP}`);
  await page.fill('#order', '#1008');
  await page.fill('#email', 'shopper@example.com');
  await page.click('button[type=submit]');
  await page.waitForURL(/\/order$/);
  await page.goto(`/portal/${SHOP}/returns/${caseId}`);
  assert.ok(await page.getByText('Of course — we will wrap it in red paper.').isVisible());
  await page.fill('#message-body', 'Thank you! Green would be even better.');
  await page.getByRole('button', { name: 'Send message' }).click();
  await page.waitForURL(/sent=1/);
  assert.ok(await page.getByText('Thank you! Green would be even better.').isVisible());
  await h.screenshot(page, 'conversation-status-page');

  const detail = (await (await admin(`/cases/${caseId}`)).json()) as CaseDetail;
  assert.deepEqual(
    detail.messages.map((m) => m.direction),
    ['in', 'out', 'in'],
  );
  assert.equal(detail.messages[2]?.text, 'Thank you! Green would be even better.');
  const profile = (await (await admin(`/customers/${detail.case.customerId}`)).json()) as CaseDetail;
  assert.ok(profile.messages.some((m) => m.text === 'Thank you! Green would be even better.'));
});

async function assertAccessible(page: Page, name: string): Promise<void> {
  const violations = await runAxe(page);
  assert.deepEqual(
    violations.map((v) => `${v.id} (${v.impact}): ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe violations on ${name}`,
  );
}

test('the customer file and the support-email settings, in German, pass axe', async () => {
  const context = await h.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
  context.setDefaultTimeout(90_000);
  const page = await context.newPage();
  await page.goto('/admin/login');
  await page.fill('input[name=shop]', SHOP);
  await page.fill('input[name=token]', adminToken());
  await page.click('button[type=submit]');
  await page.waitForURL((u) => u.pathname === '/admin');

  await page.goto('/admin/customers?q=shopper%40example.com');
  assert.equal(await page.textContent('h1'), 'Kunden');
  await assertAccessible(page, 'the customer list');
  await page.getByRole('link', { name: 'Sam Shopper' }).first().click();
  await page.waitForURL(/\/admin\/customers\/cus_/);
  assert.ok((await page.textContent('main'))?.includes('Vorgänge aus allen Kanälen'));
  assert.ok((await page.textContent('main'))?.includes('Thank you! Green would be even better.'));
  await assertAccessible(page, 'the customer file');
  await h.screenshot(page, 'customer-profile-de');

  await page.goto('/admin/settings/email');
  assert.ok((await page.textContent('main'))?.includes('support@demo-shop.example'));
  await page.fill('input[name=address]', 'kontakt@demo-shop.example');
  await page.getByRole('button', { name: 'Adresse hinzufügen' }).click();
  await page.waitForURL(/done=added/);
  assert.ok((await page.textContent('main'))?.includes('kontakt@demo-shop.example hinzugefügt.'));
  await assertAccessible(page, 'the support-email settings');
  await h.screenshot(page, 'support-email-de');
});
