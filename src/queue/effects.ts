/**
 * Effects are what a command wants done AFTER its batch committed: enqueue jobs, signal the case's
 * SLA clock. Commands return them as data (so they are testable and the write stays one batch);
 * `runEffects` performs them. An effect that fails is not lost: jobs also sit in `scheduled_jobs`
 * (written in the batch) for the cron sweep, and the SLA clock is re-synced from the case row.
 */
import type { Priority } from '../cases/policy-schema';
import type { SlaSignal } from '../cases/sla-signals';
import { log } from '../lib/log';
import type { Services } from '../services';
import { enqueueJob } from './enqueue';
import type { JobMessage } from './messages';

export type { SlaSignal };
export { slaSignalFor } from '../cases/sla-signals';

export type Effect =
  | { kind: 'job'; message: JobMessage }
  | { kind: 'sla'; shopId: string; caseId: string; signal: SlaSignal; priority: Priority; at: number };

/** How `sla` effects reach each case's clock: `Services.slaSignals` (src/sla/clock-client.ts in production). */
export type SlaHandler = (s: Services, effect: Extract<Effect, { kind: 'sla' }>) => Promise<void>;

export async function runEffects(s: Services, effects: Effect[]): Promise<void> {
  for (const effect of effects) {
    try {
      if (effect.kind === 'job') await enqueueJob(s, effect.message);
      else await s.slaSignals(s, effect);
    } catch (err) {
      // The state change is committed; the sweep re-sends jobs from scheduled_jobs.
      log({
        kind: 'job',
        outcome: 'error',
        durationMs: 0,
        effect: effect.kind,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
}
