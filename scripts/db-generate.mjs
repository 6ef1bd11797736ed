// Regenerates SQL migrations from src/db/schema/ with drizzle-kit.
// Until the first release (0.1.0) the schema is squashed into one `0000_init.sql`, so parallel work
// on the model does not produce conflicting numbered migrations. Set AFTERCARE_SCHEMA_FROZEN=1
// (and remove the squash below at release) to append a new numbered migration instead.
import { spawnSync } from 'node:child_process';
import { appendFileSync, rmSync } from 'node:fs';

const frozen = process.env.AFTERCARE_SCHEMA_FROZEN === '1';
if (!frozen) rmSync(new URL('../migrations', import.meta.url), { recursive: true, force: true });
const name = process.argv[2] ?? (frozen ? 'change' : 'init');
const r = spawnSync('npx', ['drizzle-kit', 'generate', '--name', name], { stdio: 'inherit' });
if (r.status !== 0 || frozen) process.exit(r.status ?? 1);
// drizzle-kit has no triggers: append ours (src/db/reason-days.ts) to the squashed migration. Once
// frozen, a change to them needs its own migration (DROP TRIGGER + CREATE TRIGGER).
const triggers = spawnSync('npx', ['tsx', 'scripts/db-triggers.ts'], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
if (triggers.status !== 0) process.exit(triggers.status ?? 1);
appendFileSync(new URL('../migrations/0000_init.sql', import.meta.url), `\n${triggers.stdout}`);
