/**
 * `npm run dev`: everything a newcomer needs, offline, in one command.
 * 1. `.dev.vars` from `.dev.vars.example` when missing, with a random APP_SECRET and ADMIN_TOKEN;
 * 2. local D1 migrations applied;
 * 3. the demo shop seeded (idempotent); its ~90 days of history follow on the first cron tick;
 * 4. `wrangler dev` on 127.0.0.1:$PORT (8787) with cron testing on, plus a ticker that fires the
 *    cron every 30 s, because wrangler does not run cron triggers locally by itself.
 * Flags: --persist-to DIR (state elsewhere than .wrangler/state), --no-ticker, --var NAME:VALUE,
 * --config FILE (another wrangler config: the bench uses one without the events consumer).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_SHOP_ID } from '../src/db/demo-data';
import { demoSeedStatements, toSqlScript } from '../src/db/seed';
import { starterArticleStatements } from '../src/help/starter-seed';
import { starterProcedureStatements } from '../src/help/procedure-store';
import { devVar, ensureDevVars } from './dev-vars';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const persistTo = flag('--persist-to');
const ticker = !args.includes('--no-ticker');
const port = Number(process.env.PORT ?? 8787);
const host = '127.0.0.1';

const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  CI: process.env.CI ?? 'true', // no interactive prompts from wrangler
};
const wrangler = join(root, 'node_modules', '.bin', 'wrangler');
const persistArgs = persistTo ? ['--persist-to', persistTo] : [];
const config = flag('--config');
const configArgs = config ? ['--config', config] : [];
// `--inspector-port P`: where DevTools (and bench/profile.ts's CPU profiler) attach to the Worker.
const inspector = flag('--inspector-port');
const inspectorArgs = inspector ? ['--inspector-port', inspector] : [];
// `--var NAME:VALUE` (repeatable) is passed to wrangler dev: the fault tests switch on test-only vars.
const varArgs = args.flatMap((a, i) => (a === '--var' && args[i + 1] ? ['--var', args[i + 1]!] : []));

function run(cmd: string, cmdArgs: string[]): void {
  const result = spawnSync(cmd, cmdArgs, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`${cmdArgs.slice(0, 3).join(' ')} failed (exit ${result.status})`);
  }
}

const started = Date.now();
const created = ensureDevVars(root);
if (created.length) console.log(`.dev.vars: generated ${created.join(', ')} (local values only)`);

run(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', ...configArgs, ...persistArgs]);
console.log('migrations applied');

const seedFile = join(root, '.wrangler', 'seed.sql');
mkdirSync(dirname(seedFile), { recursive: true });
// The starter help articles as the Worker bundles them (src/help/starter-article-files.ts), read from disk.
const articleDir = join(root, 'templates', 'articles');
const articleFiles = Object.fromEntries(
  readdirSync(articleDir)
    .filter((name) => name.endsWith('.md.liquid'))
    .map((name) => [name.replace(/\.md\.liquid$/, ''), readFileSync(join(articleDir, name), 'utf8')]),
);
// The 90 days of history follow on the first cron tick (src/review/demo-history-step.ts).
const seedNow = Date.now();
writeFileSync(
  seedFile,
  toSqlScript([
    ...demoSeedStatements(seedNow),
    ...starterArticleStatements(DEMO_SHOP_ID, articleFiles, seedNow),
    ...starterProcedureStatements(DEMO_SHOP_ID, seedNow),
  ]),
);
run(wrangler, ['d1', 'execute', 'DB', '--local', '--file', seedFile, ...configArgs, ...persistArgs]);
console.log(
  'demo shop seeded (demo-shop.myshopify.com, orders #1001-#1010; 90 days of history on the first cron tick)',
);

const child = spawn(
  wrangler,
  [
    'dev',
    '--ip',
    host,
    '--port',
    String(port),
    '--test-scheduled',
    '--show-interactive-dev-session=false',
    ...configArgs,
    ...persistArgs,
    ...inspectorArgs,
    ...varArgs,
    '--var',
    'DEMO_HISTORY:1',
  ],
  { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] },
);

const base = `http://${host}:${port}`;
let timer: NodeJS.Timeout | undefined;

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the local server did not become healthy within 60 s');
}

void waitForHealth().then(
  () => {
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`\nAftercare is running (ready in ${secs} s), offline:`);
    console.log(`  shopper page   ${base}/portal/demo-shop.myshopify.com   (order #1001, shopper@example.com)`);
    console.log(`  admin screen   ${base}/admin                             (token: ${devVar(root, 'ADMIN_TOKEN')})`);
    console.log(`  health         ${base}/healthz\n`);
    if (ticker) {
      const tick = () => fetch(`${base}/__scheduled?cron=*+*+*+*+*`).catch(() => undefined);
      void tick();
      timer = setInterval(tick, 30_000);
    }
  },
  (err: Error) => {
    console.error(err.message);
    child.kill('SIGTERM');
    process.exitCode = 1;
  },
);

const stop = () => {
  if (timer) clearInterval(timer);
  child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => {
  if (timer) clearInterval(timer);
  process.exit(code ?? 0);
});
