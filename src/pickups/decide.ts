/**
 * A carrier pickup as a pure decider, like the case state machine: `decidePickup(state, command)`
 * answers the events a command produces (or why it may not run), `evolvePickup(state, event)` folds
 * one event in. No I/O: the jobs (`book.ts`, `cancel.ts`, `label-refund.ts`) read the row and the
 * case, ask this module what to do, then make the carrier call and write the row. Some events are
 * intents the job carries out (`PickupBookingAsked`, `PickupCancelAsked`, `PickupLabelRefundAsked`:
 * a claim, then the carrier); the others are what the case timeline records.
 */
import {
  effectiveStatus,
  effectiveStatusSql,
  isTerminalStatus,
  pickupBookStatuses,
  pickupWaitStatuses,
} from '../cases/vocabulary';
import { sqlInList } from '../lib/sql-list';
import type { pickups } from '../db/schema';

export type PickupStatus = (typeof pickups.status.enumValues)[number];
/** The carrier's answer to a label refund (EasyPost `refund_status`), or `failed` when it refused for good. */
export type LabelRefundAnswer = 'not_purchased' | 'submitted' | 'refunded' | 'rejected' | 'not_applicable' | 'failed';
/** What a `submitted` refund ends as (`unconfirmed`: still undecided after 30 days). */
export type LabelRefundFinal = 'refunded' | 'rejected' | 'not_applicable' | 'unconfirmed';

export interface PickupState {
  status: PickupStatus;
  /** The carrier's pickup id, stored before it is bought: a row holding one may be booked. */
  hasProviderRef: boolean;
  /** The return label (the carrier's shipment), stored before it is bought. */
  hasLabel: boolean;
  /** Null: never asked; `requesting`: claimed; otherwise the carrier's answer. */
  labelRefund: 'requesting' | LabelRefundAnswer | LabelRefundFinal | null;
  /** The carrier refused to cancel for good: not asked again, a person takes over. */
  cancelRefused: boolean;
  /** A booking job asked the carrier and has not recorded its answer. */
  bookingAsked: boolean;
  /** A cancel job claimed the carrier cancellation and has not recorded it. */
  cancelAsked: boolean;
}

/** Where the pickup's case stands (its status, and the one it resumes to while waiting on the customer). */
export interface CaseAt {
  status: string;
  resumeStatus: string | null;
}

export type PickupCommand =
  | { type: 'book'; case: CaseAt }
  | { type: 'record-booking'; label: boolean }
  | { type: 'fail'; label: boolean }
  | { type: 'cancel'; case: CaseAt }
  | { type: 'record-cancel'; atCarrier: boolean }
  | { type: 'refuse-cancel' }
  | { type: 'refund-label' }
  | { type: 'record-label-refund'; answer: LabelRefundAnswer }
  | { type: 'settle-label-refund'; final: LabelRefundFinal }
  | { type: 'collected' };

export type PickupEvent =
  | { type: 'PickupBookingAsked' }
  /** `late`: booked while the pickup was being cancelled; it is cancelled at the carrier next. */
  | { type: 'PickupScheduled'; late: boolean; label: boolean }
  /** `label`: an attempt bought the return label before the booking failed. */
  | { type: 'PickupFailed'; label: boolean }
  /** Claim, read the carrier, cancel there; `onlyIfBooked`: a requested row is cancelled only if it reads booked. */
  | { type: 'PickupCancelAsked'; onlyIfBooked: boolean }
  | { type: 'PickupCancelled'; atCarrier: boolean }
  | { type: 'PickupCancelFailed' }
  | { type: 'PickupLabelRefundAsked' }
  | { type: 'PickupLabelRefundAnswered'; answer: LabelRefundAnswer }
  | { type: 'PickupLabelRefundSettled'; final: LabelRefundFinal }
  | { type: 'PickupCompleted' };

export type PickupRefusal = {
  refused:
    | 'waiting-for-approval'
    | 'not-requested'
    | 'not-open'
    | 'already-cancelled'
    | 'kept'
    | 'cancel-refused'
    | 'not-asked'
    | 'no-label'
    | 'label-refund-done';
};

export const isPickupRefusal = (r: PickupEvent[] | PickupRefusal): r is PickupRefusal => 'refused' in r;

const refuse = (refused: PickupRefusal['refused']): PickupRefusal => ({ refused });

/** A freshly requested pickup. */
export const requestedPickup: PickupState = {
  status: 'requested',
  hasProviderRef: false,
  hasLabel: false,
  labelRefund: null,
  cancelRefused: false,
  bookingAsked: false,
  cancelAsked: false,
};

/** The case statuses that end a case: a pickup still to come is cancelled. */
/**
 * What a pickup should do for its case: `book` it (approved, the parcel still to come), `wait` (not
 * approved yet: booking would buy a label a merchant may never want), or `cancel` (rejected, closed,
 * resolved; or the parcel is already on its way or here without this pickup). The status sets are
 * the vocabulary's; a case waiting on the customer counts as the status it resumes to.
 */
export function pickupFit(status: string, resumeStatus: string | null): 'book' | 'wait' | 'cancel' {
  const at = effectiveStatus(status, resumeStatus);
  if ((pickupBookStatuses as readonly string[]).includes(at)) return 'book';
  if ((pickupWaitStatuses as readonly string[]).includes(at)) return 'wait';
  return 'cancel';
}

/** `pickupFit(…) === 'wait'` as SQL over the cases row aliased `c`, generated from the same constants. */
export function pickupWaitsSql(c = 'c'): string {
  return `(${effectiveStatusSql(c)} IN ${sqlInList(pickupWaitStatuses)})`;
}

/** A transition that ends the case before its parcel moved: its pickup must be cancelled. */
export function transitionEndsPickup(from: CaseAt, to: string): boolean {
  return isTerminalStatus(to) && pickupFit(from.status, from.resumeStatus) !== 'cancel';
}

/** Whether the carrier is asked to cancel, once it read `carrierStatus` (`unknown`: created, never bought). */
export function carrierMustCancel(onlyIfBooked: boolean, carrierStatus: 'scheduled' | 'canceled' | 'unknown') {
  return onlyIfBooked ? carrierStatus === 'scheduled' : carrierStatus !== 'canceled';
}

/** Whether a cancelled pickup was cancelled with the carrier (a requested one reading `unknown` was never bought). */
export const cancelledAtCarrier = (onlyIfBooked: boolean, carrierStatus: 'scheduled' | 'canceled' | 'unknown') =>
  !onlyIfBooked || carrierStatus !== 'unknown';

/** The booking job, or the cancel job seeing an ended case: cancel at the carrier when it may hold a booking. */
function cancelFor(state: PickupState): PickupEvent[] {
  if (state.status === 'scheduled') return [{ type: 'PickupCancelAsked', onlyIfBooked: false }];
  if (state.hasProviderRef) return [{ type: 'PickupCancelAsked', onlyIfBooked: true }];
  return [{ type: 'PickupCancelled', atCarrier: false }];
}

export function decidePickup(state: PickupState, command: PickupCommand): PickupEvent[] | PickupRefusal {
  const open = state.status === 'requested' || state.status === 'scheduled';
  switch (command.type) {
    case 'book': {
      if (state.status !== 'requested') return refuse('not-requested');
      const fit = pickupFit(command.case.status, command.case.resumeStatus);
      if (fit === 'wait') return refuse('waiting-for-approval');
      if (fit === 'book') return [{ type: 'PickupBookingAsked' }];
      return state.cancelRefused ? refuse('cancel-refused') : cancelFor(state);
    }
    case 'record-booking':
      if (!state.bookingAsked) return refuse('not-asked');
      if (state.status === 'requested') return [{ type: 'PickupScheduled', late: false, label: command.label }];
      if (state.status !== 'cancelled') return refuse('not-requested');
      return [
        { type: 'PickupScheduled', late: true, label: command.label },
        { type: 'PickupCancelAsked', onlyIfBooked: false },
      ];
    case 'fail':
      return state.status === 'requested' ? [{ type: 'PickupFailed', label: command.label }] : refuse('not-requested');
    case 'cancel':
      if (state.status === 'cancelled') return refuse('already-cancelled');
      if (!open) return refuse('not-open');
      if (pickupFit(command.case.status, command.case.resumeStatus) !== 'cancel') return refuse('kept');
      if (state.cancelRefused) return refuse('cancel-refused');
      return cancelFor(state);
    case 'record-cancel':
      return state.cancelAsked && open
        ? [{ type: 'PickupCancelled', atCarrier: command.atCarrier }]
        : refuse('not-asked');
    case 'refuse-cancel':
      return state.cancelAsked && open ? [{ type: 'PickupCancelFailed' }] : refuse('not-asked');
    case 'refund-label':
      if ((state.status !== 'failed' && state.status !== 'cancelled') || !state.hasLabel) return refuse('no-label');
      if (state.labelRefund !== null && state.labelRefund !== 'requesting') return refuse('label-refund-done');
      return [{ type: 'PickupLabelRefundAsked' }];
    case 'record-label-refund':
      if (state.labelRefund !== 'requesting') return refuse('not-asked');
      return [{ type: 'PickupLabelRefundAnswered', answer: command.answer }];
    case 'settle-label-refund':
      if (state.labelRefund !== 'submitted') return refuse('not-asked');
      return [{ type: 'PickupLabelRefundSettled', final: command.final }];
    case 'collected':
      return state.status === 'scheduled' ? [{ type: 'PickupCompleted' }] : refuse('not-open');
  }
}
