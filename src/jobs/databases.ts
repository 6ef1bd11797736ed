import { shardMap } from '../db/client';
import type { Env } from '../env';

/**
 * Every D1 database that holds shop rows: `DB` plus each shard named in `SHARDS`. Sweeps scan each
 * one; per-shop work then goes through `s.d1(shopId)` as usual.
 */
export function allDatabases(env: Env): D1Database[] {
  const dbs = new Set<D1Database>([env.DB]);
  if (env.SHARDS) {
    for (const binding of new Set(shardMap(env.SHARDS).values())) {
      const d1 = (env as unknown as Record<string, D1Database | undefined>)[binding];
      if (d1) dbs.add(d1);
    }
  }
  return [...dbs];
}
