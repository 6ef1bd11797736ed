/**
 * What a booking the carrier confirmed writes, for ONE batch: the pickup marked scheduled with its
 * confirmation, a `PickupScheduled` case event, and the shopper's email (confirmation, or drop-off
 * instructions for the manual carrier). The event and the email only if this booking is what the
 * pickup holds: one cancelled meanwhile (its case ended while the carrier booked) gets neither.
 */
import type { Address } from '../db/schema';
import type { PickupBooking } from '../integrations/carriers';
import { prepareNotification } from '../notifications/outbox';
import type { Services } from '../services';
import { caseLabel, type PickupContext } from './context';
import { formatAddress, formatWindow } from './format';

const bookedSql = `SELECT 1 FROM pickups WHERE shop_id = ? AND id = ? AND status = 'scheduled' AND provider_ref = ?`;

export interface BookingAnswer {
  booking: PickupBooking;
  address: Address;
  windowStart: number;
  windowEnd: number;
  attempts: number;
}

/** The batch; its first statement is the pickup's UPDATE (no change: the pickup was cancelled meanwhile). */
export async function bookingRecordedStatements(
  s: Services,
  p: PickupContext,
  { booking, address, windowStart, windowEnd, attempts }: BookingAnswer,
): Promise<{ statements: D1PreparedStatement[]; dedupeKey: string | null }> {
  const d1 = s.d1(p.shop_id);
  const now = s.clock.now();
  const shopId = p.shop_id;
  const pickupId = p.id;
  const booked = { sql: bookedSql, params: [shopId, pickupId, booking.providerRef] };
  const statements: D1PreparedStatement[] = [
    d1
      .prepare(
        `UPDATE pickups SET status = 'scheduled', carrier = ?, provider_ref = ?, shipment_ref = COALESCE(?, shipment_ref), label_url = ?, confirmation = ?, cost_minor = ?, currency = ?, attempts = ?, last_error = NULL, updated_at = ? WHERE shop_id = ? AND id = ? AND status = 'requested'`,
      )
      .bind(
        booking.manual ? 'manual' : booking.carrier,
        booking.providerRef,
        booking.shipmentRef ?? null,
        booking.labelUrl ?? null,
        booking.confirmation,
        booking.costMinor,
        booking.currency,
        attempts,
        now,
        shopId,
        pickupId,
      ),
    d1
      .prepare(
        `INSERT OR IGNORE INTO case_events (id, shop_id, case_id, type, actor, data, visible_to_shopper, at) SELECT ?, ?, ?, 'PickupScheduled', 'system', ?, 1, ? WHERE EXISTS (${bookedSql})`,
      )
      .bind(
        `cev_pickup_${pickupId}`,
        shopId,
        p.case_id,
        JSON.stringify({
          pickupId,
          carrier: booking.carrier,
          confirmation: booking.confirmation,
          manual: booking.manual,
        }),
        now,
        ...booked.params,
      ),
  ];
  const dedupeKey = `pickup:${pickupId}:booked`;
  if (p.order_email) {
    const common = {
      shopId,
      recipient: p.order_email,
      locale: p.case_locale,
      dedupeKey,
      caseId: p.case_id,
      onlyIf: booked,
    };
    const caseNumber = caseLabel(p.case_number);
    statements.push(
      booking.manual
        ? await prepareNotification(s, {
            ...common,
            kind: 'drop_off_instructions',
            vars: {
              customer_name: p.first_name,
              case_number: caseNumber,
              carrier: booking.carrier,
              instructions: booking.instructions ?? '',
              label_url: null,
            },
          })
        : await prepareNotification(s, {
            ...common,
            kind: 'pickup_scheduled',
            vars: {
              customer_name: p.first_name,
              case_number: caseNumber,
              carrier: booking.carrier,
              confirmation: booking.confirmation,
              window: formatWindow(windowStart, windowEnd, p.case_locale, p.shop_timezone),
              address: formatAddress(address),
              label_url: booking.labelUrl ?? null,
            },
          }),
    );
  }
  return { statements, dedupeKey: p.order_email ? dedupeKey : null };
}
