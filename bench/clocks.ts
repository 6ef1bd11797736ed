/**
 * `npm run bench:clocks [-- --cases 10000 --concurrency 4 --per-request 50 --port 8803 --snapshot]`
 *
 * One CaseClock per case, at scale, against the real dev server (`npm run dev` on fresh state):
 * 1. seeds N open cases (plus 300 urgent ones whose first-response deadline falls 300 s after
 *    seeding, `--due-after-seed-s`) with the bench's SQL generator;
 * 2. arms the 300, then creates the N clocks through `POST /api/admin/sla/resync` (50 per request,
 *    4 requests in flight; the route itself keeps 16 clock calls in flight) while those 300 alarms
 *    come due — alarms fire under load. A request is retried (with backoff, at most 4 times) only on
 *    a transient answer: a network error, 429, 503, or a 200 that reports `failed` clocks (the
 *    resync is idempotent: a running clock is kept). Whatever still fails is counted and printed,
 *    and any error makes the run exit non-zero;
 * 3. stops the server and reads back from D1: clocks armed, due times mirrored, and for each breach
 *    how long after its deadline it was recorded (the alarm's accuracy).
 */
import { join } from 'node:path';
import { ADMIN_HEADERS } from './scenarios';
import { casesSql } from './seed';
import { freePort, freshStateDir, LocalServer, queryD1, sleep, useSnapshot, wranglerD1 } from './server';
import { DEMO_SHOP_ID } from '../src/db/demo-data';
import { demoSeedStatements, toSqlScript } from '../src/db/seed';
import { writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const CASES = arg('cases', 10_000);
const CONCURRENCY = arg('concurrency', 4);
const ACCURACY_CASES = 300;
const CHUNK = arg('per-request', 50);
const ATTEMPTS = 5;
const DUE_AFTER_SEED_MS = Number(arg('due-after-seed-s', 300)) * 1000;
const MIN = 60_000;

if (args.includes('--snapshot')) useSnapshot();
const persistTo = freshStateDir('clocks');
const seededAt = Date.now();
const ids = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `case_bench_${String(from + i).padStart(7, '0')}`);
const total = CASES + ACCURACY_CASES;

// Fresh state: schema, demo shop, then every bench case open and new, the first 300 urgent and
// created so that their 60-minute first-response target ends DUE_AFTER_SEED_MS from now.
wranglerD1(persistTo, ['migrations', 'apply', 'DB']);
const seedFile = join(persistTo, 'clocks-seed.sql');
writeFileSync(
  seedFile,
  [
    toSqlScript(demoSeedStatements(seededAt)),
    casesSql(total, seededAt),
    `UPDATE cases SET status = 'requested', priority = 'normal', tier = 1, created_at = ${seededAt}, updated_at = ${seededAt}, resolved_at = NULL,
       breached = 0, breaches = '[]', next_due_at = NULL, first_response_due_at = NULL, resolution_due_at = NULL WHERE id LIKE 'case_bench_%';`,
    `UPDATE cases SET priority = 'urgent', created_at = ${seededAt + DUE_AFTER_SEED_MS - 60 * MIN} WHERE id <= 'case_bench_${String(ACCURACY_CASES).padStart(7, '0')}' AND id LIKE 'case_bench_%';`,
  ].join('\n'),
);
wranglerD1(persistTo, ['execute', 'DB', '--file', seedFile]);

const port = await freePort(arg('port', 8803));
const server = new LocalServer({ persistTo, port, logFile: join(persistTo, 'server.log'), ticker: false });
await server.start();

const errors: string[] = [];
let retries = 0;
/** Why requests were retried (transient answers), by kind. */
const retryReasons: Record<string, number> = {};

/** One resync request; retried only on transient answers. Returns the clocks armed, or null after giving up. */
async function resync(chunk: string[]): Promise<number | null> {
  let last = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (attempt > 1) {
      retries++;
      const kind = last.replace(/\d+ failed clocks/, 'n failed clocks').slice(0, 80);
      retryReasons[kind] = (retryReasons[kind] ?? 0) + 1;
      await sleep(250 * 2 ** attempt);
    }
    let res: Response;
    try {
      res = await fetch(`${server.base}/api/admin/sla/resync`, {
        method: 'POST',
        headers: { ...ADMIN_HEADERS, 'content-type': 'application/json' },
        body: JSON.stringify({ caseIds: chunk }),
        signal: AbortSignal.timeout(120_000),
      });
    } catch (err) {
      last = `network: ${err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : String(err)}`;
      continue;
    }
    const text = await res.text();
    if (res.ok) {
      const body = JSON.parse(text) as { armed: number; failed?: number; notFound: string[] };
      if (body.notFound.length > 0) {
        errors.push(`resync did not find ${body.notFound.length} cases (first ${body.notFound[0]})`);
        return null;
      }
      if (!body.failed) return body.armed;
      last = `200 with ${body.failed} failed clocks`;
      continue;
    }
    last = `${res.status}: ${text.slice(0, 200)}`;
    if (res.status !== 429 && res.status !== 503) break; // not transient: do not retry
  }
  errors.push(`resync of ${chunk.length} cases from ${chunk[0]} failed: ${last}`);
  return null;
}

async function createClocks(list: string[]): Promise<{ ms: number; armed: number }> {
  const chunks: string[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) chunks.push(list.slice(i, i + CHUNK));
  let next = 0;
  let armed = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < chunks.length) {
        // Await first: `armed += await …` would read `armed` before the await and lose the other workers' counts.
        const got = await resync(chunks[next++]!);
        armed += got ?? 0;
      }
    }),
  );
  return { ms: Date.now() - started, armed };
}

let result: Record<string, unknown>;
try {
  const accuracyPhase = await createClocks(ids(1, ACCURACY_CASES));
  // Only deadlines still ahead once every accuracy clock was armed say anything about the alarm
  // (a slow start on a busy machine can arm some after their deadline: those fire at once).
  const armedBy = Date.now();
  const scale = await createClocks(ids(ACCURACY_CASES + 1, CASES));
  // Let the 300 deadlines pass (plus a margin), then stop and read what the alarms recorded.
  const wait = seededAt + DUE_AFTER_SEED_MS + 10_000 - Date.now();
  if (wait > 0) await sleep(wait);
  const cpu = server.cpuSeconds();
  await server.stop();

  const [mirror] = queryD1<{ n: number }>(
    persistTo,
    `SELECT COUNT(*) AS n FROM cases WHERE shop_id = '${DEMO_SHOP_ID}' AND id LIKE 'case_bench_%' AND next_due_at IS NOT NULL`,
  );
  const late = queryD1<{ late: number }>(
    persistTo,
    `SELECT json_extract(data, '$.recordedAt') - json_extract(data, '$.scheduledAt') AS late FROM case_events
     WHERE type = 'SlaBreached' AND json_extract(data, '$.target') = 'first_response' AND json_extract(data, '$.scheduledAt') > ${armedBy}
     ORDER BY late`,
  ).map((r) => r.late);
  const pct = (p: number) => (late.length ? late[Math.max(0, Math.ceil((p / 100) * late.length) - 1)] : null);
  result = {
    clocks: CASES,
    errors: errors.length,
    retries,
    retryReasons,
    concurrency: CONCURRENCY,
    perRequest: CHUNK,
    createMs: scale.ms,
    clocksPerSecond: Math.round((CASES / scale.ms) * 1000),
    armed: scale.armed + accuracyPhase.armed,
    dueTimesMirrored: mirror?.n ?? 0,
    workerdCpuSeconds: cpu,
    breachesTimed: late.length,
    breachLateMs: { p50: pct(50), p90: pct(90), p99: pct(99), max: late.at(-1) ?? null },
    within1s: late.filter((l) => l < 1000).length,
  };
} finally {
  await server.stop();
}
console.log(JSON.stringify(result, null, 2));
for (const e of errors.slice(0, 20)) console.error(`error: ${e}`);
// Every clock must exist and show its due time on the row; anything less is a failed run.
const mirrored = Number(result.dueTimesMirrored);
if (errors.length > 0 || mirrored !== total) {
  console.error(`bench:clocks FAILED: ${errors.length} errors, ${mirrored} of ${total} due times mirrored`);
  process.exit(1);
}
