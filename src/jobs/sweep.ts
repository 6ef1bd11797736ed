import type { Env } from '../env';
import { requeueStrandedEvents } from '../events/requeue-stranded';
import { log } from '../lib/log';
import { slaResyncStep } from '../sla/resync-sweep';
import { jobSweepSteps } from './cron-steps';

export type SweepStep = (env: Env, now: number) => Promise<Record<string, number> | void>;

/** The cron sweep runs each step in turn; one failing step does not stop the others. */
const steps: Array<[string, SweepStep]> = [
  ['stranded-events', requeueStrandedEvents],
  ['due-jobs', jobSweepSteps.dueJobs],
  ['late-shipments', jobSweepSteps.lateShipments],
  ['surveys', jobSweepSteps.surveys],
  ['stranded-notifications', jobSweepSteps.strandedNotifications],
  ['stale-pickups', jobSweepSteps.stalePickups],
  ['label-refund-checks', jobSweepSteps.labelRefundChecks],
  ['orphaned-photos', jobSweepSteps.orphanedPhotos],
  ['sla-resync', slaResyncStep],
];

export async function runSweep(env: Env, now: number): Promise<Record<string, unknown>> {
  const started = Date.now();
  const results: Record<string, unknown> = {};
  for (const [name, step] of steps) {
    try {
      results[name] = (await step(env, now)) ?? 'ok';
    } catch (err) {
      results[name] = { error: err instanceof Error ? err.message : String(err) };
    }
  }
  log({ kind: 'cron', outcome: 'ok', durationMs: Date.now() - started, results });
  return results;
}
