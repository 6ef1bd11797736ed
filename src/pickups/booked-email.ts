/**
 * The shopper's email about a confirmed booking: the confirmation, or drop-off instructions for the
 * manual carrier. Sent only if the booking is what the pickup holds (`onlyIf`).
 */
import type { Address } from '../db/schema';
import type { PickupBooking } from '../integrations/carriers';
import { prepareNotification } from '../notifications/outbox';
import type { Services } from '../services';
import { caseLabel, type PickupContext } from './context';
import { formatAddress, formatWindow } from './format';

export interface BookingAnswer {
  booking: PickupBooking;
  address: Address;
  windowStart: number;
  windowEnd: number;
  attempts: number;
}

export async function bookedEmail(
  s: Services,
  p: PickupContext,
  recipient: string,
  { booking, address, windowStart, windowEnd }: BookingAnswer,
  dedupeKey: string,
  booked: { sql: string; params: unknown[] },
): Promise<D1PreparedStatement> {
  const shopId = p.shop_id;
  const common = {
    shopId,
    recipient,
    locale: p.case_locale,
    dedupeKey,
    caseId: p.case_id,
    onlyIf: booked,
  };
  const caseNumber = caseLabel(p.case_number);
  return booking.manual
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
      });
}
