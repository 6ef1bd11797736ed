import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { databaseFor, shardMap } from '../../src/db/client';
import { orders } from '../../src/db/schema';
import { createServices } from '../../src/services';
import { createOrder, createShop } from '../helpers/factory';

// vitest.config.mts binds a second D1 database `DB_2` and sets SHARDS = { shop_test_on_db2: 'DB_2' }.
const db2 = (env as unknown as { DB_2: D1Database }).DB_2;
const SHARDED = 'shop_test_on_db2';

async function count(d1: D1Database, table: string, shopId: string): Promise<number> {
  const row = await d1
    .prepare(`SELECT count(*) AS n FROM ${table} WHERE shop_id = ?`)
    .bind(shopId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

beforeAll(async () => {
  await applyD1Migrations(db2, env.TEST_MIGRATIONS);
});

describe('database per shop', () => {
  it('routes a shop named in SHARDS to its own binding and every other shop to DB', () => {
    expect(databaseFor(env, SHARDED)).toBe(db2);
    expect(databaseFor(env, 'shop_anyone_else')).toBe(env.DB);
    expect(databaseFor(env)).toBe(env.DB);
    expect(db2).not.toBe(env.DB);
  });

  it('writes for shop A land only in A’s database and writes for shop B only in B’s', async () => {
    const s = createServices(env);
    const a = await createShop(s.d1(), { domain: 'shard-a.myshopify.com' });
    // The directory (DB) knows every shop; the sharded shop's own rows live in DB_2, which also
    // carries a copy of its shop row (repositories read the shop by id through s.db(shopId)).
    await createShop(s.d1(), { domain: 'shard-b.myshopify.com' });
    await db2
      .prepare(
        `INSERT INTO shops (id, domain, name, currency, timezone, policy, settings, created_at, updated_at) VALUES (?, 'shard-b-copy.myshopify.com', 'B', 'USD', 'UTC', '{}', '{}', 0, 0)`,
      )
      .bind(SHARDED)
      .run();

    await createOrder(s.d1(a.id), a.id, { name: '#A1' });
    await createOrder(s.d1(SHARDED), SHARDED, { name: '#B1', lines: [{}, {}] });
    // Reads through the same routing see each shop's own rows only.
    const viaRouting = await s.db(SHARDED).select().from(orders).where(eq(orders.shopId, SHARDED)).all();
    expect(viaRouting.map((o) => o.name)).toEqual(['#B1']);
    expect(await s.db(a.id).select().from(orders).where(eq(orders.shopId, SHARDED)).all()).toEqual([]);

    expect(await count(env.DB, 'orders', a.id)).toBe(1);
    expect(await count(db2, 'orders', a.id)).toBe(0);
    expect(await count(db2, 'orders', SHARDED)).toBe(1);
    expect(await count(db2, 'order_lines', SHARDED)).toBe(2);
    expect(await count(env.DB, 'orders', SHARDED)).toBe(0);
    expect(await count(env.DB, 'order_lines', SHARDED)).toBe(0);
  });

  it('gives one drizzle client per database, so two shops on two databases never share one', () => {
    const s = createServices(env);
    expect(s.db(SHARDED)).toBe(s.db(SHARDED));
    expect(s.db(SHARDED)).not.toBe(s.db('shop_elsewhere'));
    expect(s.db('shop_elsewhere')).toBe(s.db());
  });

  it('refuses a SHARDS entry that names a binding the Worker does not have, instead of writing to DB', () => {
    const broken = { ...env, SHARDS: JSON.stringify({ shop_x: 'DB_MISSING' }) };
    expect(() => databaseFor(broken, 'shop_x')).toThrow(/not a D1 binding/);
    expect(() => shardMap('{"shop_x": "KV"}')).toThrow(/not a DB_<NAME> binding/);
    expect(() => shardMap('[1]')).toThrow(/JSON object/);
  });
});
