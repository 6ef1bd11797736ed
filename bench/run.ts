/**
 * `npm run bench`: a fresh local server (its own state directory, no cron ticker), seeded with the
 * demo shop and 100,000 cases, loaded scenario by scenario with autocannon over loopback. Prints
 * one table (each row also as a ratio to the bare route measured in the same run) and writes
 * bench/results.json. Flags: --quick (CI-sized), --duration S, --connections N, --cases N,
 * --drain N, --port P (or BENCH_PORT), --keep (leave the state directory for inspection),
 * --only a,b (just the scenarios whose names contain a or b; the drain only with `drain` among them),
 * --snapshot (run the last commit from a copy, when others are editing this work tree).
 */
import autocannon from 'autocannon';
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { assignmentRate, avgRowBytes, databaseBytes, measureCosts, rowsPerWebhook, tableCounts } from './costs';
import { measureDrain } from './drain';
import { probe, scenarios, type Scenario } from './scenarios';
import { ackOnlyConfig, freePort, freshStateDir, LocalServer, root, useSnapshot } from './server';
import { seedBenchState } from './seed';
import { printTable, type Row } from './table';

const args = process.argv.slice(2);
const num = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const quick = args.includes('--quick');
const duration = num('--duration', quick ? 3 : 10);
const connections = num('--connections', quick ? 10 : 50);
const caseCount = num('--cases', quick ? 10_000 : 100_000);
const drainCount = num('--drain', quick ? 1_000 : 10_000);
const keep = args.includes('--keep');
/** `--only ack,lookup`: just the scenarios whose names contain one of these (the drain only if `drain` is named). */
const onlyArg = args[args.indexOf('--only') + 1];
const only = args.includes('--only') && onlyArg ? onlyArg.toLowerCase().split(',') : undefined;
if (args.includes('--snapshot')) console.log(`running the last commit from ${useSnapshot()}`);

async function main(): Promise<void> {
  const loadStart = loadavg();
  const port = await freePort(num('--port', Number(process.env.BENCH_PORT ?? 0)) || undefined);
  const stateDir = freshStateDir('bench');
  const persistTo = join(stateDir, 'state');
  const logFile = join(stateDir, 'server.log');
  console.log(
    `bench: state ${stateDir}, port ${port}, ${connections} connections, ${duration} s per scenario${quick ? ' (quick)' : ''}`,
  );

  const all = scenarios().filter((sc) => !only || only.some((o) => sc.name.toLowerCase().includes(o)));
  let t = Date.now();
  seedBenchState(persistTo, caseCount, stateDir, { helpArticles: all.some((sc) => sc.name.startsWith('help search')) });
  console.log(
    `seeded the demo shop and ${caseCount.toLocaleString('en')} cases in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );
  const seeded = { counts: tableCounts(persistTo), bytes: databaseBytes(persistTo) };

  const rows: Row[] = [];
  let drain: Awaited<ReturnType<typeof measureDrain>> | undefined;
  const bare = all.find((sc) => sc.name === 'bare route');

  // Phase 1: the server as `npm run dev` runs it (events applied in the same process): reads, the
  // shopper page, the admin screens, then the drain rate of the events queue.
  const reads = all.filter((sc) => sc.phase !== 'ack');
  const drainChosen = !only || only.includes('drain');
  if (reads.length > 0 || drainChosen) {
    const server = new LocalServer({ persistTo, port, logFile });
    try {
      t = Date.now();
      await server.start();
      console.log(`server healthy in ${((Date.now() - t) / 1000).toFixed(1)} s at ${server.base}`);
      for (const scenario of reads) await measure(server, scenario, rows);
      if (drainChosen) {
        drain = await measureDrain(server, { count: drainCount, connections });
        rows.push(drain.row);
        console.log(`- ${drain.row.name}: ${drain.row.skipped ?? drain.row.note}`);
      }
    } finally {
      await server.stop();
    }
  }

  // Phase 2: the ack path alone. Production runs the events consumer in its own invocations; here
  // one workerd would apply every accepted event on the same thread as the acks (the drain row
  // above measures that work), so the acks are measured against a server without the consumer,
  // with its own bare route as the baseline.
  const acks = all.filter((sc) => sc.phase === 'ack');
  if (acks.length > 0) {
    const server = new LocalServer({ persistTo, port, logFile, config: ackOnlyConfig() });
    try {
      await server.start();
      console.log(`ack-only server (no events consumer) healthy at ${server.base}`);
      if (bare)
        await measure(
          server,
          { ...bare, name: ACK_BARE, what: 'GET /livez on the ack-only server: the baseline of the rows below' },
          rows,
        );
      for (const scenario of acks) await measure(server, { ...scenario, baseline: ACK_BARE }, rows);
    } finally {
      await server.stop();
    }
  }

  if (!only || only.some((o) => 'assignment'.includes(o))) {
    const a = assignmentRate();
    rows.push(
      'error' in a
        ? { name: 'assignment (Dispatcher)', what: ASSIGNMENT_WHAT, skipped: a.error }
        : {
            name: 'assignment (Dispatcher)',
            what: ASSIGNMENT_WHAT,
            rps: a.perSecond,
            p99: a.p99,
            note: `assignments/s inside workerd (vitest), not HTTP: ${a.line}`,
          },
    );
  }

  const costs = {
    ...measureCosts(persistTo, seeded),
    avgRowBytes: avgRowBytes(persistTo),
    d1RowsPerWebhook: rowsPerWebhook(),
  };
  printTable(rows, { connections, duration });
  // Other processes on the machine take CPU from the server: say how busy it was.
  console.log(
    `\nload average (1/5/15 min) at start ${loadStart.map((n) => n.toFixed(1)).join(' ')}, at end ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}, on ${cpus().length} CPUs`,
  );
  const results = {
    at: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      node: process.version,
      platform: process.platform,
      loadAverageAtStart: loadStart,
      loadAverageAtEnd: loadavg(),
    },
    settings: { quick, duration, connections, cases: caseCount, drain: drainCount },
    rows,
    drain: drain && { accepted: drain.acceptedTotal, seconds: drain.seconds, backlogSeconds: drain.backlogSeconds },
    costs,
  };
  writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log('\nper-event costs (docs/SCALING.md uses these):');
  console.log(JSON.stringify(costs, null, 2));
  console.log(`\nwrote bench/results.json${keep ? `; state kept in ${stateDir}` : ''}`);
  if (!keep) rmSync(stateDir, { recursive: true, force: true });
}

const ACK_BARE = 'bare route (ack server)';
const ASSIGNMENT_WHAT =
  'test/scaling/assignment-load.test.ts: 1,000 cases signalled at once to the Dispatcher across 20 members (p99: one signal)';

/** One scenario: a probe (skipped when the route is missing or hangs), then autocannon. */
async function measure(server: LocalServer, scenario: Scenario, rows: Row[]): Promise<void> {
  const first = await probe(server.base, scenario.probe()).catch((err: unknown) => ({
    status: 0,
    missing: false,
    body: String(err),
    failed: true as const,
  }));
  if ('failed' in first) {
    // A probe that gets no answer in 2 minutes: the server is saturated (or the route hangs); say so.
    rows.push({ name: scenario.name, what: scenario.what, skipped: `probe got no answer: ${first.body.slice(0, 60)}` });
    console.log(`- ${scenario.name}: probe got no answer (${first.body})`);
    return;
  }
  if (first.missing) {
    rows.push({ name: scenario.name, what: scenario.what, skipped: 'route missing' });
    console.log(`- ${scenario.name}: skipped (route missing)`);
    return;
  }
  if (first.status >= 500) console.log(`  probe of ${scenario.name} answered ${first.status}: ${first.body}`);
  const cpuBefore = server.cpuSeconds();
  const result = await autocannon({
    url: server.base,
    connections,
    duration,
    timeout: 30,
    requests: scenario.requests(Math.ceil(duration * 3_000)),
  });
  const cpuAfter = server.cpuSeconds();
  const total = result.requests.total;
  const row: Row = {
    name: scenario.name,
    what: scenario.what,
    baseline: scenario.baseline,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count])),
    cpuMsPerRequest:
      cpuBefore !== null && cpuAfter !== null && total > 0 ? ((cpuAfter - cpuBefore) * 1000) / total : undefined,
  };
  rows.push(row);
  console.log(
    `- ${scenario.name}: ${Math.round(row.rps ?? 0)} req/s, p99 ${row.p99} ms, statuses ${JSON.stringify(row.statuses)}`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
