/**
 * The commerce-aware part of the clock (pure): while a return's parcel is with the shopper or the
 * carrier, nothing we do can resolve the case, so the resolution target is held; first response
 * and next update keep running (the shopper may still be waiting for an answer). It runs again
 * when the parcel arrives (the case leaves those states) or when the shopper writes; after a
 * shopper's message it stays running until our next reply, when the parcel is again what we wait for.
 * A waiting-on-customer pause and this hold may overlap: the held time is counted once.
 */
import { effectiveStatus } from '../cases/vocabulary';
import { type ClockState, creditResolutionHold, isResolutionHeld } from './deadlines';

/** Case statuses in which the parcel is on the shopper's or the carrier's side. */
export const parcelAwayStatuses = ['awaiting_shipment', 'in_transit'] as const;

/**
 * Whether the case's parcel is away: awaiting shipment or in transit, or approved with a return
 * label or pickup booked (the label is issued, the parcel has not arrived). A case waiting on the
 * customer counts as the status it resumes to.
 */
export function isParcelAway(c: { status: string; resumeStatus: string | null; labelIssued: boolean }): boolean {
  const status = effectiveStatus(c.status, c.resumeStatus);
  return (parcelAwayStatuses as readonly string[]).includes(status) || (status === 'approved' && c.labelIssued);
}

export const holdsForParcel = (s: ClockState): boolean => s.sla.pauseResolutionWhileParcelAway !== false;

/** Holds the resolution target from `at` (or from an ongoing waiting-on-customer pause, which held it already). */
export function holdResolution(s: ClockState, at: number): ClockState {
  if (s.stoppedAt !== null || isResolutionHeld(s) || s.targets.resolution?.status !== 'pending') return s;
  return { ...s, resolutionHeldAt: s.pausedAt ?? at };
}

/** The parcel arrived (or the case left those states): the resolution target counts again. */
export function releaseResolution(s: ClockState, at: number): ClockState {
  return isResolutionHeld(s) ? creditResolutionHold(s, at) : s;
}

/** The shopper wrote: the resolution clock runs until we answer. */
export function shopperWrote(s: ClockState, at: number): ClockState {
  if (s.stoppedAt !== null || (!isResolutionHeld(s) && s.shopperAwaitsAnswer)) return s;
  return { ...releaseResolution(s, at), shopperAwaitsAnswer: true };
}

/** Brings the hold in line with where the parcel is now (the case row, read after each change). */
export function syncParcel(s: ClockState, away: boolean, at: number): ClockState {
  if (!away || !holdsForParcel(s)) return releaseResolution(s, at);
  return s.shopperAwaitsAnswer ? s : holdResolution(s, at);
}
