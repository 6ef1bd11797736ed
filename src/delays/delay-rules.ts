import type { JobSettings } from '../db/shop-settings';
import { DAY_MS } from '../lib/durations';

/** What the delay rules need of a shipment (pure: no I/O, time passed in). */
export interface ShipmentTiming {
  status: string;
  deliveredAt: number | null;
  estimatedDeliveryAt: number | null;
  lastTrackingAt: number | null;
  delayNotifiedAt: number | null;
}

export type DelayReason = 'late' | 'stalled';

/** Shipment statuses after which a parcel can no longer be late. */
export const finishedShipmentStatuses: ReadonlySet<string> = new Set(['delivered', 'cancelled']);

/**
 * A shipment starts a NEW delay episode when it is not delivered and either
 * - late: past its estimated delivery + grace, and that deadline is newer than our last notice
 *   (the ETA moved after we wrote, and the new one passed too); or
 * - stalled: tracking has not moved for `stallDays`, and it last moved after our last notice.
 * Returns null when there is nothing new to tell (already noticed, on time, delivered).
 * The same rule is re-checked in SQL by the guarded UPDATE (`delays.ts`), which is what makes
 * concurrent sweeps and duplicate webhooks safe; this function decides whether to try.
 */
export function newDelayEpisode(
  sh: ShipmentTiming,
  cfg: Pick<JobSettings, 'delayGraceDays' | 'stallDays'>,
  now: number,
): DelayReason | null {
  if (sh.deliveredAt !== null || finishedShipmentStatuses.has(sh.status)) return null;
  const notified = sh.delayNotifiedAt;
  const deadline = sh.estimatedDeliveryAt === null ? null : sh.estimatedDeliveryAt + cfg.delayGraceDays * DAY_MS;
  if (deadline !== null && deadline < now && (notified === null || deadline > notified)) return 'late';
  const lastMoved = sh.lastTrackingAt;
  if (lastMoved !== null && lastMoved + cfg.stallDays * DAY_MS < now && (notified === null || lastMoved > notified))
    return 'stalled';
  return null;
}

/** The SQL twin of `newDelayEpisode`, for the guarded UPDATE (named params ?grace ?stall ?now). */
export const newDelayEpisodeSql = `delivered_at IS NULL AND status NOT IN ('delivered', 'cancelled') AND (
    (estimated_delivery_at IS NOT NULL AND estimated_delivery_at + ?3 < ?4
      AND (delay_notified_at IS NULL OR estimated_delivery_at + ?3 > delay_notified_at))
    OR (last_tracking_at IS NOT NULL AND last_tracking_at + ?5 < ?4
      AND (delay_notified_at IS NULL OR last_tracking_at > delay_notified_at)))`;
