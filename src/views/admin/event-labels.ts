/**
 * What the merchant reads for each case event on the case page's timeline, in English; the page
 * shows them in the member's language from src/i18n/admin/case-events.ts, this label otherwise.
 * A `Record` over the whole union: an event type added without a label here does not compile.
 */
import type { CaseEventType } from '../../cases/case-events';
import { adminCatalogs } from '../../i18n/admin';
import type { Locale } from '../../i18n/locales';

export const merchantEventLabels: Record<CaseEventType, string> = {
  ReturnRequested: 'Return requested',
  ComplaintOpened: 'Complaint opened',
  InquiryOpened: 'Inquiry opened',
  ReturnApproved: 'Return approved',
  ReturnRejected: 'Return declined',
  InfoRequested: 'Information asked of the customer',
  CustomerReplied: 'Customer replied',
  ShipmentAwaited: 'Waiting for the parcel to be sent',
  ReturnInTransit: 'Parcel on its way back',
  ReturnReceived: 'Return received',
  ReturnInspected: 'Return inspected',
  CaseResolved: 'Case resolved',
  RefundSucceeded: 'Refund paid',
  RefundFailed: 'Refund failed',
  CaseClosed: 'Case closed',
  CaseReopened: 'Case reopened',
  NoteAdded: 'Note',
  CaseTagged: 'Tags changed',
  ShopifyReturnLinked: 'Linked to the Shopify return',
  ShopifyExchangeProcessed: 'Exchange processed in Shopify',
  ShopifyReturnReplacing: 'Replacing the Shopify return',
  ShopifyReturnReplaced: 'Shopify return replaced',
  ShopifyReturnCreating: 'Creating the Shopify return',
  ShopifyExchangeRefused: 'Shopify refused the exchange',
  ShopifyInvoiceRequested: 'Balance invoice requested',
  ShopifyInvoiceSent: 'Balance invoice sent',
  ShopifyInvoiceFailed: 'Balance invoice failed',
  ShopifyInvoiceUnconfirmed: 'Balance invoice unconfirmed',
  PickupScheduled: 'Pickup booked',
  PickupFailed: 'Pickup could not be booked',
  PickupCancelled: 'Pickup cancelled',
  PickupCancelFailed: 'Carrier refused to cancel the pickup',
  PickupLabelRefundRequested: 'Label refund requested',
  PickupLabelRefundFailed: 'Label refund refused',
  PickupLabelRefunded: 'Label refunded',
  PickupLabelRefundRejected: 'Label refund rejected',
  PickupLabelRefundNotApplicable: 'No label refund needed',
  PickupLabelRefundUnconfirmed: 'Label refund unconfirmed',
  SlaWarned: 'Response time due soon',
  SlaBreached: 'Response time missed',
  ResolutionClockPaused: 'Resolution clock paused: parcel with the shopper or carrier',
  ResolutionClockResumed: 'Resolution clock running again',
  MessageReceived: 'Customer wrote',
  ReplySent: 'Reply sent',
  CaseAssigned: 'Assigned',
  ApprovalRequested: 'Held for a manager’s approval',
  ApprovalGranted: 'Approved by a manager',
  ApprovalDeclined: 'Declined by a manager',
  CustomerMerged: 'Customer records merged',
  PriorityRaised: 'Priority raised: unhappy customer',
  ProcedureStepsSkipped: 'Closed with procedure steps skipped',
};

/**
 * The label for a stored event in the member's language (src/i18n/admin/case-events.ts), else in
 * English; a type this code no longer writes shows as its name.
 */
export function merchantEventLabel(type: string, locale: Locale = 'en'): string {
  const translated = (adminCatalogs[locale] as Record<string, string | undefined>)[`case.event.${type}`];
  return translated ?? (merchantEventLabels as Record<string, string | undefined>)[type] ?? type;
}
