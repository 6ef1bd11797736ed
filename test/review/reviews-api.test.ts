import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { runSweep } from '../../src/cron';
import { fixedClock } from '../../src/lib/clock';
import { computeDueReviews } from '../../src/review/review-cron';
import type { ReviewDocument } from '../../src/review/review-store';
import { createServices } from '../../src/services';

/**
 * The weekly review through the cron and the admin API: kept once per shop and week whatever the
 * cron does, served by week, exported as CSV, and carrying the action items opened on its lines.
 */
const db = env.DB;
const SHOP = 'shop_review_api';
const DOMAIN = 'review-api.myshopify.com';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Berlin, winter (UTC+1): 2026-W48 is Monday 23 Nov 00:00 local = 22 Nov 23:00Z.
const W48 = Date.UTC(2026, 10, 22, 23);
const W49 = W48 + 7 * DAY;
const W50 = W49 + 7 * DAY;
const auth = { authorization: 'Bearer test-admin-token-Xn4Rk8Vq2Lw6Pz9Tb3Jm', 'x-shop-domain': DOMAIN };
const appAt = (now: number) => createApp({ services: (e) => createServices(e, { clock: fixedClock(now) }) });

async function damagedCases(week: number, n: number, offset: number) {
  const statements = Array.from({ length: n }, (_, i) => [
    db
      .prepare(
        `INSERT INTO cases (id, shop_id, number, type, status, source, currency, created_at, updated_at) VALUES (?1, ?2, ?3, 'return', 'closed', 'portal', 'EUR', ?4, ?4)`,
      )
      .bind(`${SHOP}_c${offset + i}`, SHOP, offset + i, week + DAY + i * HOUR),
    db
      .prepare(
        `INSERT INTO case_items (id, shop_id, case_id, sku, quantity, reason, unit_price_minor, created_at) VALUES (?1, ?2, ?3, 'TEE-NVY-M', 1, 'damaged', 2500, 0)`,
      )
      .bind(`${SHOP}_i${offset + i}`, SHOP, `${SHOP}_c${offset + i}`),
  ]).flat();
  await db.batch(statements);
}

const reviewsKept = async () =>
  (await db.prepare(`SELECT week FROM weekly_reviews WHERE shop_id = ?1 ORDER BY week`).bind(SHOP).all()).results;

beforeAll(async () => {
  await db
    .prepare(
      `INSERT INTO shops (id, domain, name, email, locale, timezone, created_at, updated_at) VALUES (?1, ?2, 'Review shop', 'owner@review-api.example', 'de', 'Europe/Berlin', 0, 0)`,
    )
    .bind(SHOP, DOMAIN)
    .run();
  await damagedCases(W48, 3, 0);
  await damagedCases(W49, 5, 100);
});

describe('the weekly review cron step', () => {
  it('waits for Monday 06:00 in the shop zone', async () => {
    await runSweep(env, W49 + 5 * HOUR);
    expect(await reviewsKept()).toEqual([]);
  });

  it('keeps one review per shop and week under duplicate and concurrent runs', async () => {
    const at = W49 + 7 * HOUR;
    await runSweep(env, at);
    await runSweep(env, at + 60_000);
    const s = createServices(env, { clock: fixedClock(at + 120_000) });
    const again = await Promise.all([computeDueReviews(s), computeDueReviews(s)]);
    expect(again.map((r) => r.computed)).toEqual([0, 0]);
    expect(await reviewsKept()).toEqual([{ week: '2026-W48' }]);
  });

  it('emails the kept review once to the review recipients, in the shop language', async () => {
    const sent = await db
      .prepare(
        `SELECT recipient, locale, subject, body_text FROM notifications WHERE shop_id = ?1 AND kind = 'weekly_review'`,
      )
      .bind(SHOP)
      .all<{ recipient: string; locale: string; subject: string; body_text: string }>();
    expect(sent.results).toHaveLength(1);
    expect(sent.results[0]).toMatchObject({ recipient: 'owner@review-api.example', locale: 'de' });
    expect(sent.results[0]?.subject).toBe('Wochenrückblick 2026-W48: 3 Fälle, Kontaktquote —');
    expect(sent.results[0]?.body_text).toContain('TEE-NVY-M · damaged: 3');
  });
});

describe('GET /api/admin/reviews', () => {
  it('serves the last full week by default, with the top problem and its change', async () => {
    const res = await appAt(W50 + 8 * HOUR).request('/api/admin/reviews', { headers: auth }, env);
    expect(res.status).toBe(200);
    const review = (await res.json()) as ReviewDocument;
    expect(review.week).toBe('2026-W49');
    expect(review.final).toBe(true);
    expect(review.topProblems[0]).toMatchObject({
      sku: 'TEE-NVY-M',
      reason: 'damaged',
      quantity: 5,
      previous: 3,
      change: 2,
    });
    expect(review.volume).toMatchObject({ cases: 5, previousCases: 3 });
    expect(await reviewsKept()).toEqual([{ week: '2026-W48' }, { week: '2026-W49' }]);
  });

  it('answers 400 problem+json for a malformed week', async () => {
    const res = await appAt(W50).request('/api/admin/reviews?week=2026-53', { headers: auth }, env);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('exports the review as CSV', async () => {
    const res = await appAt(W50).request('/api/admin/reviews.csv?week=2026-W49', { headers: auth }, env);
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv.split('\r\n')[0]).toBe('section,sku,reason,value,previous,change,four_week_average,detail');
    expect(csv).toContain('top_problem,TEE-NVY-M,damaged,5,3,2,');
  });
});

describe('action items', () => {
  it('shows an item opened on a line in every following review, with its baseline and that week’s figure', async () => {
    const app = appAt(W49 + 9 * HOUR);
    const body = {
      title: 'Supplier: check stitching on TEE-NVY-M',
      owner: 'Mia',
      due: '2026-12-11',
      sku: 'TEE-NVY-M',
      reason: 'damaged',
      week: '2026-W48',
      baseline: 3,
    };
    const headers = { ...auth, 'content-type': 'application/json' };
    const created = await app.request(
      '/api/admin/action-items',
      { method: 'POST', headers, body: JSON.stringify(body) },
      env,
    );
    expect(created.status).toBe(201);
    const item = (await created.json()) as { id: string };
    await damagedCases(W50, 1, 200);

    const later = await appAt(W50 + 7 * DAY).request('/api/admin/reviews?week=2026-W50', { headers: auth }, env);
    const review = (await later.json()) as ReviewDocument;
    expect(review.actionItems).toEqual([
      expect.objectContaining({ id: item.id, status: 'open', baseline: 3, current: 1, title: body.title }),
    ]);
    const bad = await app.request('/api/admin/action-items', { method: 'POST', headers, body: '{"title":""}' }, env);
    expect(bad.status).toBe(400);
  });
});
