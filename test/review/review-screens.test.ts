import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { fixedClock } from '../../src/lib/clock';
import { createServices } from '../../src/services';
import { adminSession, formFields } from '../admin/admin-session';

/** /admin/review: the figures of the week, and an action item opened from a problem line by its form. */
const db = env.DB;
const SHOP = 'shop_review_screen';
const DOMAIN = 'review-screen.myshopify.com';
const DAY = 86_400_000;
// 2026-W49 in UTC: Monday 30 Nov.
const W49 = Date.UTC(2026, 10, 30);
const NOW = W49 + 7 * DAY + 10 * 3_600_000;
const app = createApp({ services: (e) => createServices(e, { clock: fixedClock(NOW) }) });

beforeAll(async () => {
  await db
    .prepare(
      `INSERT INTO shops (id, domain, name, timezone, created_at, updated_at) VALUES (?1, ?2, 'Screen shop', 'UTC', 0, 0)`,
    )
    .bind(SHOP, DOMAIN)
    .run();
  await db.batch(
    [0, 1, 2, 3].flatMap((i) => [
      db
        .prepare(
          `INSERT INTO cases (id, shop_id, number, type, status, source, currency, created_at, updated_at) VALUES (?1, ?2, ?3, 'return', 'closed', 'portal', 'USD', ?4, ?4)`,
        )
        .bind(`${SHOP}_c${i}`, SHOP, i + 1, W49 + DAY + i),
      db
        .prepare(
          `INSERT INTO case_items (id, shop_id, case_id, sku, quantity, reason, unit_price_minor, created_at) VALUES (?1, ?2, ?3, 'TEE-NVY-M', 1, 'defective', 2500, 0)`,
        )
        .bind(`${SHOP}_i${i}`, SHOP, `${SHOP}_c${i}`),
    ]),
  );
});

describe('the weekly review screen', () => {
  it('shows the week’s top problem and opens an action item on it from its form', async () => {
    const a = await adminSession(DOMAIN, NOW);
    const page = await app.fetch(a.get('/admin/review'), env);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Weekly review 2026-W49');
    expect(html).toContain('data-problem="TEE-NVY-M|defective"');

    const fields = formFields(html, '/admin/review/actions');
    expect(fields).toMatchObject({ sku: 'TEE-NVY-M', reason: 'defective', baseline: '4', week: '2026-W49' });
    const posted = await app.fetch(a.post('/admin/review/actions', { ...fields, owner: 'Mia' }), env);
    expect(posted.status).toBe(303);
    const after = await (await app.fetch(a.get(posted.headers.get('location')!), env)).text();
    expect(after).toContain('Action item opened.');
    expect(after).toMatch(/data-action-item="act_[^"]+"[\s\S]*Check TEE-NVY-M \(defective\)[\s\S]*Mia/);
  });

  it('refuses an action form without its CSRF token', async () => {
    const a = await adminSession(DOMAIN, NOW);
    const res = await app.fetch(a.post('/admin/review/actions', { title: 'x', owner: 'y' }, false), env);
    expect(res.status).toBe(403);
  });
});
