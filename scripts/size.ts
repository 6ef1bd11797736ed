/**
 * `npm run size`: bundles the Worker as the README deploys it (`wrangler deploy --minify`; dry run,
 * no account needed) and
 * prints its raw and gzip size against the 400 KiB gzip budget. Exits 1 over budget.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_GZIP_KIB = 400;
const root = resolve(import.meta.dirname, '..');
const outdir = join(root, 'dist');
rmSync(outdir, { recursive: true, force: true });
const result = spawnSync(
  join(root, 'node_modules', '.bin', 'wrangler'),
  ['deploy', '--dry-run', '--minify', '--outdir', outdir],
  {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true' },
    encoding: 'utf8',
  },
);
if (result.status !== 0) {
  process.stderr.write(result.stdout + result.stderr);
  process.exit(result.status ?? 1);
}
const files = readdirSync(outdir).filter((f) => /\.(m?js|wasm|liquid|txt|html)$/.test(f));
let raw = 0;
let gzip = 0;
for (const f of files) {
  const buf = readFileSync(join(outdir, f));
  raw += statSync(join(outdir, f)).size;
  gzip += gzipSync(buf, { level: 9 }).length;
}
const kib = (n: number) => (n / 1024).toFixed(1);
console.log(`bundle  ${files.length} modules (the Worker and its text modules)`);
console.log(`raw     ${kib(raw)} KiB`);
console.log(`gzip    ${kib(gzip)} KiB   (budget ${BUDGET_GZIP_KIB} KiB gzip)`);
if (gzip > BUDGET_GZIP_KIB * 1024) {
  console.error(`over budget by ${kib(gzip - BUDGET_GZIP_KIB * 1024)} KiB`);
  process.exit(1);
}
