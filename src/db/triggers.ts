/** Every trigger of the schema, in migration order (`npm run db:generate` appends them; see scripts/db-triggers.ts). */
import { caseWritesTriggersSql } from './case-writes';
import { handlingDaysTriggersSql } from './handling-days';
import { moneyDaysTriggersSql } from './money-days';
import { reasonDaysTriggersSql } from './reason-days';
import { slaDaysTriggersSql } from './sla-days';

export const allTriggersSql = () =>
  [
    reasonDaysTriggersSql(),
    slaDaysTriggersSql(),
    moneyDaysTriggersSql(),
    handlingDaysTriggersSql(),
    caseWritesTriggersSql(),
  ].join('\n--> statement-breakpoint\n');
