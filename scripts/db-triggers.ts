// Prints the SQL triggers the schema needs beyond what drizzle-kit generates (it has no triggers);
// `npm run db:generate` appends them to the squashed migration. See src/db/reason-days.ts.
import { reasonDaysTriggersSql } from '../src/db/reason-days';

process.stdout.write(`--> statement-breakpoint\n-- Triggers (scripts/db-triggers.ts): keep case_reason_days equal to the live reasons join.\n${reasonDaysTriggersSql()}\n`);
