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
/** The tables the migrations create: anything else in a database was made by a test. */
function schemaTables(migrations: { queries: string[] }[]): Set<string> {
  const names = migrations.flatMap((m) =>
    m.queries.flatMap((q) =>
      [...q.matchAll(/CREATE (?:VIRTUAL )?TABLE (?:IF NOT EXISTS )?[`"]?(\w+)/gi)].map((x) => x[1]!),
    ),
  );
  return new Set(['d1_migrations', ...names]);
}

async function emptyDatabase(db: D1Database, schema: Set<string>): Promise<void> {
  const { results } = await db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all<{ name: string; sql: string | null }>();
  const virtual = results.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql ?? '')).map((t) => t.name);
  const own = results
    .map((t) => t.name)
    .filter((n) => !n.startsWith('_cf_') && !virtual.some((v) => n.startsWith(`${v}_`)));
  // A test's own probe tables (an FTS tokenizer probe, a fault-injection table) go; the schema's are emptied.
  const strays = own.filter((n) => !schema.has(n));
  const tables = own.filter((n) => schema.has(n) && n !== 'd1_migrations');
  const wipe = [
    db.prepare('PRAGMA defer_foreign_keys = on'),
    ...strays.map((n) => db.prepare(`DROP TABLE "${n}"`)),
    ...tables.map((n) => db.prepare(`DELETE FROM "${n}"`)),
  ];
  // Delete triggers keep rollups; a second pass empties whatever they wrote during the first.
  await db.batch(wipe);
  await db.batch(wipe.filter((_, i) => i === 0 || i > strays.length));
}

const shard = (env as unknown as { DB_2?: D1Database }).DB_2;
for (const db of shard ? [env.DB, shard] : [env.DB]) {
  await applyD1Migrations(db, env.TEST_MIGRATIONS);
  await emptyDatabase(db, schemaTables(env.TEST_MIGRATIONS));
}
