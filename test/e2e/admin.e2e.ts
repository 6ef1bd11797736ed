/**
 * The merchant's admin in Debian's Chromium, against `npm run dev` (the Portal area's harness):
 * sign in; change the return window and see the shopper page follow; approve and refund a case the
 * shopper opened on the shopper page; replay a dead-lettered webhook event; screenshots of the
 * queue, a case and the dashboard under test-results/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { adminToken, root, startHarness, type Harness } from './harness';

const SHOP = 'demo-shop.myshopify.com';
let h: Harness;
let stateDir: string;
let admin: BrowserContext;
let shopper: BrowserContext;

before(async () => {
  const started = Date.now() - 1000;
  h = await startHarness();
  // The harness keeps local state in a fresh temp dir; the newest one is this server's.
  stateDir = readdirSync(tmpdir())
    .filter((d) => d.startsWith('aftercare-e2e-state-'))
    .map((d) => join(tmpdir(), d))
    .filter((d) => statSync(d).mtimeMs >= started)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!;
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
  await page.fill('input[name=returnWindowDays]', '90');
  await page.click('button[name=intent][value=save]');
  await page.waitForURL(/saved=1/);
  assert.equal(await page.inputValue('input[name=returnWindowDays]'), '90');
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
  await shop.waitForURL(/\/answers\?d=/);
  await shop.locator('button[name=outcome][value=continued]').click();
  await shop.waitForURL(/\/review\?d=/);
  await shop.getByRole('button', { name: 'Submit my return' }).click();
  await shop.waitForURL(/\/returns\/case_[A-Z0-9]+\?new=1$/);
  const caseId = /\/returns\/(case_[A-Z0-9]+)/.exec(shop.url())![1]!;

  // 4. It is in the queue; the merchant approves, then refunds it.
  await page.goto('/admin');
  assert.equal(await page.locator(`tr[data-case="${caseId}"]`).count(), 1);
  await h.screenshot(page, 'admin-queue');
  await page.click(`tr[data-case="${caseId}"] a`);
  await page.waitForURL(new RegExp(`/admin/cases/${caseId}`));
  await page.click('form[data-action=approve] button[type=submit]');
  await page.waitForURL(/notice=/);
  assert.equal(await page.getAttribute('h1 [data-status]', 'data-status'), 'approved');
  await page.click('form[data-action=refund] button[type=submit]');
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
  assert.ok(
    (await page.textContent('main'))?.match(/refund \$\d+\.\d\d via \w+/),
    'the refund is recorded on the case',
  );
  await h.screenshot(page, 'admin-case');

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
