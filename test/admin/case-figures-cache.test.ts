import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { caseFigures, casesFingerprintSql, computeCaseFigures } from '../../src/admin/metrics/case-figures';
import { fixedClock } from '../../src/lib/clock';
import { createServices } from '../../src/services';
import { HOUR, NOW, RANGE, T0, seedMetricsShop } from './metrics-seed';

const SHOP = 'shop_cacheA';

describe('the dashboard’s cached case figures', () => {
  it('equal a fresh computation after every kind of case write (new case, command update, SLA mirror)', async () => {
    await seedMetricsShop(env.DB, SHOP, 'cache-a.myshopify.com');
    // A fixed clock: update times alone would not move, so the version and count must.
    const s = createServices(env, { clock: fixedClock(NOW) });
    const live = () => computeCaseFigures(s, SHOP, RANGE, 10);
    const cached = () => caseFigures(s, SHOP, RANGE, 10);
    const first = await cached();
    expect(first).toEqual(await live());
    expect(await cached()).toBe(first); // unchanged cases: served from the cache

    const writes: Array<[string, () => Promise<unknown>]> = [
      [
        'a new case with an item (as the repository writes it)',
        () =>
          env.DB.batch([
            env.DB.prepare(
              `INSERT INTO cases (id, shop_id, number, type, status, source, currency, created_at, updated_at, first_response_due_at, first_responded_at, resolved_at)
               VALUES ('case_cacheX', ?1, 9001, 'return', 'resolved', 'portal', 'USD', ?2, ?2, ?3, ?4, ?5)`,
            ).bind(SHOP, T0 + HOUR, T0 + 9 * HOUR, T0 + 2 * HOUR, T0 + 50 * HOUR),
            env.DB.prepare(
              `INSERT INTO case_items (id, shop_id, case_id, sku, title, quantity, reason, unit_price_minor, refund_minor, created_at)
               VALUES ('item_cacheX', ?1, 'case_cacheX', 'SKU-Z', 'Hat', 4, 'damaged', 700, 700, ?2)`,
            ).bind(SHOP, T0 + HOUR),
          ]),
      ],
      // A command's write: same update time (fixed clock), version bumped.
      [
        'a status change by a command',
        () =>
          env.DB.prepare(`UPDATE cases SET status = 'rejected', version = version + 1 WHERE id = 'case_cacheX'`).run(),
      ],
      // The SLA mirror: no version bump, a new update time.
      [
        'a breach mirrored by the clock',
        () =>
          env.DB.prepare(
            `UPDATE cases SET status = 'requested', breached = 1, breaches = '["resolution"]', updated_at = updated_at + 1 WHERE id = 'case_cacheX'`,
          ).run(),
      ],
    ];
    let previous = first;
    for (const [what, write] of writes) {
      await write();
      const got = await cached();
      expect(got, what).toEqual(await live());
      expect(got, `${what} changes the figures`).not.toEqual(previous);
      previous = got;
    }
  });

  it('the fingerprint moves on every write to one of the shop’s cases, and only the shop’s', async () => {
    // Unique ids: the database may hold other tests' shops.
    const tag = crypto.randomUUID().slice(0, 8);
    const shop = `shop_fp${tag}`;
    const other = `shop_fq${tag}`;
    await seedMetricsShop(env.DB, shop, `fp-${tag}.myshopify.com`);
    await seedMetricsShop(env.DB, other, `fq-${tag}.myshopify.com`);
    const fingerprint = async (id = shop) =>
      String((await env.DB.prepare(casesFingerprintSql).bind(id).first<{ fp: unknown }>())!.fp);
    const caseId = `case_fp${tag}`;
    const writes: Array<[string, string]> = [
      [
        'a new case',
        `INSERT INTO cases (id, shop_id, number, type, status, source, currency, created_at, updated_at)
         VALUES ('${caseId}', '${shop}', 9101, 'return', 'requested', 'portal', 'USD', ${T0}, ${T0})`,
      ],
      [
        'a status change by a command',
        `UPDATE cases SET status = 'approved', version = version + 1 WHERE id = '${caseId}'`,
      ],
      // Neither the version nor the update time moves: the old fingerprint (their sums) missed this.
      ['a raw update of one column', `UPDATE cases SET priority = 'urgent' WHERE id = '${caseId}'`],
      ['an update to the same value', `UPDATE cases SET status = status WHERE id = '${caseId}'`],
      ['a deleted case', `DELETE FROM cases WHERE id = '${caseId}'`],
    ];
    for (const [what, sql] of writes) {
      const before = [await fingerprint(), await fingerprint(other)];
      await env.DB.prepare(sql).run();
      expect(await fingerprint(), what).not.toBe(before[0]);
      expect(await fingerprint(other), `${what}: another shop's fingerprint`).toBe(before[1]);
    }
    // Reads change nothing.
    const still = await fingerprint();
    await env.DB.prepare('SELECT COUNT(*) FROM cases WHERE shop_id = ?1').bind(shop).first();
    expect(await fingerprint()).toBe(still);
  });
});
