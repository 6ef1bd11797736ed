/**
 * The merchant's admin in Debian's Chromium, against `npm run dev` (the Portal area's harness):
 * sign in; change the return window and see the shopper page follow; approve and refund a case the
 * shopper opened on the shopper page (the case page leading with Approve, not Refund), exchange a
 * return by variant name; replay a dead-lettered webhook event; screenshots of the
 * queue, a case and the dashboard under test-results/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { adminToken, root, runAxe, startHarness, type Harness } from './harness';

const SHOP = 'demo-shop.myshopify.com';
let h: Harness;
let stateDir: string;
let admin: BrowserContext;
let shopper: BrowserContext;

before(async () => {
  h = await startHarness();
  // Its own state, not the newest temp dir: other dev servers may be running beside it.
  stateDir = h.stateDir;
  admin = await h.newContext({ viewport: { width: 1280, height: 900 } });
  shopper = await h.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
  // Two shared cores under parallel test runs: the first requests may take a while to compile.
  for (const c of [admin, shopper]) {
    c.setDefaultTimeout(90_000);
    c.setDefaultNavigationTimeout(90_000);
  }
});
after(async () => {
  await h?.stop();
});

async function seriousViolations(page: Page): Promise<string[]> {
  return (await runAxe(page))
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A return the shopper opened on `order` (through the Shopper API), approved and received by the operator. */
async function receivedDemoReturn(order: string): Promise<string> {
  const json = { 'content-type': 'application/json' };
  const lookup = await fetch(`${h.baseUrl}/api/portal/${SHOP}/lookup`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ order, email: 'shopper@example.com' }),
  });
  const { token, order: found } = (await lookup.json()) as { token: string; order: { lines: Array<{ id: string }> } };
  const opened = await fetch(`${h.baseUrl}/api/portal/${SHOP}/returns`, {
    method: 'POST',
    headers: { ...json, authorization: `Bearer ${token}` },
    body: JSON.stringify({
      items: [{ lineItemId: found.lines[0]!.id, quantity: 1, reason: 'too_small' }],
      resolution: 'refund',
      method: 'drop_off',
    }),
  });
  assert.equal(opened.status, 201);
  const { id } = (await opened.json()) as { id: string };
  for (const action of ['approve', 'receive']) {
    const res = await fetch(`${h.baseUrl}/api/admin/cases/${id}/actions`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${adminToken()}`, 'x-shop-domain': SHOP },
      body: JSON.stringify({ action }),
    });
    assert.equal(res.status, 200, `${action}: ${await res.text()}`);
  }
  return id;
}

async function lookup(page: Page, order: string): Promise<void> {
  await page.goto(`/portal/${SHOP}`);
  await page.fill('#order', order);
  await page.fill('#email', 'shopper@example.com');
  await page.click('button[type=submit]');
  await page.waitForURL(/\/order$/);
}

test('admin: sign in, policy change reaches the shopper page, approve and refund, replay, screenshots', async () => {
  const page = await admin.newPage();

  // 1. Sign in with the admin token.
  await page.goto('/admin');
  await page.waitForURL(/\/admin\/login/);
  await page.fill('input[name=shop]', SHOP);
  await page.fill('input[name=token]', adminToken());
  await page.click('button[type=submit]');
  await page.waitForURL((u) => u.pathname === '/admin');
  assert.equal(await page.textContent('h1'), 'Case queue');

  // 2. Order #1003 was delivered 60 days ago: outside the 30-day window…
  const shop = await shopper.newPage();
  await lookup(shop, '#1003');
  assert.ok((await shop.textContent('main'))?.includes('The return window ended on'), 'ineligible before the change');
  assert.equal(await shop.locator('select[name^=qty_]').count(), 0);
  // …the merchant widens the window to 90 days…
  await page.goto('/admin/policy');
  await page.getByLabel('Return window (days after delivery)').fill('90');
  await page.getByRole('button', { name: 'Save policy' }).first().click();
  await page.waitForURL(/saved=1/);
  assert.equal(await page.getByLabel('Return window (days after delivery)').inputValue(), '90');
  // …and the shopper page follows.
  await lookup(shop, '#1003');
  assert.ok(!(await shop.textContent('main'))?.includes('The return window ended on'), 'eligible after the change');
  const lineId = ((await shop.locator('select[name^=qty_]').first().getAttribute('name')) ?? '').slice(4);
  assert.ok(lineId);

  // 3. The shopper opens a refund return on the shopper page.
  await shop.selectOption(`#qty_${lineId}`, '1');
  await shop.selectOption(`#reason_${lineId}`, 'too_small');
  await shop.check('#res-refund');
  await shop.check('#m-drop_off');
  await shop.locator('#return-form button[type=submit]').click();
  // The review step puts the articles linked to the reason first (served at /review itself); go on.
  await shop.waitForURL(/\/review$/);
  await shop.locator('button[name=outcome][value=continued]').click();
  await shop.locator('form[action$="/submit"]').waitFor();
  await shop.getByRole('button', { name: 'Submit my return' }).click();
  await shop.waitForURL(/\/returns\/case_[A-Z0-9]+\?new=1$/);
  const caseId = /\/returns\/(case_[A-Z0-9]+)/.exec(shop.url())![1]!;

  // 4. It is in the queue; the merchant approves, then refunds it.
  await page.goto('/admin');
  assert.equal(await page.locator(`tr[data-case="${caseId}"]`).count(), 1);
  await h.screenshot(page, 'admin-queue');
  // j walks the case links of the queue (k goes back), Enter opens the focused one.
  const focusedHref = () =>
    page.evaluate<string>("(document.activeElement && document.activeElement.getAttribute('href')) || ''");
  // Single keys are off until the member turns them on (a stray key must not approve a return).
  await page.keyboard.press('j');
  assert.equal(await focusedHref(), '', 'j does nothing while single keys are off');
  await page.locator('#keys-help > summary').click();
  await page.getByRole('checkbox', { name: /^Use single-key shortcuts/ }).check();
  await page.locator('h1').first().click();
  for (let i = 0; i < 50 && !(await focusedHref()).endsWith(caseId); i++) await page.keyboard.press('j');
  assert.equal(await focusedHref(), `/admin/cases/${caseId}`, 'j reaches the new case');
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`/admin/cases/${caseId}`));
  // A requested return leads with Approve, offers Reject, and not Refund; why not is one click away.
  const next = page.getByRole('form', { name: 'Next step: Approve' });
  assert.equal(await next.getByRole('button', { name: 'Approve', exact: true }).count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Reject', exact: true }).count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Refund', exact: true }).count(), 0);
  await page.getByText('Why can’t I…?').click();
  assert.match(
    (await page.locator('li[data-blocked=refund]').textContent()) ?? '',
    /not possible while the case is requested/,
  );
  assert.deepEqual(await seriousViolations(page), []);
  // The keyboard: "?" opens the shortcut list, "r" goes to the reply box (where "a" is only a letter),
  // and "a" outside a field approves.
  await page.locator('h1').click();
  await page.keyboard.press('?');
  assert.ok(await page.getByRole('term').filter({ hasText: '?' }).isVisible(), 'the list is open');
  assert.ok(await page.getByRole('definition').filter({ hasText: 'Show this list' }).isVisible());
  await page.keyboard.press('r');
  const reply = page.getByRole('textbox', { name: /^Reply to the customer/ });
  assert.ok(await reply.evaluate((e) => e.ownerDocument.activeElement === e), 'r focuses the reply');
  await page.keyboard.type('a');
  assert.equal(await reply.inputValue(), 'a');
  assert.equal(await page.getAttribute('h1 [data-status]', 'data-status'), 'requested', 'typing approves nothing');
  await reply.fill('');
  await page.locator('h1').click();
  await page.keyboard.press('a');
  await page.waitForURL(/notice=/);
  assert.equal(await page.getAttribute('h1 [data-status]', 'data-status'), 'approved');
  await page.getByRole('button', { name: 'Refund', exact: true }).click();
  await page.waitForURL(/notice=/);
  // The refund is paid by the `issue-refund` job; its success closes the case. The job may already
  // have run by the time the page loads, so "resolved" (paying) and "closed" (paid) are both right
  // here; then wait for the payout to land.
  assert.ok(
    ['resolved', 'closed'].includes((await page.getAttribute('h1 [data-status]', 'data-status')) ?? ''),
    'resolved by the refund',
  );
  for (let i = 0; i < 60 && (await page.getAttribute('h1 [data-status]', 'data-status')) !== 'closed'; i++) {
    await page.waitForTimeout(250);
    await page.reload();
  }
  assert.equal(
    await page.getAttribute('h1 [data-status]', 'data-status'),
    'closed',
    'the local refund adapter paid and the case closed',
  );
  assert.match(
    (await page.locator('[data-refund=succeeded]').textContent()) ?? '',
    /^Refund \$\d+\.\d\d · \w+: succeeded$/,
    'the refund is recorded on the case',
  );
  await h.screenshot(page, 'admin-case');

  // 4b. The sneakers of #1002 are exchanged for another size, chosen by its name, stock and price.
  const exchangeCase = await receivedDemoReturn('#1002');
  await page.goto(`/admin/cases/${exchangeCase}`);
  await page.getByRole('combobox', { name: /exchange for/ }).selectOption({ label: 'EU 43 · 2 in stock · same price' });
  await page.getByRole('button', { name: 'Exchange', exact: true }).click();
  await page.waitForURL(/notice=/);
  assert.equal(await page.getAttribute('h1 [data-status]', 'data-status'), 'resolved');
  assert.equal(await page.locator('[data-event=CaseResolved]').count(), 1);
  await h.screenshot(page, 'admin-case-exchange');

  // 5. A dead-lettered webhook (stored as the DLQ consumer leaves it) is replayed from Operations.
  const body = readFileSync(join(root, 'test', 'fixtures', 'shopify', 'orders__create.json'), 'utf8').replaceAll(
    "'",
    "''",
  );
  const headers = JSON.stringify({ 'x-shopify-topic': 'orders/create', 'x-shopify-shop-domain': SHOP });
  const evt = `evt_${'01E2EREPLAY'.padEnd(26, '0')}`;
  const sql = `INSERT INTO webhook_events (id, source, delivery_id, topic, shop_domain, shop_id, headers, body, status, attempts, last_error, received_at)
    VALUES ('${evt}', 'shopify', 'e2e-replay-1', 'orders/create', '${SHOP}', (SELECT id FROM shops WHERE domain = '${SHOP}'), '${headers}', '${body}', 'failed', 6, 'retries exhausted', ${Date.now()})`;
  const r = spawnSync(
    join(root, 'node_modules', '.bin', 'wrangler'),
    ['d1', 'execute', 'DB', '--local', '--persist-to', stateDir, '--command', sql],
    {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true' },
      encoding: 'utf8',
    },
  );
  assert.equal(r.status, 0, r.stderr);
  await page.goto('/admin/operations');
  assert.equal(await page.locator(`tr[data-event-id="${evt}"][data-status=failed]`).count(), 1);
  await page.click(`tr[data-event-id="${evt}"] button[type=submit]`);
  await page.waitForURL(/notice=/);
  assert.ok((await page.textContent('.notice'))?.includes('Replayed orders/create: processed'));
  assert.equal(await page.locator(`tr[data-event-id="${evt}"][data-status=processed]`).count(), 1);

  // 6. The dashboard.
  await page.goto('/admin/dashboard');
  assert.ok(await page.isVisible('[data-metric=order-return-rate]'));
  await h.screenshot(page, 'admin-dashboard');
});
