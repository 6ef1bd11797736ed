/** How each pickup event changes the state `decidePickup` reads (the fold of `decide.ts`). */
import type { PickupEvent, PickupState } from './decide';

export function evolvePickup(state: PickupState, event: PickupEvent): PickupState {
  switch (event.type) {
    case 'PickupBookingAsked':
      return { ...state, bookingAsked: true };
    case 'PickupScheduled': {
      // A late booking voids a "nothing was bought" refund answer given before it bought the label.
      const labelRefund = state.labelRefund === 'not_purchased' ? null : state.labelRefund;
      const hasLabel = state.hasLabel || event.label;
      return { ...state, status: 'scheduled', bookingAsked: false, hasProviderRef: true, hasLabel, labelRefund };
    }
    case 'PickupFailed':
      return { ...state, status: 'failed', bookingAsked: false, hasLabel: state.hasLabel || event.label };
    case 'PickupCancelAsked':
      return { ...state, cancelAsked: true };
    case 'PickupCancelled':
      return { ...state, status: 'cancelled', cancelAsked: false };
    case 'PickupCancelFailed':
      return { ...state, cancelAsked: false, cancelRefused: true };
    case 'PickupLabelRefundAsked':
      return { ...state, labelRefund: 'requesting' };
    case 'PickupLabelRefundAnswered':
      return { ...state, labelRefund: event.answer };
    case 'PickupLabelRefundSettled':
      return { ...state, labelRefund: event.final };
    case 'PickupCompleted':
      return { ...state, status: 'completed' };
  }
}

export const evolvePickupAll = (state: PickupState, events: PickupEvent[]) => events.reduce(evolvePickup, state);

/**
 * A pickup nothing more happens to: collected; or failed or cancelled with no carrier call in flight
 * and its label refunded (or none bought). A booked pickup still ends: collected, or cancelled.
 */
export function isPickupSettled(state: PickupState): boolean {
  if (state.status === 'completed') return true;
  if (state.bookingAsked || state.cancelAsked) return false;
  if (state.status === 'requested' || state.status === 'scheduled') return false;
  const refund = state.labelRefund;
  return !state.hasLabel || (refund !== null && refund !== 'requesting' && refund !== 'submitted');
}
