/**
 * Per-event storage costs for docs/SCALING.md, read from the local D1 after the server stopped:
 * rows each table gained during the run, stored bytes per webhook event, and the database file's
 * growth. Counted against the events accepted in the run (every scenario's webhooks, not only the drain).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { appDir, queryD1, quietEnv } from './server';

const TABLES = [
  'webhook_events',
  'shops',
  'customers',
  'orders',
  'order_lines',
  'shipments',
  'cases',
  'case_items',
  'case_events',
  'refunds',
  'pickups',
  'notifications',
  'surveys',
  'scheduled_jobs',
];

export function tableCounts(persistTo: string): Record<string, number> {
  // One row of scalar subqueries: D1 caps the terms of a compound SELECT.
  const sql = `SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`;
  return queryD1<Record<string, number>>(persistTo, sql)[0] ?? {};
}

/** Size of the local D1 SQLite file(s) in bytes (the DB binding's database). */
export function databaseBytes(persistTo: string): number {
  const dir = join(persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  try {
    // The WAL holds recent writes until a checkpoint: count it with the database file.
    return readdirSync(dir)
      .filter((f) => /\.sqlite(-wal)?$/.test(f))
      .reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
  } catch {
    return 0;
  }
}

export function measureCosts(persistTo: string, before: { counts: Record<string, number>; bytes: number }) {
  const after = tableCounts(persistTo);
  const gained = Object.fromEntries(TABLES.map((t) => [t, (after[t] ?? 0) - (before.counts[t] ?? 0)]));
  const events = queryD1<{ topic: string; status: string; n: number; body: number; headers: number }>(
    persistTo,
    `SELECT topic, status, count(*) AS n, avg(length(body)) AS body, avg(length(headers)) AS headers FROM webhook_events GROUP BY topic, status`,
  );
  const accepted = gained.webhook_events ?? 0;
  const rowsGained = Object.values(gained).reduce((a, b) => a + b, 0);
  const bytes = databaseBytes(persistTo);
  return {
    eventsStored: accepted,
    eventsByTopicAndStatus: events.map((e) => ({ ...e, body: Math.round(e.body), headers: Math.round(e.headers) })),
    rowsGainedByTable: gained,
    rowsGainedPerEvent: accepted ? rowsGained / accepted : null,
    databaseBytesBefore: before.bytes,
    databaseBytesAfter: bytes,
    databaseBytesPerEvent: accepted ? (bytes - before.bytes) / accepted : null,
  };
}

/**
 * D1 rows billed per webhook, ack and apply apart: runs test/scaling/d1-rows.test.ts (the real
 * Worker inside workerd with a metering D1) and reads the line it prints.
 */
export function rowsPerWebhook(): Record<string, unknown> | { error: string } {
  const out = spawnSync(join(appDir(), 'node_modules', '.bin', 'vitest'), ['run', 'test/scaling/d1-rows.test.ts'], {
    cwd: appDir(),
    env: quietEnv,
    encoding: 'utf8',
    maxBuffer: 32 * 1024 * 1024,
  });
  const printed = (tag: string) => {
    const line = (out.stdout + out.stderr).split('\n').find((l) => l.includes(`${tag} `));
    return line ? (JSON.parse(line.slice(line.indexOf(`${tag} `) + tag.length + 1)) as Record<string, unknown>) : null;
  };
  const single = printed('D1_ROWS_PER_WEBHOOK');
  if (out.status !== 0 || !single) return { error: `vitest exited ${out.status}; no measurement line` };
  // The same orders applied as the consumer does a queue batch: one D1 batch per shop.
  return { ...single, batched: printed('D1_ROWS_PER_BATCHED_EVENT') };
}

/**
 * Average stored bytes per row (sum of the columns' lengths; SQLite's page and index overhead
 * comes on top, which `databaseBytesPerEvent` includes) for the tables a webhook fills.
 */
export function avgRowBytes(
  persistTo: string,
  tables = [
    'webhook_events',
    'orders',
    'order_lines',
    'customers',
    'shipments',
    'cases',
    'case_items',
    'case_events',
    'refunds',
  ],
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const t of tables) {
    const cols = queryD1<{ name: string }>(persistTo, `SELECT name FROM pragma_table_info('${t}')`).map((c) => c.name);
    if (!cols.length) continue;
    const sum = cols.map((c) => `coalesce(length(CAST("${c}" AS BLOB)), 0)`).join(' + ');
    const row = queryD1<{ bytes: number | null }>(persistTo, `SELECT avg(${sum}) AS bytes FROM "${t}"`)[0];
    out[t] = row?.bytes == null ? null : Math.round(row.bytes);
  }
  return out;
}

/**
 * The assignment row: test/scaling/assignment-load.test.ts inside workerd (the real Dispatcher
 * Durable Object and D1; 1,000 cases signalled at once across 20 members), read from the line it
 * prints. Assignment has no HTTP route of its own to load: it runs when a case opens or capacity
 * frees, so it is measured where it runs. Its rate is assignments per second, not requests.
 */
export function assignmentRate(): { perSecond: number; p99: number; line: string } | { error: string } {
  const out = spawnSync(
    join(appDir(), 'node_modules', '.bin', 'vitest'),
    ['run', 'test/scaling/assignment-load.test.ts'],
    { cwd: appDir(), env: quietEnv, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 },
  );
  const line = (out.stdout + out.stderr).split('\n').find((l) => l.includes('assignments/s'));
  const m = line && /([\d.]+) assignments\/s, p99 ([\d.]+) ms/.exec(line);
  if (out.status !== 0 || !line || !m) return { error: `vitest exited ${out.status}; no assignment line` };
  return { perSecond: Number(m[1]), p99: Number(m[2]), line: line.replace(/^.*assignment: /, '').trim() };
}
