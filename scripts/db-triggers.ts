// Prints the SQL triggers the schema needs beyond what drizzle-kit generates (it has no triggers);
// `npm run db:generate` appends them to the squashed migration. See src/db/reason-days.ts.
import { reasonDaysTriggersSql } from '../src/db/reason-days';
import { slaDaysTriggersSql } from '../src/db/sla-days';

process.stdout.write(`--> statement-breakpoint\n-- Triggers (scripts/db-triggers.ts): keep case_reason_days and case_sla_days equal to the live aggregates.\n${reasonDaysTriggersSql()}\n--> statement-breakpoint\n${slaDaysTriggersSql()}\n`);
