import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CaseAt,
  carrierMustCancel,
  cancelledAtCarrier,
  decidePickup,
  isPickupRefusal,
  type PickupCommand,
  type PickupState,
  pickupFit,
  requestedPickup,
  transitionEndsPickup,
} from './decide';
import { evolvePickupAll, isPickupSettled } from './evolve';

const at = (status: string, resumeStatus: string | null = null): CaseAt => ({ status, resumeStatus });
const pickup = (extra: Partial<PickupState> = {}): PickupState => ({ ...requestedPickup, ...extra });

/** Every command the jobs can send, against every kind of case. */
const cases = [at('approved'), at('requested'), at('closed'), at('waiting_on_customer', 'approved'), at('in_transit')];
const commands: PickupCommand[] = [
  ...cases.flatMap((c) => [{ type: 'book', case: c } as const, { type: 'cancel', case: c } as const]),
  { type: 'record-booking', label: true },
  { type: 'record-booking', label: false },
  { type: 'fail', label: true },
  { type: 'fail', label: false },
  { type: 'record-cancel', atCarrier: true },
  { type: 'record-cancel', atCarrier: false },
  { type: 'refuse-cancel' },
  { type: 'refund-label' },
  ...(['not_purchased', 'submitted', 'refunded', 'rejected', 'not_applicable', 'failed'] as const).map(
    (answer) => ({ type: 'record-label-refund', answer }) as const,
  ),
  ...(['refunded', 'rejected', 'not_applicable', 'unconfirmed'] as const).map(
    (final) => ({ type: 'settle-label-refund', final }) as const,
  ),
  { type: 'collected' },
];

/** The state after `command`, or the same state when it was refused. */
function step(state: PickupState, command: PickupCommand): PickupState {
  const out = decidePickup(state, command);
  return isPickupRefusal(out) ? state : evolvePickupAll(state, out);
}

/** Breadth-first: can some sequence of commands settle the pickup? */
function canSettle(from: PickupState, depth = 8): boolean {
  let frontier = [from];
  const seen = new Set<string>();
  for (let d = 0; d <= depth; d++) {
    if (frontier.some(isPickupSettled)) return true;
    frontier = frontier
      .flatMap((s) => commands.map((c) => step(s, c)))
      .filter((s) => !seen.has(JSON.stringify(s)) && seen.add(JSON.stringify(s)));
  }
  return false;
}

describe('decidePickup', () => {
  it('which case statuses book, wait or cancel; which transitions cancel a pickup', () => {
    expect(
      ['approved', 'awaiting_shipment', 'requested', 'rejected', 'closed', 'in_transit'].map((s) => pickupFit(s, null)),
    ).toEqual(['book', 'book', 'wait', 'cancel', 'cancel', 'cancel']);
    expect(pickupFit('waiting_on_customer', 'approved')).toBe('book');
    expect(pickupFit('waiting_on_customer', null)).toBe('wait');
    expect(transitionEndsPickup(at('approved'), 'closed')).toBe(true);
    expect(transitionEndsPickup(at('received'), 'closed')).toBe(false);
  });

  it('the booking job books an approved case, waits for one not approved yet, and cancels for an ended one', () => {
    expect(decidePickup(pickup(), { type: 'book', case: at('approved') })).toEqual([{ type: 'PickupBookingAsked' }]);
    expect(decidePickup(pickup(), { type: 'book', case: at('requested') })).toEqual({
      refused: 'waiting-for-approval',
    });
    expect(decidePickup(pickup(), { type: 'book', case: at('closed') })).toEqual([
      { type: 'PickupCancelled', atCarrier: false },
    ]);
    // A ref on the row may be a pickup an attempt bought before dying: the carrier is read first.
    expect(decidePickup(pickup({ hasProviderRef: true }), { type: 'book', case: at('closed') })).toEqual([
      { type: 'PickupCancelAsked', onlyIfBooked: true },
    ]);
    expect(decidePickup(pickup({ status: 'scheduled' }), { type: 'book', case: at('approved') })).toEqual({
      refused: 'not-requested',
    });
  });

  it('a booked pickup is cancelled at the carrier once its case ended, kept while the case wants it', () => {
    const booked = pickup({ status: 'scheduled', hasProviderRef: true, hasLabel: true });
    expect(decidePickup(booked, { type: 'cancel', case: at('approved') })).toEqual({ refused: 'kept' });
    expect(decidePickup(booked, { type: 'cancel', case: at('rejected') })).toEqual([
      { type: 'PickupCancelAsked', onlyIfBooked: false },
    ]);
    expect(decidePickup({ ...booked, cancelRefused: true }, { type: 'cancel', case: at('rejected') })).toEqual({
      refused: 'cancel-refused',
    });
    expect(carrierMustCancel(false, 'unknown')).toBe(true);
    expect(carrierMustCancel(true, 'unknown')).toBe(false);
    expect(carrierMustCancel(true, 'scheduled')).toBe(true);
    expect(cancelledAtCarrier(true, 'unknown')).toBe(false);
  });

  it('a booking that lands after its pickup was cancelled is put back and cancelled, and voids a not_purchased answer', () => {
    const asked = evolvePickupAll(pickup(), [{ type: 'PickupBookingAsked' }]);
    const cancelled = evolvePickupAll(asked, [
      { type: 'PickupCancelled', atCarrier: false },
      { type: 'PickupLabelRefundAnswered', answer: 'not_purchased' },
    ]);
    const out = decidePickup(cancelled, { type: 'record-booking', label: true });
    expect(out).toEqual([
      { type: 'PickupScheduled', late: true, label: true },
      { type: 'PickupCancelAsked', onlyIfBooked: false },
    ]);
    expect(evolvePickupAll(cancelled, out as never)).toMatchObject({ status: 'scheduled', labelRefund: null });
  });

  it('the unused label of a failed or cancelled pickup is refunded once', () => {
    const failed = pickup({ status: 'failed', hasLabel: true });
    expect(decidePickup(failed, { type: 'refund-label' })).toEqual([{ type: 'PickupLabelRefundAsked' }]);
    expect(decidePickup({ ...failed, labelRefund: 'submitted' }, { type: 'refund-label' })).toEqual({
      refused: 'label-refund-done',
    });
    expect(decidePickup({ ...failed, hasLabel: false }, { type: 'refund-label' })).toEqual({ refused: 'no-label' });
    expect(decidePickup(pickup({ status: 'scheduled', hasLabel: true }), { type: 'refund-label' })).toEqual({
      refused: 'no-label',
    });
  });

  it('property: every reachable state can still settle, and no command changes a settled pickup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...commands), { maxLength: 14 }), (walk) => {
        let state = requestedPickup;
        for (const command of walk) {
          state = step(state, command);
          expect(canSettle(state)).toBe(true);
          if (isPickupSettled(state))
            for (const c of commands) {
              const out = decidePickup(state, c);
              expect(isPickupRefusal(out) || out.length === 0).toBe(true);
            }
        }
      }),
      { numRuns: 300 },
    );
  });
});
