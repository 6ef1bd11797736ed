/**
 * The local server as a child process group, for the bench and the fault tests: `npm run dev` with
 * its state in a directory of our choosing, started, health-checked, SIGKILLed (the whole group:
 * npm, tsx, wrangler and workerd) and restarted on the same state.
 */
import { execSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const wranglerBin = join(root, 'node_modules', '.bin', 'wrangler');

/** Where the server runs from: the checkout, or a snapshot of its last commit (`useSnapshot`). */
let appRoot = root;
export const appDir = () => appRoot;

/**
 * `wrangler dev` reloads whenever a source file changes. When others are editing the same work
 * tree, a run would measure (or fault-test) half-written code; `--snapshot` runs the last commit
 * from a copy instead (`git archive HEAD`, node_modules linked). Not needed on a clean checkout.
 */
export function useSnapshot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aftercare-snapshot-'));
  execSync(`git archive HEAD | tar -x -C ${JSON.stringify(dir)}`, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  appRoot = dir;
  return dir;
}
export const quietEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  CI: process.env.CI ?? 'true',
};

/** A port nobody listens on: `preferred` when given and free, else one the OS picks. */
export async function freePort(preferred?: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((done) => {
      const srv = createServer();
      srv.once('error', () => done(null));
      srv.listen(port, '127.0.0.1', () => {
        const addr = srv.address();
        srv.close(() => done(typeof addr === 'object' && addr ? addr.port : null));
      });
    });
  if (preferred) {
    const got = await tryListen(preferred);
    if (got) return got;
  }
  const any = await tryListen(0);
  if (!any) throw new Error('no free port on 127.0.0.1');
  return any;
}

export function freshStateDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `aftercare-${prefix}-`));
}

/** `wrangler d1 …` against the local state directory (only while no server holds it, or read-only). */
export function wranglerD1(persistTo: string, args: string[]): string {
  const out = spawnSync(wranglerBin, ['d1', ...args, '--local', '--persist-to', persistTo], {
    cwd: appRoot,
    env: quietEnv,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`wrangler d1 ${args[0]} failed: ${out.stderr || out.stdout}`);
  return out.stdout;
}

/** Runs one SQL query on the local D1 and returns its rows. */
export function queryD1<T = Record<string, unknown>>(persistTo: string, sql: string): T[] {
  const out = wranglerD1(persistTo, ['execute', 'DB', '--json', '--command', sql]);
  const parsed = JSON.parse(out.slice(out.indexOf('['))) as Array<{ results: T[] }>;
  return parsed[0]?.results ?? [];
}

export interface ServerOptions {
  persistTo: string;
  port: number;
  /** wrangler `--var NAME:VALUE` pairs (test switches). */
  vars?: Record<string, string>;
  logFile: string;
  ticker?: boolean;
}

export class LocalServer {
  private child: ChildProcess | undefined;
  readonly base: string;

  constructor(private readonly options: ServerOptions) {
    this.base = `http://127.0.0.1:${options.port}`;
  }

  async start(timeoutMs = 120_000): Promise<void> {
    const args = ['run', 'dev', '--', '--persist-to', this.options.persistTo];
    if (!this.options.ticker) args.push('--no-ticker');
    for (const [k, v] of Object.entries(this.options.vars ?? {})) args.push('--var', `${k}:${v}`);
    const log = createWriteStream(this.options.logFile, { flags: 'a' });
    // detached: its own process group, so a kill reaches wrangler and workerd too, not just npm.
    const child = spawn('npm', args, {
      cwd: appRoot,
      env: { ...quietEnv, PORT: String(this.options.port) },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the server exited early (code ${child.exitCode}); see ${this.options.logFile}`);
      try {
        const res = await fetch(`${this.base}/healthz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(`the server was not healthy within ${timeoutMs / 1000} s; see ${this.options.logFile}`);
  }

  /** SIGKILL the whole process group: no graceful shutdown, in-flight work is cut mid-way. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    const exited = new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) done();
      else child.once('exit', () => done());
    });
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
    await Promise.race([exited, sleep(10_000)]);
    // workerd may outlive npm for a moment; wait until the port is free again.
    for (let i = 0; i < 80; i++) {
      try {
        await fetch(`${this.base}/livez`);
        await sleep(250);
      } catch {
        break;
      }
    }
    this.child = undefined;
  }

  /**
   * CPU seconds the server's workerd processes have used so far (user + system, from /proc): the
   * bench divides a scenario's delta by its requests. Locally this includes the SQLite work that
   * D1 does on its own machines in production, so it is an upper bound on Workers CPU.
   */
  cpuSeconds(): number | null {
    const pgid = this.child?.pid;
    if (!pgid || process.platform !== 'linux') return null;
    let ticks = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue;
      }
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[0] is state (field 3); pgrp is field 5, utime 14, stime 15.
      if (Number(fields[2]) !== pgid || !comm.includes('workerd')) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / 100;
  }

  /** SIGTERM, then SIGKILL whatever of the group is left. */
  async stop(): Promise<void> {
    const pid = this.child?.pid;
    await this.kill('SIGTERM');
    if (pid) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // the group is gone
      }
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
