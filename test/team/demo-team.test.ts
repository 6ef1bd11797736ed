import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
import { seedDemoShop } from '../../src/db/seed';

it('the demo shop has a member of every role, with different skills and languages', async () => {
  await seedDemoShop(env.DB, Date.now());
  const { results } = await env.DB.prepare(
    "SELECT role, languages, skills FROM members WHERE shop_id = 'shop_demo'",
  ).all();
  expect(new Set(results.map((r) => r.role))).toEqual(new Set(['owner', 'manager', 'specialist', 'agent']));
  expect(new Set(results.map((r) => r.languages)).size).toBeGreaterThan(2);
  expect(new Set(results.map((r) => r.skills)).size).toBeGreaterThan(2);
});
