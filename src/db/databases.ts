import { shardMap } from './client';
import { log } from '../lib/log';
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

/**
 * Runs a sweep over every database; one database failing (a shard mid-migration, an outage) is
 * logged and counted, and the others are still swept.
 */
export async function eachDatabase(env: Env, step: string, fn: (d1: D1Database) => Promise<void>): Promise<number> {
  let errors = 0;
  for (const d1 of allDatabases(env)) {
    try {
      await fn(d1);
    } catch (err) {
      errors++;
      log({
        kind: 'cron',
        outcome: 'error',
        durationMs: 0,
        step,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return errors;
}
