import type { Services } from './services';
import { checkShipmentDelay } from './delays/delays';
import { deliverNotification } from './notifications/deliver';
import type { JobHandlers } from './queue/consumer';
import type { JobMessage } from './queue/messages';
import { deliverOutboundWebhook } from './notifications/outbound-webhook';
import { cancelPickup } from './pickups/cancel';
import { checkLabelRefund } from './pickups/label-refund-check';
import { escalateFailedPickup, schedulePickup } from './pickups/book';
import { runIssueRefundJob as issueRefund } from './commands/issue-refund';
import { mirrorShopifyReturn } from './commands/mirror-shopify-return';
import { sendSurvey } from './surveys/surveys';
import { closeIfUnanswered } from './conversations/close-unanswered';

/**
 * The jobs queue's work, wired here so the queue's plumbing (src/queue/) knows no capability: one
 * handler per job kind, each idempotent (re-reads its rows and skips work already done).
 */
const byKind: JobHandlers['byKind'] = {
  'deliver-notification': async (s, job) => {
    await deliverNotification(s, job.shopId, job.dedupeKey);
  },
  'outbound-webhook': async (s, job) => {
    await deliverOutboundWebhook(s, job.shopId, job.dedupeKey);
  },
  'schedule-pickup': async (s, job, ctx) => {
    await schedulePickup(s, job.shopId, job.pickupId, ctx.attempts);
  },
  'cancel-pickup': async (s, job) => {
    await cancelPickup(s, job.shopId, job.pickupId);
  },
  'check-label-refund': async (s, job) => {
    await checkLabelRefund(s, job.shopId, job.pickupId);
  },
  'close-if-unanswered': async (s, job) => {
    await closeIfUnanswered(s, job.shopId, job.caseId, job.since);
  },
  'send-survey': async (s, job) => {
    await sendSurvey(s, job.shopId, job.surveyId);
  },
  'check-shipment-delay': async (s, job) => {
    await checkShipmentDelay(s, job.shopId, job.shipmentId);
  },
  'issue-refund': async (s, job) => {
    await issueRefund(s, job);
  },
  'mirror-shopify-return': async (s, job) => {
    await mirrorShopifyReturn(s, job);
  },
};

/** After the last retry (the `jobs-dlq` consumer): make the failure visible where it matters. */
async function onDead(s: Services, job: JobMessage): Promise<void> {
  const now = s.clock.now();
  switch (job.kind) {
    case 'deliver-notification':
    case 'outbound-webhook':
      await s
        .d1(job.shopId)
        .prepare(
          `UPDATE notifications SET status = 'failed', last_error = COALESCE(last_error, 'retries exhausted'), updated_at = ? WHERE shop_id = ? AND dedupe_key = ? AND status IN ('queued', 'sending')`,
        )
        .bind(now, job.shopId, job.dedupeKey)
        .run();
      return;
    case 'schedule-pickup':
      await escalateFailedPickup(s, job.shopId, job.pickupId);
      return;
    default:
      // Recorded in job_failures by the caller; nothing else holds state for these kinds.
      return;
  }
}

export const jobHandlers: JobHandlers = { byKind, onDead };
