import { isTerminalStatus } from './vocabulary';

/** What a status change means for the case's SLA clocks (pure; the CaseClock acts on it). */
export type SlaSignal =
  /** A new case: start the first-response and resolution clocks. */
  | 'start'
  /** An agent answered or acted: first response met, next-update clock restarts. */
  | 'reply'
  /** Waiting on the customer: the clocks stop. */
  | 'pause'
  | 'resume'
  /** Resolved, rejected or closed: nothing is due any more. */
  | 'stop'
  | 'priority'
  /** The return's parcel may have moved (a label issued): the clock reads the case and holds or frees resolution. */
  | 'parcel'
  /** The shopper wrote on the case: a held resolution clock runs again until we answer. */
  | 'shopper_wrote';

/** The SLA signal a transition implies, if any. */
export function slaSignalFor(from: string | null, to: string): SlaSignal | null {
  if (from === null) return 'start';
  if (to === 'waiting_on_customer') return 'pause';
  if (from === 'waiting_on_customer') return 'resume';
  if (isTerminalStatus(to)) return 'stop';
  if (from === 'closed' && to === 'requested') return 'start';
  return from !== to ? 'reply' : null;
}
