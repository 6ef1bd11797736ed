/**
 * Every event a case's audit trail can hold, and what its shopper sees of each. A type is added
 * here first; the tables below (and the merchant's labels, `views/admin/event-labels.ts`) are
 * `Record`s over the union, so a type nobody labelled does not compile.
 */

export const caseEventTypes = [
  // Decided by the state machine (`decide`): each moves or records the case's own status.
  'ReturnRequested',
  'ComplaintOpened',
  'InquiryOpened',
  'ReturnApproved',
  'ReturnRejected',
  'InfoRequested',
  'CustomerReplied',
  'ShipmentAwaited',
  'ReturnInTransit',
  'ReturnReceived',
  'ReturnInspected',
  'CaseResolved',
  'RefundSucceeded',
  'RefundFailed',
  'CaseClosed',
  'CaseReopened',
  'NoteAdded',
  'CaseTagged',
  // The store's Shopify Return, kept in step with the case (status unchanged): linked; processed with
  // its exchange lines; cancelled and made again with them (checkpoint, then done); the checkpoint
  // before returnCreate, so the Return's own webhook finds its case; Shopify refusing the exchange.
  'ShopifyReturnLinked',
  'ShopifyExchangeProcessed',
  'ShopifyReturnReplacing',
  'ShopifyReturnReplaced',
  'ShopifyReturnCreating',
  'ShopifyExchangeRefused',
  // A dearer swap's balance invoiced through Shopify (`orderInvoiceSend`): requested (checkpoint before
  // the call), sent, failed (refused, or certainly not run), unconfirmed (a retry found the checkpoint
  // without an outcome and did not send again).
  'ShopifyInvoiceRequested',
  'ShopifyInvoiceSent',
  'ShopifyInvoiceFailed',
  'ShopifyInvoiceUnconfirmed',
  // The carrier pickup (src/pickups/): booked, failed for good (case escalated), cancelled with its
  // case, or the carrier refusing that cancel.
  'PickupScheduled',
  'PickupFailed',
  'PickupCancelled',
  'PickupCancelFailed',
  // The unused return label of a failed or cancelled pickup, sent back for a refund: asked, refused,
  // then the carrier's final answer (or none after 30 days).
  'PickupLabelRefundRequested',
  'PickupLabelRefundFailed',
  'PickupLabelRefunded',
  'PickupLabelRefundRejected',
  'PickupLabelRefundNotApplicable',
  'PickupLabelRefundUnconfirmed',
  // The CaseClock: a response-time target due soon, or missed.
  'SlaWarned',
  'SlaBreached',
  // The resolution clock alone held while the return's parcel is with the shopper or the carrier, and
  // running again (parcel arrived, the shopper wrote, the case left those states).
  'ResolutionClockPaused',
  'ResolutionClockResumed',
  // The conversation (src/conversations/): the customer wrote on the case; an agent's public reply left.
  'MessageReceived',
  'ReplySent',
  // The team (src/team/): assigned or reassigned; money above the actor's limit held, then approved
  // or declined by a manager.
  'CaseAssigned',
  'ApprovalRequested',
  'ApprovalGranted',
  'ApprovalDeclined',
  // One customer found under two records (src/conversations/merge-customers.ts): the case moved to the survivor.
  'CustomerMerged',
  // A customer's low survey score marks them as angry: their open cases go up one step.
  'PriorityRaised',
  // The help center's procedures (src/help/skipped-steps.ts): the case closed with checklist steps unticked.
  'ProcedureStepsSkipped',
] as const;

export type CaseEventType = (typeof caseEventTypes)[number];

/**
 * What the shopper's status page shows for an event: `status`, the status the case moved to (or
 * stays in); a line of its own (`timeline.<key>` in every shopper catalog); or `hidden`, an event
 * that is the merchant's only (notes, tags, the Shopify mirror, carrier and label refunds, SLA).
 */
export type ShopperTimelineLine = 'hidden' | 'status' | 'pickup_scheduled' | 'pickup_cancelled';

export const shopperTimeline: Record<CaseEventType, ShopperTimelineLine> = {
  ReturnRequested: 'status',
  ComplaintOpened: 'status',
  InquiryOpened: 'status',
  ReturnApproved: 'status',
  ReturnRejected: 'status',
  InfoRequested: 'status',
  CustomerReplied: 'status',
  ShipmentAwaited: 'status',
  ReturnInTransit: 'status',
  ReturnReceived: 'status',
  ReturnInspected: 'status',
  CaseResolved: 'status',
  RefundSucceeded: 'status',
  RefundFailed: 'status',
  CaseClosed: 'status',
  CaseReopened: 'status',
  NoteAdded: 'hidden',
  CaseTagged: 'hidden',
  ShopifyReturnLinked: 'hidden',
  ShopifyExchangeProcessed: 'hidden',
  ShopifyReturnReplacing: 'hidden',
  ShopifyReturnReplaced: 'hidden',
  ShopifyReturnCreating: 'hidden',
  ShopifyExchangeRefused: 'hidden',
  ShopifyInvoiceRequested: 'hidden',
  ShopifyInvoiceSent: 'hidden',
  ShopifyInvoiceFailed: 'hidden',
  ShopifyInvoiceUnconfirmed: 'hidden',
  PickupScheduled: 'pickup_scheduled',
  PickupFailed: 'hidden',
  PickupCancelled: 'pickup_cancelled',
  PickupCancelFailed: 'hidden',
  PickupLabelRefundRequested: 'hidden',
  PickupLabelRefundFailed: 'hidden',
  PickupLabelRefunded: 'hidden',
  PickupLabelRefundRejected: 'hidden',
  PickupLabelRefundNotApplicable: 'hidden',
  PickupLabelRefundUnconfirmed: 'hidden',
  SlaWarned: 'hidden',
  SlaBreached: 'hidden',
  ResolutionClockPaused: 'hidden',
  ResolutionClockResumed: 'hidden',
  MessageReceived: 'status',
  ReplySent: 'status',
  CaseAssigned: 'hidden',
  ApprovalRequested: 'hidden',
  ApprovalGranted: 'hidden',
  ApprovalDeclined: 'hidden',
  CustomerMerged: 'hidden',
  PriorityRaised: 'hidden',
  ProcedureStepsSkipped: 'hidden',
};

/** The one rule for `case_events.visible_to_shopper`. */
export function visibleToShopper(type: CaseEventType): boolean {
  return shopperTimeline[type] !== 'hidden';
}

/** The shopper's line for a stored event (a type this code no longer writes shows as an update). */
export function shopperTimelineLine(type: string): ShopperTimelineLine {
  return (shopperTimeline as Record<string, ShopperTimelineLine | undefined>)[type] ?? 'status';
}
