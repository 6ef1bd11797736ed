/**
 * `npm run test:e2e`: every `test/e2e/*.e2e.ts` through node's built-in test runner (via tsx).
 * Node 20's `--test` does not glob, so the files are listed here.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.e2e.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .map((f) => join(here, f));
if (files.length === 0) {
  console.error('no e2e files matched');
  process.exit(1);
}
// One file at a time: each starts its own dev server and browser (2 shared CPU cores).
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
