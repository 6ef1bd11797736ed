/**
 * The help center in Debian's Chromium on a phone: a shopper searches in Chinese (`退货`, a
 * two-character word), opens the article, marks it helpful; the dashboard's deflection figure (the
 * admin API's `deflection.answeredWithoutCase`) moves by one. Each page must pass axe-core.
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

async function answeredWithoutCase(): Promise<number> {
  const res = await fetch(`${h.baseUrl}/api/admin/metrics`, {
    headers: { authorization: `Bearer ${adminToken()}`, 'x-shop-domain': SHOP },
  });
  assert.equal(res.status, 200);
  const body = (await res.json()) as { deflection: { answeredWithoutCase: number } };
  return body.deflection.answeredWithoutCase;
}

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

test('a shopper searches the help center in Chinese, opens the article, marks it helpful', async () => {
  const before = await answeredWithoutCase();
  const context = await h.newContext({ ...phone, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`/portal/${SHOP}/help`);
  assert.equal(await page.textContent('h1'), '帮助中心');
  await accessible(page, 'help-1-home-zh');

  await page.fill('#q', '退货');
  await page.getByRole('button', { name: '搜索' }).click();
  await page.waitForURL(/\/help\?/);
  assert.equal(await page.locator('#results-h + ol mark').first().textContent(), '退货');
  await accessible(page, 'help-2-results-zh');

  await page.getByRole('link', { name: '退货政策' }).first().click();
  await page.waitForURL(/\/help\/return-policy\?/);
  assert.equal(await page.textContent('article h1'), '退货政策');
  await accessible(page, 'help-3-article-zh');

  await page.getByRole('button', { name: '是' }).click();
  await page.waitForURL(/thanks=1/);
  assert.equal((await page.textContent('[role=status]'))?.trim(), '感谢您的反馈。');
  await accessible(page, 'help-4-thanks-zh');
  await context.close();

  assert.equal(await answeredWithoutCase(), before + 1);
});

test('before a question is sent, the matching answers come first (German); the order shows its parcels', async () => {
  const context = await h.newContext({ ...phone, locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(`/portal/${SHOP}`);
  await page.fill('#order', '#1006');
  await page.fill('#email', 'shopper@example.com');
  await page.click('button[type=submit]');
  await page.waitForURL(/\/order$/);
  assert.equal(await page.textContent('#tracking'), 'Wo Ihre Bestellung ist');
  assert.ok(await page.isVisible('#tracking-card a[href="https://tracking.example/1006"]'));
  await page.fill('#contact-body', 'Wo ist meine Bestellung? Das Paket ist noch nicht da.');
  await page.getByRole('button', { name: 'Frage senden' }).click();
  await page.waitForURL(/\/contact$/);
  assert.equal(await page.textContent('h1'), 'Diese Antworten helfen vielleicht schon');
  await accessible(page, 'help-5-answers-first-de');
  await page.getByRole('button', { name: 'Das hat meine Frage beantwortet' }).click();
  await page.waitForURL(/\/order\?answered=1$/);
  assert.match((await page.textContent('[role=status]')) ?? '', /Schön, dass es geholfen hat/);
  await context.close();
});
