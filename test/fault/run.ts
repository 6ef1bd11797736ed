/**
 * `npm run test:fault`: 5,000 Shopify webhooks (orders/create, returns/request, refunds/create)
 * sent to a real local server that is SIGKILLed (the whole process group) and restarted twice on
 * the same state, with 20% of consumer attempts failing (FAULT_INJECT_RATE). Afterwards the cron
 * sweep is fired until nothing is left `received`, the server is stopped, and the rows are
 * counted: every accepted event applied exactly once, every case's clock armed, no refund doubled.
 * Flags: --quick (1,000 webhooks), --port P (or FAULT_PORT), --keep (leave the state directory),
 * --snapshot (run the last commit from a copy, when others are editing this work tree).
 */
import { join } from 'node:path';
import {
  benchOrderPlatformId,
  shopifyOrderCreate,
  shopifyRefundCreate,
  shopifyReturnRequest,
} from '../../bench/payloads';
import { eventsWithStatus } from '../../bench/drain';
import { freePort, freshStateDir, LocalServer, queryD1, sleep, useSnapshot } from '../../bench/server';
import { seedBenchState } from '../../bench/seed';
import { rmSync } from 'node:fs';
import { rowChecks, type Check } from './checks';
import { sendAll, type Delivery } from './sender';
import { caseDetailChecks } from './case-details';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const keep = args.includes('--keep');
if (args.includes('--snapshot')) console.log(`running the last commit from ${useSnapshot()}`);
const scale = quick ? 0.2 : 1;
const ORDERS = Math.round(3_750 * scale);
const RETURNS = Math.round(1_000 * scale);
const REFUNDS = Math.round(250 * scale);
/** FAULT_INJECT_RATE=0 separates the local queue's behaviour from the injected consumer faults. */
const faultRate = process.env.FAULT_INJECT_RATE ?? '0.2';

/** Deterministic shuffle (mulberry32): some returns and refunds arrive before their order. */
function shuffle<T>(items: T[], seed = 20261125): T[] {
  let a = seed;
  const rand = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function deliveries(): Delivery[] {
  const all: Delivery[] = [];
  for (let n = 0; n < ORDERS; n++) all.push({ kind: 'order', n, request: shopifyOrderCreate(n) });
  for (let n = 0; n < RETURNS; n++)
    all.push({ kind: 'return', n, request: shopifyReturnRequest(n, benchOrderPlatformId(n)) });
  for (let n = RETURNS; n < RETURNS + REFUNDS; n++) all.push({ kind: 'refund', n, request: shopifyRefundCreate(n) });
  return shuffle(all);
}

function exactReceived(persistTo: string): number | null {
  try {
    return (
      queryD1<{ n: number }>(persistTo, `SELECT count(*) AS n FROM webhook_events WHERE status = 'received'`)[0]?.n ??
      null
    );
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const portArg = args.includes('--port')
    ? Number(args[args.indexOf('--port') + 1])
    : Number(process.env.FAULT_PORT ?? 0);
  const port = await freePort(portArg || undefined);
  const dir = freshStateDir('fault');
  const persistTo = join(dir, 'state');
  seedBenchState(persistTo, 0, dir);
  const server = new LocalServer({
    persistTo,
    port,
    logFile: join(dir, 'server.log'),
    vars: { FAULT_INJECT_RATE: faultRate },
  });
  const say = (msg: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
  say(
    `state ${dir}, port ${port}; sending ${ORDERS + RETURNS + REFUNDS} webhooks (${ORDERS} orders/create, ${RETURNS} returns/request, ${REFUNDS} refunds/create), ${Number(faultRate) * 100}% consumer faults`,
  );
  await server.start();

  const list = deliveries();
  const killAt = [Math.round(list.length * 0.3), Math.round(list.length * 0.65)];
  let restarting: Promise<void> | undefined;
  let kills = 0;
  const restart = async () => {
    kills++;
    say(`SIGKILL the server's process group (kill ${kills}), then restart on the same state`);
    await server.kill('SIGKILL');
    await sleep(1_000);
    await server.start();
    say('server back');
  };
  const stats = await sendAll(server.base, list, {
    concurrency: 12,
    redeliverEvery: 20,
    onAccepted: (accepted) => {
      if (!restarting && killAt.length && accepted >= killAt[0]!) {
        killAt.shift();
        restarting = restart().finally(() => (restarting = undefined));
      }
    },
  });
  while (restarting !== undefined) await restarting;
  say(
    `sent: ${stats.accepted} accepted of ${stats.deliveries}, ${stats.duplicatesSent} re-deliveries, ${stats.attempts} attempts (${stats.failedAttempts} refused or cut), statuses ${JSON.stringify(stats.statuses)}`,
  );

  // Drain: the local queue lost its in-memory messages at each kill; the cron's sweep re-enqueues
  // them (src/events/requeue-stranded.ts, events older than 90 s). The server runs --no-ticker, so
  // this loop is the cron: it fires the scheduled handler through wrangler's /__scheduled every 30 s.
  let received: number | null = null;
  let lastReceived = Number.POSITIVE_INFINITY;
  let stalledSince = Date.now();
  let stallRestarts = 0;
  // 10 minutes per 1,000 pending at the local drain rate with 20% faults would be generous; the
  // full run (5,000) gets 25 minutes, the quick one 10.
  const drainDeadline = Date.now() + (quick ? 10 : 25) * 60_000;
  for (let tick = 0; Date.now() < drainDeadline; tick++) {
    if (tick % 10 === 0) await fetch(`${server.base}/__scheduled?cron=*+*+*+*+*`).catch(() => undefined);
    // A loaded server may drop a connection: a failed poll is not a verdict, poll again.
    const polled = await eventsWithStatus(server.base, 'received').catch(
      (err: unknown) => (say(`poll failed (${String(err)}); retrying`), undefined),
    );
    if (polled === undefined) {
      await sleep(3_000);
      continue;
    }
    received = polled;
    if (received === 0 || received === null) break;
    // Miniflare's local queue can stop delivering one queue for good (seen with 20% faults: the
    // delayed retries of `message.retry({ delaySeconds })` never arrive, then nothing sent to the
    // events queue is consumed, while the jobs queue keeps working and the sweep keeps re-sending).
    // That is the simulator, not Cloudflare Queues; a restart on the same state gives a working
    // one, and the stranded events are then recovered by the product's own sweep, not by us.
    // The listing caps its count at 100: the exact count, read-only from the state, shows a stall.
    const exact =
      tick % 10 !== 0 ? lastReceived - 1 : received >= 100 ? (exactReceived(persistTo) ?? received) : received;
    if (tick % 10 !== 0) {
      // checked every 10th tick (~30 s): the exact count spawns wrangler
    } else if (exact < lastReceived) {
      lastReceived = exact;
      stalledSince = Date.now();
    } else if (Date.now() - stalledSince > 150_000 && stallRestarts < 6) {
      stallRestarts++;
      say(
        `no event applied for 150 s with the sweep firing: the local queue stalled; restart ${stallRestarts} of the server on the same state`,
      );
      await server.kill('SIGTERM');
      await sleep(1_000);
      await server.start();
      stalledSince = Date.now();
    }
    if (tick % 10 === 0) say(`${received}${received >= 100 ? '+' : ''} events still 'received'`);
    await sleep(3_000);
  }
  await fetch(`${server.base}/__scheduled?cron=*+*+*+*+*`).catch(() => undefined); // the sweep, once more
  await sleep(3_000);
  say(
    received === null
      ? 'GET /api/admin/events is missing: could not watch the drain'
      : `drained: ${received} left 'received'`,
  );
  const details = await caseDetailChecks(server.base);
  await server.stop();

  const accepted = { orders: 0, returns: 0, refunds: 0 };
  // Every delivery was retried until accepted, so accepted counts are the deliveries minus refusals.
  for (const d of list) accepted[`${d.kind}s` as keyof typeof accepted]++;
  for (const r of stats.rejected) accepted[`${r.kind}s` as keyof typeof accepted]--;
  const checks: Check[] = [
    {
      name: 'correctly signed webhooks refused with 4xx',
      expected: 0,
      actual: stats.rejected.length,
      ok: stats.rejected.length === 0,
      detail:
        stats.rejected
          .slice(0, 3)
          .map((r) => `${r.kind} ${r.n}: ${r.status} ${r.body}`)
          .join(' | ') || undefined,
    },
    { name: 'server kills survived', expected: 2, actual: kills, ok: kills === 2 },
    // Reported, not hidden: restarts because miniflare's local queue stopped delivering (see above).
    {
      name: 'restarts after a stalled local queue (simulator, not a product failure)',
      expected: stallRestarts,
      actual: stallRestarts,
      ok: true,
    },
    ...rowChecks(persistTo, accepted),
    ...details,
  ];
  console.log('\nfault test counts');
  for (const c of checks)
    console.log(
      `${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: expected ${c.expected}, found ${c.actual}${c.detail ? ` (${c.detail})` : ''}`,
    );
  const failed = checks.filter((c) => !c.ok).length;
  console.log(`\nstate ${keep ? `kept in ${dir}` : 'removed'}; took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (!keep) rmSync(dir, { recursive: true, force: true });
  console.log(`${checks.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
