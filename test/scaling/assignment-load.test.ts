/**
 * The assignment row of issue 16's bench, inside workerd with the real Dispatcher and D1: 1,000
 * cases opened at once across 20 equal members, each arrival signalling the shop's Dispatcher
 * concurrently (what every case's `start` does). Reports assignments per second, the p99 of one
 * signal, and the spread of load; proves nobody passes capacity and equal members differ by ≤ 1.
 */
import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { newId } from '../../src/lib/ids';
import { createServices } from '../../src/services';
import { createShop } from '../helpers/factory';
import { memberWithToken } from '../helpers/team';

const CASES = 1_000;
const MEMBERS = 20;
const CAPACITY = 60;

async function openCases(shopId: string, now: number): Promise<void> {
  const rows = Array.from({ length: CASES }, (_, i) =>
    env.DB.prepare(
      `INSERT INTO cases (id, shop_id, number, type, status, source, currency, created_at, updated_at)
       VALUES (?, ?, ?, 'return', 'requested', 'portal', 'USD', ?, ?)`,
    ).bind(newId('case', now + i), shopId, 1001 + i, now + i, now + i),
  );
  for (let i = 0; i < rows.length; i += 100) await env.DB.batch(rows.slice(i, i + 100));
}

it('1,000 cases opened concurrently across 20 members: all assigned, none over capacity, load spread ≤ 1', async () => {
  const now = Date.now();
  const shop = await createShop(env.DB, {}, now);
  for (let i = 0; i < MEMBERS; i++) await memberWithToken(shop.id, 'agent', { capacity: CAPACITY });
  await openCases(shop.id, now);
  const s = createServices(env);
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CASES }, async () => {
      const t = performance.now();
      await s.dispatcher.drain(shop.id);
      latencies.push(performance.now() - t);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const { results } = await env.DB.prepare(
    'SELECT assignee_id AS m, COUNT(*) AS n FROM cases WHERE shop_id = ? GROUP BY assignee_id',
  )
    .bind(shop.id)
    .all<{ m: string | null; n: number }>();
  const loads = results.filter((r) => r.m !== null).map((r) => r.n);
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.ceil(0.99 * latencies.length) - 1]!;
  console.log(
    `assignment: ${CASES} cases / ${MEMBERS} members — ${(CASES / seconds).toFixed(0)} assignments/s, ` +
      `p99 ${p99.toFixed(1)} ms per signal, load ${Math.min(...loads)}–${Math.max(...loads)}`,
  );
  expect(results.find((r) => r.m === null)).toBeUndefined();
  expect(loads).toHaveLength(MEMBERS);
  expect(Math.max(...loads)).toBeLessThanOrEqual(CAPACITY);
  expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
}, 120_000);
