import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { fixedClock } from '../../src/lib/clock';
import type { Alert } from '../../src/review/alerts';
import { evaluateWarnings } from '../../src/review/warnings';
import { createServices } from '../../src/services';
import { adminSession } from '../admin/admin-session';

/**
 * Early warnings through the cron step: a SKU sells 30 a day with one defective return; its
 * defect rate then jumps to five a day, and later falls to none. One alert opens for the episode
 * (email and merchant webhook once), further ticks add nothing, and it closes on recovery.
 */
const db = env.DB;
const SHOP = 'shop_warnings';
const DOMAIN = 'warnings.myshopify.com';
const DAY = 86_400_000;
const D0 = Math.floor(Date.UTC(2026, 6, 1) / DAY);
const tickAfter = (day: number) =>
  evaluateWarnings(createServices(env, { clock: fixedClock((day + 1) * DAY + 3_600_000) }));
const auth = { authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm', 'x-shop-domain': DOMAIN };

async function sellDays(from: number, to: number, defectsPerDay: number) {
  const statements = [];
  for (let day = from; day < to; day++) {
    const at = day * DAY + 12 * 3_600_000;
    statements.push(
      db
        .prepare(
          `INSERT INTO orders (id, shop_id, platform_id, name, currency, processed_at, created_at, updated_at) VALUES (?1, ?2, ?1, ?1, 'USD', ?3, ?3, ?3)`,
        )
        .bind(`${SHOP}_o${day}`, SHOP, at),
      db
        .prepare(
          `INSERT INTO order_lines (id, shop_id, order_id, platform_id, product_id, sku, title, quantity, price_minor, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?1, 'P-TEE', 'SKU-X', 'Tee', 30, 1000, 0, 0)`,
        )
        .bind(`${SHOP}_l${day}`, SHOP, `${SHOP}_o${day}`),
    );
    if (defectsPerDay === 0) continue;
    statements.push(
      db
        .prepare(
          `INSERT INTO cases (id, shop_id, order_id, number, type, status, source, currency, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'return', 'closed', 'portal', 'USD', ?5, ?5)`,
        )
        .bind(`${SHOP}_c${day}`, SHOP, `${SHOP}_o${day}`, day, at + 3_600_000),
      db
        .prepare(
          `INSERT INTO case_items (id, shop_id, case_id, order_line_id, sku, quantity, reason, unit_price_minor, created_at) VALUES (?1, ?2, ?3, ?4, 'SKU-X', ?5, 'defective', 1000, 0)`,
        )
        .bind(`${SHOP}_i${day}`, SHOP, `${SHOP}_c${day}`, `${SHOP}_l${day}`, defectsPerDay),
    );
  }
  await db.batch(statements);
}

const skuAlerts = async () =>
  (
    await db
      .prepare(
        `SELECT status, opened_day, closed_at FROM alerts WHERE shop_id = ?1 AND kind = 'sku' AND subject = 'SKU-X' AND metric = 'defect_rate'`,
      )
      .bind(SHOP)
      .all()
  ).results;
const messages = async () =>
  (
    await db
      .prepare(`SELECT channel, recipient, kind FROM notifications WHERE shop_id = ?1 ORDER BY channel, recipient`)
      .bind(SHOP)
      .all()
  ).results;

beforeAll(async () => {
  const settings = JSON.stringify({
    reviewRecipients: ['ops@warnings.example'],
    webhookUrl: 'https://hooks.example/aftercare',
  });
  await db
    .prepare(
      `INSERT INTO shops (id, domain, name, settings, created_at, updated_at) VALUES (?1, ?2, 'Warnings shop', ?3, 0, 0)`,
    )
    .bind(SHOP, DOMAIN, settings)
    .run();
  await sellDays(D0, D0 + 80, 1);
});

describe('early warnings', () => {
  it('stays quiet on a steady history, and a repeated tick evaluates nothing again', async () => {
    expect(await tickAfter(D0 + 79)).toMatchObject({ shops: 1, opened: 0, errors: 0 });
    expect(await tickAfter(D0 + 79)).toMatchObject({ shops: 0, opened: 0 });
    expect(await skuAlerts()).toEqual([]);
  });

  it('opens one alert when the defect rate jumps, on the dashboard, telling the review recipients and the webhook once', async () => {
    await sellDays(D0 + 80, D0 + 90, 5);
    await tickAfter(D0 + 89);
    const [alert, ...more] = await skuAlerts();
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ status: 'open', closed_at: null });
    expect(Number(alert?.opened_day)).toBeGreaterThanOrEqual(D0 + 80);
    const sent = await messages();
    expect(sent).toContainEqual({ channel: 'email', recipient: 'ops@warnings.example', kind: 'early_warning' });
    expect(sent).toContainEqual({
      channel: 'webhook',
      recipient: 'https://hooks.example/aftercare',
      kind: 'alert.opened',
    });

    const now = (D0 + 90) * DAY;
    const app = createApp({ services: (e) => createServices(e, { clock: fixedClock(now) }) });
    const dashboard = await app.fetch((await adminSession(DOMAIN, now)).get('/admin/dashboard'), env);
    expect(await dashboard.text()).toContain('data-alert="sku:SKU-X:defect_rate"');

    await sellDays(D0 + 90, D0 + 93, 5);
    await tickAfter(D0 + 92);
    await tickAfter(D0 + 92);
    expect(await skuAlerts()).toHaveLength(1);
    expect(await messages()).toEqual(sent);
  });

  it('closes the alert when the figure recovers, and lists it newest first', async () => {
    await sellDays(D0 + 93, D0 + 110, 0);
    await tickAfter(D0 + 109);
    const [alert, ...more] = await skuAlerts();
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ status: 'closed' });
    const app = createApp({ services: (e) => createServices(e, { clock: fixedClock((D0 + 110) * DAY) }) });
    const res = await app.request('/api/admin/alerts', { headers: auth }, env);
    expect(res.status).toBe(200);
    const { alerts } = (await res.json()) as { alerts: Alert[] };
    const defect = alerts.find((a) => a.kind === 'sku' && a.metric === 'defect_rate');
    expect(defect).toMatchObject({ subject: 'SKU-X', status: 'closed' });
    expect(defect?.observed).toBeGreaterThan(defect?.expected ?? 1);
    expect(alerts.map((a) => a.openedAt)).toEqual([...alerts.map((a) => a.openedAt)].sort((a, b) => b - a));
  });
});
