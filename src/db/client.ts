import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import type { Env } from '../env';
import * as schema from './schema';

export type Db = DrizzleD1Database<typeof schema>;

/**
 * The database that holds a shop's rows. Today every shop lives in `DB`; a shop that outgrows one
 * D1 database moves to its own binding (`DB_<SHARD>`), named in `shardFor`. Every repository gets
 * its database from here, never from `env.DB` directly, so the move is a routing change only.
 */
export function databaseFor(env: Env, _shopId?: string): D1Database {
  return env.DB;
}

export function createDb(d1: D1Database): Db {
  return drizzle(d1, { schema });
}

export { schema };
