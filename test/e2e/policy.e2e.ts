/**
 * The policy screen in Debian's Chromium, by the controls' accessible names (no JSON typed): the
 * merchant adds a reason with a Chinese label and a photo requirement and a Chinese shopper sees it;
 * builds an auto-approve rule from the menus and watches "try it" approve an order with that rule;
 * the screen in Chinese for a Chinese browser. Every state passes axe-core; screenshots land in
 * test-results/.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { adminToken, phone, runAxe, startHarness, type Harness } from './harness';

const SHOP = 'demo-shop.myshopify.com';
let h: Harness;
let admin: BrowserContext;

before(async () => {
  h = await startHarness();
  admin = await h.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  admin.setDefaultTimeout(90_000);
  admin.setDefaultNavigationTimeout(90_000);
});
after(async () => {
  await h?.stop();
});

async function accessible(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('load');
  await h.screenshot(page, name);
  const violations = await runAxe(page);
  assert.deepEqual(
    violations.map((v) => `${v.id} (${v.impact}): ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe violations on ${name}`,
  );
}

/** Clicks a button that submits the form and waits for the page it answers with. */
async function submit(page: Page, button: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('load'), button.click()]);
}

async function signIn(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/admin/login');
  await page.fill('input[name=shop]', SHOP);
  await page.fill('input[name=token]', adminToken());
  await page.click('button[type=submit]');
  await page.waitForURL((u) => u.pathname === '/admin');
  return page;
}

test('policy screen: a reason with a Chinese label and a photo, an auto-approve rule tried on an order', async () => {
  const page = await signIn(admin);
  await page.goto('/admin/policy');
  await accessible(page, 'admin-policy-1-en');

  // 1. A new reason, labelled in Chinese, that needs a photo.
  await submit(page, page.getByRole('button', { name: 'Add reason' }));
  const reason = page.getByRole('group', { name: /: New reason$/ });
  await reason.getByLabel('Label in English').fill('Box crushed');
  await reason.getByLabel('Label in Chinese (Simplified)').fill('外包装压坏');
  await reason.getByLabel('Photo required').check();
  await submit(page, page.getByRole('button', { name: 'Save policy' }).first());
  assert.match(page.url(), /saved=1/);
  assert.equal(await page.getByRole('group', { name: /: Box crushed$/ }).count(), 1);

  // …which a Chinese shopper is offered, among the reasons that need a photo.
  const shopper = await h.newContext({ ...phone, locale: 'zh-CN' });
  const shop = await shopper.newPage();
  shop.setDefaultTimeout(90_000);
  await shop.goto(`/portal/${SHOP}`);
  await shop.fill('#order', '#1001');
  await shop.fill('#email', 'shopper@example.com');
  await shop.click('button[type=submit]');
  await shop.waitForURL(/\/order$/);
  const options = await shop.locator('select[id^=reason_] option').allTextContents();
  assert.ok(options.includes('外包装压坏'), `offered: ${options.join(', ')}`);
  assert.ok((await shop.textContent('main'))?.includes('外包装压坏'), 'named in the photo hint');
  await shopper.close();

  // 2. An auto-approve rule from the menus: when the reason is "Too small", approve.
  await submit(page, page.getByRole('button', { name: 'Add auto-approve rule' }));
  const rule = page.getByRole('group', { name: 'Auto-approve rule 1' });
  await rule.getByLabel('Name', { exact: true }).fill('Size swaps');
  await rule.getByLabel('Add a condition on').selectOption({ label: 'Return reason' });
  await submit(page, rule.getByRole('button', { name: 'Add condition' }));
  const condition = page.getByRole('group', { name: 'Condition 1: Return reason' });
  assert.equal(await condition.getByLabel('Operator').inputValue(), 'eq');
  // The little script (allowed by its CSP hash): a new operator shows the page again with its value
  // control, here checkboxes for "is one of".
  await Promise.all([page.waitForEvent('load'), condition.getByLabel('Operator').selectOption({ label: 'is one of' })]);
  await page.getByRole('group', { name: 'Condition 1: Return reason' }).getByLabel('Too small').check();
  await page.getByRole('group', { name: 'Auto-approve rule 1' }).getByLabel('Then', { exact: true }).selectOption({
    label: 'Approve automatically',
  });

  // 3. Try it on order #1001 before saving: the rule fires and says why.
  const trial = page.getByRole('group', { name: 'Try it on an order' });
  await trial.getByLabel('Order').fill('#1001');
  await trial.getByLabel('Reason').selectOption({ label: 'Too small' });
  await submit(page, trial.getByRole('button', { name: 'Try it' }));
  assert.equal(await page.getAttribute('[data-decision]', 'data-decision'), 'approve');
  assert.ok((await page.textContent('#try'))?.includes('the rule “Size swaps” fires.'));
  assert.ok((await page.textContent('#try li[data-fires=true]'))?.includes('Return reason is one of Too small'));
  await accessible(page, 'admin-policy-2-try-it');
  await submit(page, page.getByRole('button', { name: 'Save policy' }).first());
  assert.match(page.url(), /saved=1/);
  assert.equal(
    await page.getByRole('group', { name: 'Auto-approve rule 1' }).getByLabel('Name', { exact: true }).inputValue(),
    'Size swaps',
  );
});

test('policy screen in Chinese for a Chinese browser, still accessible', async () => {
  const zh = await h.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  zh.setDefaultTimeout(90_000);
  const page = await signIn(zh);
  await page.goto('/admin/policy');
  assert.equal(await page.textContent('h1'), '退货政策');
  assert.equal(await page.getByRole('button', { name: '添加原因' }).count(), 1);
  await accessible(page, 'admin-policy-3-zh');
  await zh.close();
});
