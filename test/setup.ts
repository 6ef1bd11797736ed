import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

/**
 * The workerd test files share one workerd per vitest worker (`isolate: false`, vitest.config.mts):
 * starting a workerd and importing the Worker per file cost ~6 s of the ~7 s each file took. So each
 * file starts from an empty database here instead: the schema is applied once (applyD1Migrations
 * skips what is applied), then every table is emptied. Durable Objects, R2 and the rate limiters
 * are not reset: their keys carry fresh ids. A file that needs a workerd of its own says
 * `// storage: own` (scripts/test-projects.ts).
 */
async function emptyDatabase(db: D1Database): Promise<void> {
  const { results } = await db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all<{ name: string; sql: string | null }>();
  const virtual = results.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql ?? '')).map((t) => t.name);
  const tables = results
    .map((t) => t.name)
    .filter((n) => n !== 'd1_migrations' && !n.startsWith('_cf_'))
    .filter((n) => !virtual.some((v) => n.startsWith(`${v}_`)));
  const wipe = [db.prepare('PRAGMA defer_foreign_keys = on'), ...tables.map((n) => db.prepare(`DELETE FROM "${n}"`))];
  // Delete triggers keep rollups; a second pass empties whatever they wrote during the first.
  await db.batch(wipe);
  await db.batch(wipe);
}

const shard = (env as unknown as { DB_2?: D1Database }).DB_2;
for (const db of shard ? [env.DB, shard] : [env.DB]) {
  await applyD1Migrations(db, env.TEST_MIGRATIONS);
  await emptyDatabase(db);
}
