/**
 * The cron sweep (every minute): each capability's catch-up step, in order, wired here so the
 * queue's plumbing knows no capability. One failing step does not stop the others.
 */
import { detectLateShipments } from './delays/delays';
import type { Env } from './env';
import { requeueStrandedEvents } from './events/requeue-stranded';
import { fixedClock } from './lib/clock';
import { log } from './lib/log';
import { enqueueStrandedNotifications } from './notifications/deliver';
import { enqueueLabelRefundChecks } from './pickups/label-refund-check';
import { removeOrphanedPhotos } from './portal/photo-sweep';
import { enqueueDueJobs } from './queue/cron-steps';
import { requeueStalePickups } from './pickups/stale-sweep';
import { seedDemoHistoryStep } from './review/demo-history-step';
import { computeDueReviews } from './review/review-cron';
import { sendReviewEmail } from './review/review-email';
import { evaluateWarnings } from './review/warnings';
import { createServices, type Services } from './services';
import { slaResyncStep } from './sla/resync-sweep';
import { scheduleAndSendSurveys } from './surveys/surveys';
import { drainAtShiftStarts } from './team/shift-drain';

export type SweepStep = (env: Env, now: number) => Promise<Record<string, number> | void>;

const step =
  <T extends Record<string, number>>(fn: (s: Services) => Promise<T>): SweepStep =>
  (env: Env) =>
    fn(createServices(env));

/** A step whose clock is the tick's scheduled time (its intervals then follow the cron, and tests can move it). */
const stepAt =
  <T extends Record<string, number>>(fn: (s: Services) => Promise<T>): SweepStep =>
  (env: Env, now: number) =>
    fn(createServices(env, { clock: fixedClock(now) }));

const steps: Array<[string, SweepStep]> = [
  ['stranded-events', requeueStrandedEvents],
  ['due-jobs', step(enqueueDueJobs)],
  ['late-shipments', step(detectLateShipments)],
  ['surveys', step(scheduleAndSendSurveys)],
  ['stranded-notifications', step(enqueueStrandedNotifications)],
  ['stale-pickups', step(requeueStalePickups)],
  ['label-refund-checks', stepAt(enqueueLabelRefundChecks)],
  ['orphaned-photos', stepAt(removeOrphanedPhotos)],
  ['sla-resync', slaResyncStep],
  ['demo-history', step(seedDemoHistoryStep)],
  ['shift-drains', stepAt(drainAtShiftStarts)],
  ['weekly-reviews', stepAt((s) => computeDueReviews(s, (shopId, review) => sendReviewEmail(s, shopId, review)))],
  ['early-warnings', stepAt(evaluateWarnings)],
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
