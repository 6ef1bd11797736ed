/**
 * `npm run bench:profile -- --only lookup`: where a scenario's CPU goes inside the Worker. Seeds a
 * fresh server like `npm run bench` (fewer cases: --cases, default 10,000), attaches V8's sampling
 * profiler through the Worker's DevTools port, loads each chosen scenario for --seconds (default 8)
 * with --connections (default 4), and prints the functions with the most samples, self and total
 * (total: the function and what it called), as shares of the samples that were not idle. D1's
 * SQLite work runs outside the Worker's isolate and shows as idle here: the bench's CPU column has it.
 */
import autocannon from 'autocannon';
import { createRequire } from 'node:module';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { probe, scenarios } from './scenarios';
import { freePort, freshStateDir, LocalServer, sleep } from './server';
import { seedBenchState } from './seed';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const only = opt('--only', 'lookup').toLowerCase().split(',');
const seconds = Number(opt('--seconds', '8'));
const connections = Number(opt('--connections', '4'));
const cases = Number(opt('--cases', '10000'));

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

type Socket = {
  on(event: 'open' | 'message' | 'error', listener: (data: unknown) => void): void;
  send(text: string): void;
  close(): void;
};

/** A tiny DevTools protocol client (the `ws` package wrangler brings; no types shipped). */
async function devtools(
  port: number,
): Promise<{ call: (method: string, params?: object) => Promise<unknown>; close: () => void }> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as Array<{
    webSocketDebuggerUrl: string;
    title?: string;
  }>;
  const target = targets.find((t) => !/internal|miniflare/i.test(t.title ?? '')) ?? targets[0];
  if (!target) throw new Error('no DevTools target');
  const WebSocket = createRequire(import.meta.url)('ws') as new (url: string) => Socket;
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise<void>((done, fail) => {
    ws.on('open', () => done());
    ws.on('error', (e) => fail(e));
  });
  let next = 1;
  const waiting = new Map<number, (r: unknown) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: unknown };
    if (msg.id && waiting.has(msg.id)) waiting.get(msg.id)!(msg.error ? { error: msg.error } : msg.result);
  });
  return {
    call: (method, params = {}) =>
      new Promise((done) => {
        const id = next++;
        waiting.set(id, done);
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.close(),
  };
}

const label = (f: CallFrame) =>
  `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*?\/(src|node_modules)\//, '$1/')}:${f.lineNumber + 1}`;

/** Self and total samples per function (a function's total counts each sample once, even when recursive). */
function summarize(nodes: ProfileNode[]): { busy: number; self: Map<string, number>; total: Map<string, number> } {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  for (const n of nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits || n.callFrame.functionName === '(idle)') continue;
    busy += hits;
    self.set(label(n.callFrame), (self.get(label(n.callFrame)) ?? 0) + hits);
    const seen = new Set<string>();
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
      const l = label(byId.get(id)!.callFrame);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + hits);
    }
  }
  return { busy, self, total };
}

function printTop(title: string, counts: Map<string, number>, busy: number, n = 25): void {
  console.log(`\n${title}`);
  for (const [name, hits] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(`${((hits / busy) * 100).toFixed(1).padStart(6)}%  ${name}`);
}

async function main(): Promise<void> {
  const stateDir = freshStateDir('profile');
  const persistTo = join(stateDir, 'state');
  const chosen = scenarios().filter((s) => only.some((o) => s.name.toLowerCase().includes(o)));
  seedBenchState(persistTo, cases, stateDir, { helpArticles: chosen.some((s) => s.name.startsWith('help search')) });
  const inspectorPort = await freePort();
  const server = new LocalServer({
    persistTo,
    port: await freePort(),
    logFile: join(stateDir, 'server.log'),
    inspectorPort,
  });
  await server.start();
  try {
    await sleep(1_000);
    const dt = await devtools(inspectorPort);
    await dt.call('Profiler.enable');
    await dt.call('Profiler.setSamplingInterval', { interval: 200 });
    for (const sc of chosen) {
      await probe(server.base, sc.probe());
      await dt.call('Profiler.start');
      const cpuBefore = server.cpuSeconds();
      const result = await autocannon({
        url: server.base,
        connections,
        duration: seconds,
        requests: sc.requests(seconds * 3_000),
      });
      const cpuAfter = server.cpuSeconds();
      const stopped = (await dt.call('Profiler.stop')) as { profile?: { nodes: ProfileNode[] }; error?: unknown };
      if (!stopped?.profile) throw new Error(`Profiler.stop answered ${JSON.stringify(stopped)}`);
      const { profile } = stopped;
      const { busy, self, total } = summarize(profile.nodes);
      const perReq =
        cpuBefore !== null && cpuAfter !== null ? ((cpuAfter - cpuBefore) * 1000) / result.requests.total : NaN;
      console.log(
        `\n== ${sc.name}: ${result.requests.total} requests, ${Math.round(result.requests.average)} req/s, ` +
          `statuses ${JSON.stringify(Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count])))}, ` +
          `workerd ${perReq.toFixed(1)} CPU ms/req, ${busy} busy samples in the Worker isolate`,
      );
      printTop('self (the function itself)', self, busy);
      // wrangler dev serves one bundle (index.js, no source paths): its functions are listed as `name index.js:line`.
      printTop('total (with what it called)', total, busy, 40);
    }
    dt.close();
  } finally {
    await server.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
