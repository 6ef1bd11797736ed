/**
 * A write detector: for every table, its row count and its newest `updated_at` (or `created_at`,
 * `at`, `received_at`). Equal snapshots before and after a request mean it inserted, deleted and
 * updated nothing that a timestamped write would show.
 */
import { env } from 'cloudflare:workers';

let query: string | undefined;

async function buildQuery(d1: D1Database): Promise<string> {
  const tables = await d1
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name != 'd1_migrations'`,
    )
    .all<{ name: string }>();
  const parts: string[] = [];
  for (const { name } of tables.results) {
    const cols = await d1.prepare(`SELECT name FROM pragma_table_info(?)`).bind(name).all<{ name: string }>();
    const names = cols.results.map((c) => c.name);
    const stamp = ['updated_at', 'created_at', 'at', 'received_at'].find((c) => names.includes(c));
    parts.push(
      `'${name}:' || (SELECT count(*) FROM "${name}")${stamp ? ` || ':' || coalesce((SELECT max("${stamp}") FROM "${name}"), 0)` : ''} AS "t${parts.length}"`,
    );
  }
  // One column per table: a single concatenated expression over every table passes SQLite's
  // expression depth limit (100) once the schema has enough tables.
  return `SELECT ${parts.join(', ')}`;
}

export async function snapshot(d1: D1Database = env.DB): Promise<string> {
  query ??= await buildQuery(d1);
  const row = await d1.prepare(query).first<Record<string, string>>();
  return row ? Object.values(row).join(' ') : '';
}

/**
 * One snapshot per property run instead of two: the state after the last run is the state before
 * the next. `accept()` after a run that was allowed to write (a valid request) moves the baseline.
 */
export class WriteWatch {
  private last: string | undefined;

  async baseline(): Promise<string> {
    this.last ??= await snapshot();
    return this.last;
  }

  /** The snapshot now; equal to `baseline()` when nothing was written. */
  async current(): Promise<string> {
    return snapshot();
  }

  /** After an accepted request. Send requests through `quietFetch` (quiet-worker.ts) so that no
   * background write of an accepted request lands after its baseline was taken. */
  async accept(): Promise<void> {
    this.last = await snapshot();
  }
}
