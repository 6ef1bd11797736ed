import { fillPlaceholders, type Query } from 'drizzle-orm';
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import type { Env } from '../env';
import * as schema from './schema';

export type Db = DrizzleD1Database<typeof schema>;

/**
 * The database that holds a shop's rows. Every shop lives in `DB` unless the `SHARDS` var maps its
 * id to another D1 binding (`{"shop_01H…": "DB_2"}`): a shop that outgrows one D1 database moves to
 * its own (or to a shard of shops). `DB` stays the directory: the `shops` table (domain → id, used
 * before the shop is known) and `webhook_events` (a Stripe event names no shop until applied).
 * Every repository gets its database from here, never from `env.DB` directly, so a move is a
 * routing change only. An unknown or missing binding fails loudly: writing a shard's rows into the
 * directory by mistake would be silent data loss. See docs/SCALING.md.
 */
export function databaseFor(env: Env, shopId?: string): D1Database {
  if (!shopId || !env.SHARDS) return env.DB;
  const binding = shardMap(env.SHARDS).get(shopId);
  if (!binding) return env.DB;
  const d1 = (env as unknown as Record<string, unknown>)[binding];
  if (!isD1(d1)) throw new Error(`SHARDS routes ${shopId} to ${binding}, which is not a D1 binding of this Worker`);
  return d1;
}

const shardBinding = /^DB(_[A-Z0-9_]+)?$/;
const shardMaps = new Map<string, Map<string, string>>();

/** `SHARDS` parsed once per distinct value: shop id → binding name (`DB`, `DB_2`, `DB_EU`…). */
export function shardMap(raw: string): Map<string, string> {
  let map = shardMaps.get(raw);
  if (map) return map;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('SHARDS must be a JSON object of shop id → D1 binding name');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('SHARDS must be a JSON object');
  map = new Map();
  for (const [shop, binding] of Object.entries(parsed)) {
    if (typeof binding !== 'string' || !shardBinding.test(binding))
      throw new Error(`SHARDS: ${shop} → ${String(binding)} is not a DB_<NAME> binding`);
    map.set(shop, binding);
  }
  shardMaps.set(raw, map);
  return map;
}

function isD1(value: unknown): value is D1Database {
  return (
    !!value && typeof (value as D1Database).prepare === 'function' && typeof (value as D1Database).batch === 'function'
  );
}

/**
 * One drizzle instance per D1 binding per isolate: `drizzle(d1, { schema })` walks the whole schema
 * (relational config) each time, which was ~3% of a shopper request's JavaScript when built per request.
 */
const dbs = new WeakMap<D1Database, Db>();

export function createDb(d1: D1Database): Db {
  let db = dbs.get(d1);
  if (!db) dbs.set(d1, (db = drizzle(d1, { schema })));
  return db;
}

const prepared = new WeakMap<Db, Map<string, unknown>>();

/**
 * A drizzle prepared query (`.prepare()`, values by `sql.placeholder`) built once per database per
 * isolate: the hot reads of every shopper request (the shop by domain, an order's facts) skip
 * drizzle's query building, which was the largest part of their JavaScript. Only its SQL and row
 * mapping are reused: run it with `runPrepared` or `batchItem`, which prepare the D1 statement in
 * the request that runs it (a statement is never carried from one request to another). `name`
 * must be unique per query.
 */
export function preparedOnce<T>(db: Db, name: string, build: (db: Db) => T): T {
  let byName = prepared.get(db);
  if (!byName) prepared.set(db, (byName = new Map()));
  let query = byName.get(name) as T | undefined;
  if (query === undefined) byName.set(name, (query = build(db)));
  return query;
}

/**
 * A prepared query as one statement of a `D1Database.batch`, and how to read its answer there
 * (drizzle's own `batch` takes query builders only, which it builds again on every call).
 */
export function batchItem<R>(
  d1: D1Database,
  query: {
    getQuery(): Query;
    mapResult(response: unknown, isFromBatch?: boolean): unknown;
    all(values?: Record<string, unknown>): Promise<R>;
  },
  values: Record<string, unknown>,
): { statement: D1PreparedStatement; map: (answer: D1Result) => R } {
  const { sql, params } = query.getQuery();
  return {
    statement: d1.prepare(sql).bind(...fillPlaceholders(params, values)),
    map: (answer) => query.mapResult(answer, true) as R,
  };
}

/** Runs a prepared query (`preparedOnce`) alone: its rows, mapped as drizzle maps them. */
export async function runPrepared<R>(
  d1: D1Database,
  query: Parameters<typeof batchItem<R>>[1],
  values: Record<string, unknown>,
): Promise<R> {
  const { statement, map } = batchItem(d1, query, values);
  return map(await statement.all());
}

export { schema };
