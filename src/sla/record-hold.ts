/**
 * The CaseClock's record of a parcel hold starting or ending (src/sla/parcel-hold.ts): the case
 * row's deadlines and hold time, and the `ResolutionClockPaused` / `ResolutionClockResumed` audit
 * event, in ONE batch. Event ids come from the hold's start, so a repeated signal writes nothing new.
 */
import { onceEventStatements } from '../db/case-event-rows';
import { toHex } from '../lib/crypto';
import type { Services } from '../services';
import type { ClockState } from './deadlines';
import { mirrorStatement } from './record-firings';

/** Why the hold changed: the parcel left or arrived (the case's status), or the shopper wrote. */
export type HoldReason = 'parcel_away' | 'parcel_arrived' | 'shopper_wrote';

const reasonText: Record<HoldReason, string> = {
  parcel_away: 'the parcel is with the shopper or the carrier',
  parcel_arrived: 'the parcel arrived or the case moved on',
  shopper_wrote: 'the shopper wrote',
};

async function holdEventId(caseId: string, edge: 'paused' | 'resumed', since: number): Promise<string> {
  const key = `resolution-hold:${caseId}:${edge}:${since}`;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)));
  return `cev_${toHex(digest).slice(0, 26).toUpperCase()}`;
}

export async function recordHoldChange(
  s: Services,
  before: ClockState,
  after: ClockState,
  change: { at: number; reason: HoldReason; now: number },
): Promise<void> {
  const was = before.resolutionHeldAt ?? null;
  const is = after.resolutionHeldAt ?? null;
  const statements = [mirrorStatement(s, after, change.now)];
  const base = { shopId: after.shopId, caseId: after.caseId, reason: reasonText[change.reason], versioned: false };
  const resolutionDueAt = after.targets.resolution?.dueAt ?? null;
  if (was === null && is !== null)
    statements.push(
      ...onceEventStatements(s, {
        ...base,
        id: await holdEventId(after.caseId, 'paused', is),
        type: 'ResolutionClockPaused',
        data: { since: is, cause: change.reason },
        at: change.at,
      }),
    );
  if (was !== null && is === null)
    statements.push(
      ...onceEventStatements(s, {
        ...base,
        id: await holdEventId(after.caseId, 'resumed', was),
        type: 'ResolutionClockResumed',
        data: { since: was, cause: change.reason, resolutionDueAt },
        at: change.at,
      }),
    );
  await s.d1(after.shopId).batch(statements);
}
