import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAIL, DEMO_SHOP_ID } from '../../src/db/demo-data';
import { demoSeedStatements, type Statement } from '../../src/db/seed';
import { seedDemoHistoryStep } from '../../src/review/demo-history-step';
import { historySeedStatements } from '../../src/review/seed-history';
import { fixedClock } from '../../src/lib/clock';
import { listAlerts } from '../../src/review/alerts';
import { reviewFor } from '../../src/review/review-store';
import { evaluateWarnings } from '../../src/review/warnings';
import { createServices } from '../../src/services';

/**
 * The demo's 90 days of history as `npm run dev` seeds it (the first cron tick): idempotent, clear of the demo orders
 * #1001…#1010, and with real figures on first start: the review's top problem and the one open
 * early warning are the spiking SKU.
 */
const db = env.DB;
// A Monday afternoon in New York, the demo shop's zone.
const NOW = Date.UTC(2026, 11, 7, 20);
const apply = (statements: Statement[]) => db.batch(statements.map((st) => db.prepare(st.sql).bind(...st.params)));
const count = async (sql: string) => Number((await db.prepare(sql).bind(DEMO_SHOP_ID).first<{ n: number }>())?.n);
const counts = () =>
  Promise.all(
    ['orders', 'order_lines', 'cases', 'case_items', 'refunds', 'surveys', 'customers'].map((t) =>
      count(`SELECT COUNT(*) AS n FROM ${t} WHERE shop_id = ?1`),
    ),
  );

const demoEnv = { ...env, DEMO_HISTORY: '1' };
let seededMs = 0;
beforeAll(async () => {
  await apply(demoSeedStatements(NOW));
  // Outside `npm run dev` (no DEMO_HISTORY) the cron step leaves the demo shop alone.
  expect(await seedDemoHistoryStep(createServices(env, { clock: fixedClock(NOW) }))).toEqual({ seeded: 0 });
  const started = Date.now();
  const first = await seedDemoHistoryStep(createServices(demoEnv, { clock: fixedClock(NOW) }));
  seededMs = Date.now() - started;
  expect(first.seeded).toBeGreaterThan(10_000);
});

describe('the demo history seed', () => {
  it('inserts about 90 days quickly, and nothing on a second run', async () => {
    const before = await counts();
    expect(before[0]).toBeGreaterThan(4000);
    expect(before[2]).toBeGreaterThan(300);
    expect(seededMs).toBeLessThan(10_000);
    const again = await seedDemoHistoryStep(createServices(demoEnv, { clock: fixedClock(NOW + 60_000) }));
    expect(again).toEqual({ seeded: 0 });
    await apply(historySeedStatements(NOW + 3_600_000));
    expect(await counts()).toEqual(before);
  });

  it('leaves the demo orders #1001…#1010 of shopper@example.com as they were', async () => {
    const rows = await db
      .prepare(`SELECT name FROM orders WHERE shop_id = ?1 AND email = ?2 ORDER BY name`)
      .bind(DEMO_SHOP_ID, DEMO_EMAIL)
      .all<{ name: string }>();
    expect(rows.results.map((r) => r.name)).toEqual(Array.from({ length: 10 }, (_, i) => `#${1001 + i}`));
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM orders WHERE shop_id = ?1 AND name BETWEEN '#1001' AND '#1010' AND email <> '${DEMO_EMAIL}'`,
      ),
    ).toBe(0);
  });

  it('shows the spiking SKU in last week’s review and as the only SKU early warning', async () => {
    const s = createServices(env, { clock: fixedClock(NOW) });
    const review = await reviewFor(s, DEMO_SHOP_ID, undefined);
    const spike = review.topProblems.find((p) => p.sku === 'TEE-NVY-M' && p.reason === 'defective');
    expect(spike?.quantity).toBeGreaterThan(0);
    expect(review.sla.breached).toBeGreaterThan(0);
    expect(review.satisfaction.lowScores.length).toBeGreaterThan(0);
    // The team worked it: members by name, first contact short of everything, replies timed.
    const names = review.handling.byMember.map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['Sofia Specialist', 'Alex Agent', 'Li Wei']));
    expect(review.handling.overall.firstContactRate).toBeGreaterThan(0.5);
    expect(review.handling.overall.firstContactRate).toBeLessThan(1);
    expect(review.handling.overall.firstReply.p50Ms).toBe(2 * 3_600_000);
    expect(review.cost.length).toBeGreaterThan(0);

    await evaluateWarnings(s);
    const skuAlerts = (await listAlerts(db, DEMO_SHOP_ID, 'open')).filter((a) => a.kind === 'sku');
    expect(skuAlerts.map((a) => [a.subject, a.metric])).toContainEqual(['TEE-NVY-M', 'defect_rate']);
    expect(new Set(skuAlerts.map((a) => a.subject))).toEqual(new Set(['TEE-NVY-M']));
  });
});
