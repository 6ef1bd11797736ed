/** A booking the carrier confirmed after its pickup was cancelled is taken back. */
import { scheduleJob } from '../queue/enqueue';
import { jobKey } from '../queue/messages';
import type { Services } from '../services';
import { cancelPickup } from './cancel';

/**
 * The booking job's carrier call raced the case's end: the pickup turned `cancelled` while the
 * carrier booked it, so the batch recording the booking changed nothing and sent nothing (its event
 * and email are guarded on it). The booking is put back on the row as `scheduled`, with a durable
 * `cancel-pickup` job in the same batch, and cancelled now. A label refund recorded `not_purchased`
 * (asked before this booking bought the label) is asked again. False: the row was not cancelled.
 */
export async function cancelLateBooking(
  s: Services,
  shopId: string,
  pickupId: string,
  booking: { providerRef: string; shipmentRef?: string | null },
): Promise<boolean> {
  const d1 = s.d1(shopId);
  const message = { kind: 'cancel-pickup' as const, shopId, pickupId };
  const [flip] = await d1.batch([
    d1
      .prepare(
        `UPDATE pickups SET status = 'scheduled', provider_ref = ?, shipment_ref = COALESCE(?, shipment_ref), updated_at = ?,
           label_refund_status = CASE WHEN label_refund_status = 'not_purchased' THEN NULL ELSE label_refund_status END
         WHERE shop_id = ? AND id = ? AND status = 'cancelled'`,
      )
      .bind(booking.providerRef, booking.shipmentRef ?? null, s.clock.now(), shopId, pickupId),
    scheduleJob(s, message, s.clock.now(), `${jobKey(message)}:late-booking`),
  ]);
  if ((flip?.meta.changes ?? 0) === 0) return false;
  await cancelPickup(s, shopId, pickupId);
  return true;
}
