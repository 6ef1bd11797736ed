import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids';
import { clockFor } from '../../src/sla/clock-client';
import { quickSla } from './clock-fixtures';
import { createShop } from '../helpers/factory';

// 10,000 clocks take minutes in the test pool (every object gets its own SQLite file under isolated
// storage); `npm run bench:clocks` (bench/clocks.ts) runs the 10,000 against the dev server.
const CASES = 100;
const CONCURRENCY = 16;

/** Runs `fn` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

describe('scale', () => {
  it('runs many cases, each with its own CaseClock, alarm and mirrored due time, without error', {
    timeout: 600_000,
  }, async () => {
    // Deadlines are hours away (nothing fires during the test); every clock still sets its alarm.
    const sla = quickSla(
      {},
      {
        targets: {
          ...quickSla().targets,
          normal: { firstResponseMinutes: 600, nextUpdateMinutes: 600, resolutionMinutes: 6000 },
        },
      },
    );
    const shop = await createShop(env.DB);
    const now = Date.now();
    const ids = Array.from({ length: CASES }, () => newId('case'));
    for (let i = 0; i < CASES; i += 500) {
      await env.DB.batch(
        ids
          .slice(i, i + 500)
          .map((id, j) =>
            env.DB.prepare(
              `INSERT INTO cases (id, shop_id, number, type, status, priority, source, currency, created_at, updated_at) VALUES (?, ?, ?, 'return', 'requested', 'normal', 'portal', 'USD', ?, ?)`,
            ).bind(id, shop.id, 10_000 + i + j, now, now),
          ),
      );
    }
    let failures = 0;
    await pool(ids, CONCURRENCY, async (caseId) => {
      const snap = await clockFor(env, caseId).start({
        shopId: shop.id,
        caseId,
        priority: 'normal',
        createdAt: now,
        sla,
      });
      if (snap.alarmAt !== now + 300 * 60_000) failures++;
    });

    expect(failures).toBe(0);
    const mirrored = await env.DB.prepare(`SELECT COUNT(*) AS n FROM cases WHERE shop_id = ? AND next_due_at = ?`)
      .bind(shop.id, now + 600 * 60_000)
      .first<{ n: number }>();
    expect(mirrored!.n).toBe(CASES);
    // Each object is its own: a sample reports its own case.
    for (const caseId of [ids[0]!, ids[CASES >> 1]!, ids[CASES - 1]!]) {
      expect((await clockFor(env, caseId).state()).state!.caseId).toBe(caseId);
    }
  });
});
