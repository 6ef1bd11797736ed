/**
 * The weekly review in Debian's Chromium, against `npm run dev` and its 90 days of demo history:
 * the early warning names the spiking SKU (TEE-NVY-M, defects), its line is in a recent week's
 * review, and the manager opens an action item on that line, which the review then lists.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { adminToken, type Harness, startHarness } from './harness';

const SHOP = 'demo-shop.myshopify.com';
const SPIKE = 'TEE-NVY-M|defective';
let h: Harness;
let admin: BrowserContext;

before(async () => {
  h = await startHarness();
  admin = await h.newContext({ viewport: { width: 1280, height: 900 } });
  admin.setDefaultTimeout(90_000);
  admin.setDefaultNavigationTimeout(90_000);
});
after(async () => {
  await h?.stop();
});

async function signIn(page: Page): Promise<void> {
  await page.goto('/admin');
  await page.waitForURL(/\/admin\/login/);
  await page.fill('input[name=shop]', SHOP);
  await page.fill('input[name=token]', adminToken());
  await page.click('button[type=submit]');
  await page.waitForURL((u) => u.pathname === '/admin');
}

/** A cron tick (the harness runs no ticker) evaluates the history; the warning shows once it has run. */
async function waitForWarning(page: Page): Promise<void> {
  const tick = await fetch(`${h.baseUrl}/__scheduled?cron=*+*+*+*+*`);
  assert.equal(tick.status, 200);
  for (let i = 0; i < 30; i++) {
    await page.goto('/admin/review');
    if ((await page.locator('[data-alert="sku:TEE-NVY-M:defect_rate"]').count()) === 1) return;
    await page.waitForTimeout(2000);
  }
  assert.fail('no early warning for TEE-NVY-M');
}

/** The spike began two weeks ago: its line is in last week's review or one of the two before. */
async function openWeekWithSpike(page: Page): Promise<void> {
  for (let back = 0; back < 3; back++) {
    if ((await page.locator(`tr[data-problem="${SPIKE}"]`).count()) > 0) return;
    await page.click('nav.filters a >> nth=0');
    await page.waitForLoadState();
  }
  assert.fail(`no ${SPIKE} line in the last three reviews`);
}

test('review: the spiking SKU is warned about and an action item is opened on its line', async () => {
  const page = await admin.newPage();
  await signIn(page);
  await waitForWarning(page);
  assert.match((await page.textContent('h1')) ?? '', /Weekly review \d{4}-W\d{2}/);
  await openWeekWithSpike(page);

  const row = page.locator(`tr[data-problem="${SPIKE}"]`).first();
  await row.locator('summary').click();
  await row.locator('input[name=owner]').fill('Mia (sourcing)');
  await row.locator('input[name=title]').fill('Supplier: check stitching on TEE-NVY-M');
  await row.locator('button[type=submit]').click();
  await page.waitForURL(/opened=1/);
  assert.ok((await page.textContent('.notice'))?.includes('Action item opened.'));
  const item = page.locator('tr[data-action-item]');
  assert.equal(await item.count(), 1);
  const text = (await item.textContent()) ?? '';
  assert.ok(text.includes('Supplier: check stitching on TEE-NVY-M') && text.includes('Mia (sourcing)'), text);
  await h.screenshot(page, 'admin-review');
});
