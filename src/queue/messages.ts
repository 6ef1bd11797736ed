import * as z from 'zod';

/**
 * Every message on the `jobs` queue, one shape per kind. The consumer parses with `jobMessage` and
 * dispatches by `kind`; a message that does not parse is dead on arrival (acked and recorded, since
 * retrying cannot fix it). Messages carry ids, never state: handlers re-read the rows, so a stale or
 * repeated message finds the work already done.
 */
const shopId = z.string().min(1).max(64);
const id = z.string().min(1).max(200);

export const deliverNotificationMessage = z.object({ kind: z.literal('deliver-notification'), shopId, dedupeKey: id });
export const schedulePickupMessage = z.object({ kind: z.literal('schedule-pickup'), shopId, pickupId: id });
/** A booked (or still requested) pickup whose case ended: cancelled at the carrier, its label refunded (`pickup-cancel.ts`). */
export const cancelPickupMessage = z.object({ kind: z.literal('cancel-pickup'), shopId, pickupId: id });
/** Where a failed pickup's `submitted` label refund stands now (`pickup-label-refund-check.ts`). */
export const checkLabelRefundMessage = z.object({ kind: z.literal('check-label-refund'), shopId, pickupId: id });
export const sendSurveyMessage = z.object({ kind: z.literal('send-survey'), shopId, surveyId: id });
export const checkShipmentDelayMessage = z.object({ kind: z.literal('check-shipment-delay'), shopId, shipmentId: id });
/** A merchant-facing webhook: a `notifications` row with channel `webhook` (recipient = URL). */
export const outboundWebhookMessage = z.object({ kind: z.literal('outbound-webhook'), shopId, dedupeKey: id });
/** Handled by the Cases area (`src/commands/issue-refund.ts`); extra fields pass through to it. */
export const issueRefundMessage = z.looseObject({
  kind: z.literal('issue-refund'),
  shopId,
  caseId: id,
  refundId: id.optional(),
});
/** Handled by the Cases area (`src/commands/mirror-shopify-return.ts`): the store's Return follows the case. */
export const mirrorShopifyReturnMessage = z.object({
  kind: z.literal('mirror-shopify-return'),
  shopId,
  caseId: id,
  step: z.enum(['approve', 'decline', 'exchange']),
  note: z.string().max(500).optional(),
  /** step `exchange`: the cheaper swap's pending refund, settled inside `returnProcess`. */
  refundId: id.optional(),
  /** step `exchange`: the `returnProcess` idempotency key (one per resolution attempt). */
  idempotencyKey: id.optional(),
  label: z
    .object({ url: z.url(), trackingNumber: z.string().max(100).optional(), trackingUrl: z.url().optional() })
    .optional(),
});

/** Closes a case still waiting on the customer with no message from them since `since` (src/conversations). */
export const closeIfUnansweredMessage = z.object({
  kind: z.literal('close-if-unanswered'),
  shopId,
  caseId: id,
  since: z.number().int(),
});

export const jobMessage = z.discriminatedUnion('kind', [
  deliverNotificationMessage,
  schedulePickupMessage,
  cancelPickupMessage,
  checkLabelRefundMessage,
  sendSurveyMessage,
  checkShipmentDelayMessage,
  outboundWebhookMessage,
  issueRefundMessage,
  mirrorShopifyReturnMessage,
  closeIfUnansweredMessage,
]);

export type JobMessage = z.infer<typeof jobMessage>;
export type JobKind = JobMessage['kind'];
export type JobOf<K extends JobKind> = Extract<JobMessage, { kind: K }>;

/** The job's identity: the same work always has the same key (failures are recorded under it). */
export function jobKey(m: JobMessage): string {
  switch (m.kind) {
    case 'deliver-notification':
    case 'outbound-webhook':
      return `${m.kind}:${m.shopId}:${m.dedupeKey}`;
    case 'schedule-pickup':
    case 'cancel-pickup':
    case 'check-label-refund':
      return `${m.kind}:${m.shopId}:${m.pickupId}`;
    case 'send-survey':
      return `${m.kind}:${m.shopId}:${m.surveyId}`;
    case 'check-shipment-delay':
      return `${m.kind}:${m.shopId}:${m.shipmentId}`;
    case 'issue-refund':
      return `${m.kind}:${m.shopId}:${m.caseId}:${m.refundId ?? ''}`;
    case 'close-if-unanswered':
      return `${m.kind}:${m.shopId}:${m.caseId}:${m.since}`;
    case 'mirror-shopify-return':
      // One exchange per resolution attempt (a reopened case may be exchanged again).
      return `${m.kind}:${m.shopId}:${m.caseId}:${m.step}${m.idempotencyKey ? `:${m.idempotencyKey}` : ''}`;
  }
}
