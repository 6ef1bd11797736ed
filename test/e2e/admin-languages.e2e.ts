/**
 * The admin in German and Chinese in Debian's Chromium (issue 20): the operator signs in from a
 * German and from a Chinese browser; every screen this change converted shows its heading in that
 * language (the other screens: their page language), axe-core finds no serious or critical violation, and a screenshot of each lands in
 * test-results/. `GET /` is checked the same way. A new shop's admin opens on the setup checklist.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { shopifyOrderCreate } from '../../bench/payloads';
import { adminToken, runAxe, startHarness, type Harness } from './harness';

const SHOP = 'demo-shop.myshopify.com';
let h: Harness;

before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.stop();
});

/** Path → the page's h1 in German and in Chinese. */
const screens: Array<[string, string, string]> = [
  ['/admin', 'Fall-Warteschlange', '工单队列'],
  ['/admin/dashboard', 'Übersicht', '数据看板'],
  ['/admin/sla', 'Servicezeiten', '服务时效'],
  ['/admin/operations', 'Betrieb', '运维'],
  ['/admin/templates', 'Benachrichtigungsvorlagen', '通知模板'],
  ['/admin/team', 'Team', '团队'],
  ['/admin/setup', 'Shop einrichten', '完成店铺设置'],
  ['/admin/settings/return-address', 'Rücksendeadresse', '退货地址'],
  ['/admin/activity', 'Aktivität', '操作记录'],
];

/** The other admin screens (their owners test their words): the page's language, axe and a screenshot. */
const moreScreens = [
  '/admin/review',
  '/admin/policy',
  '/admin/help',
  '/admin/help/procedures',
  '/admin/customers',
  '/admin/settings/email',
];

async function accessible(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('load');
  await h.screenshot(page, name);
  const serious = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    serious.map((v) => `${v.id} (${v.impact}): ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe violations on ${name}`,
  );
}

for (const [locale, column] of [
  ['de-DE', 1],
  ['zh-CN', 2],
] as const) {
  test(`the admin in ${locale}: every converted screen in that language, accessible`, async () => {
    const context = await h.newContext({ viewport: { width: 1280, height: 900 }, locale });
    context.setDefaultTimeout(90_000);
    context.setDefaultNavigationTimeout(90_000);
    const page = await context.newPage();
    await page.goto('/');
    assert.match((await page.getAttribute('html', 'lang')) ?? '', locale === 'de-DE' ? /^de$/ : /^zh-CN$/);
    await accessible(page, `admin-lang-home-${locale}`);

    await page.goto('/admin');
    await page.waitForURL(/\/admin\/login/);
    await accessible(page, `admin-lang-login-${locale}`);
    await page.fill('form[action="/admin/login"] input[name=shop]', SHOP);
    await page.fill('input[name=token]', adminToken());
    await page.click('form[action="/admin/login"] button[type=submit]');
    await page.waitForURL((u) => u.pathname === '/admin');

    for (const row of screens) {
      await page.goto(row[0]);
      assert.equal((await page.textContent('h1'))?.trim(), row[column], row[0]);
      await accessible(page, `admin-lang${row[0].replaceAll('/', '-')}-${locale}`);
    }
    for (const path of moreScreens) {
      const res = await page.goto(path);
      assert.equal(res?.status(), 200, path);
      assert.equal(await page.getAttribute('html', 'lang'), locale === 'de-DE' ? 'de' : 'zh-CN', path);
      await accessible(page, `admin-lang${path.replaceAll('/', '-')}-${locale}`);
    }
    // A case page, and a customer's file, reached by their links as a person would.
    await page.goto('/admin');
    await page.locator('main table a[href^="/admin/cases/"]').first().click();
    await page.waitForURL(/\/admin\/cases\//);
    await accessible(page, `admin-lang-case-${locale}`);
    await page.goto('/admin/customers');
    await page.locator('main a[href^="/admin/customers/cus_"]').first().click();
    await page.waitForURL(/\/admin\/customers\/cus_/);
    await accessible(page, `admin-lang-customer-${locale}`);
    await context.close();
  });
}

/** Signs the operator in to `shop`; a shop a webhook has just announced exists once its event is applied. */
async function signIn(page: Page, shop: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await page.goto('/admin/login');
    await page.fill('form[action="/admin/login"] input[name=shop]', shop);
    await page.fill('input[name=token]', adminToken());
    await page.click('form[action="/admin/login"] button[type=submit]');
    await page.waitForLoadState('load');
    if (new URL(page.url()).pathname === '/admin') return;
    assert.ok(attempt < 30, `${shop} never appeared`);
    await page.waitForTimeout(1000);
  }
}

test('a new shop opens on the setup checklist, and a step links to where it is done', async () => {
  const shop = `setup-e2e-${Date.now()}.myshopify.com`;
  const order = shopifyOrderCreate(8_100_001, shop);
  const res = await fetch(h.baseUrl + order.path, { method: 'POST', headers: order.headers, body: order.body });
  assert.equal(res.status, 200);
  const context = await h.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
  context.setDefaultTimeout(90_000);
  const page = await context.newPage();
  await signIn(page, shop);
  const card = page.locator('section[aria-labelledby=setup-card-title]');
  assert.equal((await card.locator('h2').textContent())?.trim(), 'Shop einrichten');
  assert.equal((await card.locator('li[data-setup-item=returnAddress] .pill').textContent())?.trim(), 'Offen');
  await accessible(page, 'admin-setup-new-shop-queue-de-DE');

  await card.locator('li[data-setup-item=returnAddress] a').click();
  await page.waitForURL((u) => u.pathname === '/admin/settings/return-address');
  await page.fill('input[name=name]', 'Retourenlager');
  await page.fill('input[name=address1]', 'Hauptstraße 5');
  await page.fill('input[name=city]', 'Berlin');
  await page.fill('input[name=zip]', '10115');
  await page.fill('input[name=countryCode]', 'DE');
  await page.click('form[action="/admin/settings/return-address"] button[type=submit]');
  await page.waitForURL((u) => u.pathname === '/admin/settings/return-address' && u.search === '?saved=1');
  await page.goto('/admin/setup');
  const item = page.locator('li[data-setup-item=returnAddress] .pill');
  assert.equal((await item.textContent())?.trim(), 'Erledigt');
  // "Später erledigen" hides it from the queue, without any script.
  await page.click('form[action="/admin/setup/dismiss"] button');
  await page.waitForURL((u) => u.pathname === '/admin/setup');
  await page.goto('/admin');
  assert.equal(await page.locator('#setup-card-title').count(), 0);
  // Both changes are on the activity screen, newest first, with the address fields that changed.
  await page.goto('/admin/activity');
  const rows = page.locator('main table tr td:nth-child(3)');
  assert.deepEqual((await rows.allTextContents()).slice(0, 2), [
    'Einrichtungs-Checkliste vorerst übersprungen',
    'Rücksendeadresse geändert',
  ]);
  assert.ok((await page.textContent('main table'))?.includes('Hauptstraße 5'));
  await accessible(page, 'admin-activity-new-shop-de-DE');
  await context.close();
});
