/**
 * Effects are what a command wants done AFTER its batch committed: enqueue jobs, signal the case's
 * SLA clock. Commands return them as data (so they are testable and the write stays one batch);
 * `runEffects` performs them. An effect that fails is not lost: jobs also sit in `scheduled_jobs`
 * (written in the batch) for the cron sweep, and the SLA clock is re-synced from the case row.
 */
import type { Priority } from '../cases/policy-schema';
import { enqueueJob } from '../queue/enqueue';
import type { JobMessage } from '../queue/messages';
import { log } from '../lib/log';
import type { Services } from '../services';

export type SlaSignal =
  /** A new case: start the first-response and resolution clocks. */
  | 'start'
  /** An agent answered or acted: first response met, next-update clock restarts. */
  | 'reply'
  /** Waiting on the customer: the clocks stop. */
  | 'pause'
  | 'resume'
  /** Resolved, rejected or closed: nothing is due any more. */
  | 'stop'
  | 'priority';

export type Effect =
  | { kind: 'job'; message: JobMessage }
  | { kind: 'sla'; shopId: string; caseId: string; signal: SlaSignal; priority: Priority; at: number };

export type SlaHandler = (s: Services, effect: Extract<Effect, { kind: 'sla' }>) => Promise<void>;

let slaHandler: SlaHandler | null = null;

/**
 * The SLA area registers how signals reach the `CaseClock` (`src/sla/clock-client.ts`), keeping the
 * dependency pointing from SLA to commands and letting tests observe signals.
 */
export function registerSlaHandler(handler: SlaHandler | null): void {
  slaHandler = handler;
}

export async function runEffects(s: Services, effects: Effect[]): Promise<void> {
  for (const effect of effects) {
    try {
      if (effect.kind === 'job') await enqueueJob(s, effect.message);
      else if (slaHandler) await slaHandler(s, effect);
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

/** The SLA signal a transition implies, if any. */
export function slaSignalFor(from: string | null, to: string): SlaSignal | null {
  if (from === null) return 'start';
  if (to === 'waiting_on_customer') return 'pause';
  if (from === 'waiting_on_customer') return 'resume';
  if (to === 'resolved' || to === 'rejected' || to === 'closed') return 'stop';
  if (from === 'closed' && to === 'requested') return 'start';
  return from !== to ? 'reply' : null;
}
