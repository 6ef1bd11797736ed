// Regenerates SQL migrations from src/db/schema.ts with drizzle-kit.
// Until the first release (0.1.0) the schema is squashed into one `0000_init.sql`, so parallel work
// on the model does not produce conflicting numbered migrations. Set AFTERCARE_SCHEMA_FROZEN=1
// (and remove the squash below at release) to append a new numbered migration instead.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const frozen = process.env.AFTERCARE_SCHEMA_FROZEN === '1';
if (!frozen) rmSync(new URL('../migrations', import.meta.url), { recursive: true, force: true });
const name = process.argv[2] ?? (frozen ? 'change' : 'init');
const r = spawnSync('npx', ['drizzle-kit', 'generate', '--name', name], { stdio: 'inherit' });
process.exit(r.status ?? 1);
