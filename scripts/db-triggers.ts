// Prints the SQL the schema needs beyond what drizzle-kit generates (it has no triggers and no
// virtual tables); `npm run db:generate` appends it to the squashed migration. See src/db/reason-days.ts
// and src/help/search-sql.ts.
import { allTriggersSql } from '../src/db/triggers';
import { createArticleSearchTableSql } from '../src/help/search-sql';

process.stdout.write(
  `--> statement-breakpoint\n-- Triggers (scripts/db-triggers.ts): keep the dashboard's per-day rollups equal to the live aggregates.\n${allTriggersSql()}\n`,
);
process.stdout.write(
  `--> statement-breakpoint\n-- Help-center search (src/help/search-sql.ts): FTS5, which drizzle-kit cannot declare.\n${createArticleSearchTableSql};\n`,
);
