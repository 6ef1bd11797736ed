// Prints the SQL triggers the schema needs beyond what drizzle-kit generates (it has no triggers);
// `npm run db:generate` appends them to the squashed migration. See src/db/reason-days.ts.
import { allTriggersSql } from '../src/db/triggers';

process.stdout.write(
  `--> statement-breakpoint\n-- Triggers (scripts/db-triggers.ts): keep the dashboard's per-day rollups equal to the live aggregates.\n${allTriggersSql()}\n`,
);
