import type { Priority } from '../cases/policy-schema';
import { runEffects } from '../queue/effects';
import type { Address } from '../db/schema';
import { CarrierError, type CarrierName, type PickupCheckpoint } from '../integrations/carriers';
import { DAY_MS, HOUR_MS } from '../lib/durations';
import { log } from '../lib/log';
import type { Services } from '../services';
import { enqueueJob } from '../queue/enqueue';
import { prepareNotification } from '../notifications/outbox';
import { cancelLateBooking, cancelPickup, pickupCancelledStatements, pickupFit } from './cancel';
import { pickupCarrierName, refundFailedPickupLabel } from './label-refund';
import { onceEventStatements } from '../db/case-event-rows';
import { jobSettings } from '../db/shop-settings';
import { formatAddress, formatWindow } from './format';

interface PickupContext {
  id: string;
  shop_id: string;
  case_id: string;
  carrier: string;
  status: string;
  address: string | null;
  window_start: number | null;
  window_end: number | null;
  attempts: number;
  provider_ref: string | null;
  shipment_ref: string | null;
  case_number: number;
  case_locale: string;
  priority: Priority;
  order_email: string | null;
  first_name: string | null;
  shop_settings: string;
  shop_timezone: string;
  case_status: string;
  resume_status: string | null;
}

const bookedSql = `SELECT 1 FROM pickups WHERE shop_id = ? AND id = ? AND status = 'scheduled' AND provider_ref = ?`;

export interface PickupInput {
  shopId: string;
  caseId: string;
  address: Address;
  windowStart: number;
  windowEnd: number;
  carrier?: CarrierName;
}

/**
 * For the Cases area's approve batch: the `pickups` row (one per case: idempotency key
 * `pickup:<case>`) and the job that books it once the batch committed.
 */
export function preparePickup(s: Services, p: PickupInput): { statement: D1PreparedStatement; pickupId: string } {
  const now = s.clock.now();
  const pickupId = s.newId('pku');
  const statement = s
    .d1(p.shopId)
    .prepare(
      `INSERT OR IGNORE INTO pickups (id, shop_id, case_id, carrier, status, address, window_start, window_end, attempts, idempotency_key, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'requested', ?, ?, ?, 0, ?, ?, ?)`,
    )
    .bind(
      pickupId,
      p.shopId,
      p.caseId,
      p.carrier ?? 'default',
      JSON.stringify(p.address),
      p.windowStart,
      p.windowEnd,
      `pickup:${p.caseId}`,
      now,
      now,
    );
  return { statement, pickupId };
}

const contextSql = `SELECT p.id, p.shop_id, p.case_id, p.carrier, p.status, p.address, p.window_start, p.window_end, p.attempts, p.provider_ref, p.shipment_ref,
    c.number AS case_number, c.locale AS case_locale, c.priority, o.email AS order_email, cu.first_name,
    s.settings AS shop_settings, s.timezone AS shop_timezone, c.status AS case_status, c.resume_status
  FROM pickups p JOIN cases c ON c.shop_id = p.shop_id AND c.id = p.case_id
  JOIN shops s ON s.id = p.shop_id
  LEFT JOIN orders o ON o.shop_id = c.shop_id AND o.id = c.order_id
  LEFT JOIN customers cu ON cu.shop_id = c.shop_id AND cu.id = COALESCE(c.customer_id, o.customer_id)
  WHERE p.shop_id = ? AND p.id = ?`;

/**
 * Books a requested pickup with the shop's carrier, then in ONE batch: the pickup marked scheduled
 * with its confirmation, a `PickupScheduled` case event, and the shopper's email (confirmation, or
 * drop-off instructions for the manual carrier). Already scheduled: nothing to do. A failure is
 * recorded on the row and rethrown (the queue retries with backoff); a permanent one escalates now.
 * Already failed: only the unused label's refund is finished, if an earlier attempt left it undone.
 * The case is read with the pickup: one that ended (rejected, closed, resolved) books nothing, the
 * pickup turns `cancelled` with its event in one batch (and a label an earlier attempt bought is
 * refunded); one not approved yet books nothing and waits.
 */
export async function schedulePickup(
  s: Services,
  shopId: string,
  pickupId: string,
  attempts = 1,
): Promise<'scheduled' | 'already-done' | 'missing' | 'escalated' | 'cancelled' | 'waiting'> {
  const d1 = s.d1(shopId);
  const p = await d1.prepare(contextSql).bind(shopId, pickupId).first<PickupContext>();
  if (!p) return 'missing';
  if (p.status === 'failed' || p.status === 'cancelled') await refundFailedPickupLabel(s, shopId, pickupId);
  if (p.status !== 'requested') return 'already-done';
  const fit = pickupFit(p.case_status, p.resume_status);
  if (fit === 'wait') return 'waiting';
  if (fit === 'cancel') {
    // A ref on the row may be a pickup bought by an attempt that died before its batch: the cancel
    // job's carrier path (claim, status read, cancel if booked) rather than only marking the row.
    if (p.provider_ref) {
      const out = await cancelPickup(s, shopId, pickupId);
      return out === 'cancelled' || out === 'already-done'
        ? 'cancelled'
        : out === 'kept'
          ? 'waiting'
          : out === 'missing'
            ? 'missing'
            : 'already-done';
    }
    await d1.batch(
      pickupCancelledStatements(s, {
        shopId,
        pickupId,
        caseId: p.case_id,
        from: 'requested',
        caseStatus: p.case_status,
        atCarrier: false,
      }),
    );
    await refundFailedPickupLabel(s, shopId, pickupId);
    return 'cancelled';
  }
  const cfg = jobSettings(JSON.parse(p.shop_settings || '{}'));
  const carrier = s.carrier(pickupCarrierName(p.carrier, p.shop_settings));
  const address = (p.address ? JSON.parse(p.address) : {}) as Address;
  const now = s.clock.now();
  const windowStart = p.window_start ?? now + DAY_MS;
  const windowEnd = p.window_end ?? windowStart + 8 * HOUR_MS;
  // What an earlier attempt created is stored before it is bought (`checkpoint`) and reused here,
  // so a retry after a crash between the carrier's answer and our batch books nothing twice.
  const checkpoint: PickupCheckpoint = async ({ shipmentRef, pickupRef }) => {
    await d1
      .prepare(
        `UPDATE pickups SET shipment_ref = COALESCE(?, shipment_ref), provider_ref = COALESCE(?, provider_ref), updated_at = ? WHERE shop_id = ? AND id = ? AND status = 'requested'`,
      )
      .bind(shipmentRef ?? null, pickupRef ?? null, now, shopId, pickupId)
      .run();
  };
  let booking;
  try {
    booking = await carrier.schedule(
      {
        pickupId,
        shipmentRef: p.shipment_ref,
        pickupRef: p.provider_ref,
        address,
        returnTo: cfg.returnAddress,
        windowStart,
        windowEnd,
        instructions: cfg.dropOffInstructions || `Return ${caseLabel(p.case_number)}`,
        allowedCarriers: cfg.pickupAllowedCarriers,
        maxCostMinor: cfg.pickupMaxCostMinor,
      },
      checkpoint,
    );
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await d1
      .prepare(
        'UPDATE pickups SET attempts = ?, last_error = ?, updated_at = ? WHERE shop_id = ? AND id = ? AND status = ?',
      )
      .bind(attempts, message.slice(0, 1000), now, shopId, pickupId, 'requested')
      .run();
    if (err instanceof CarrierError && err.permanent) {
      await escalateFailedPickup(s, shopId, pickupId);
      return 'escalated';
    }
    throw err;
  }

  // The event and the email only if this booking is what the pickup holds: one cancelled meanwhile
  // (its case ended while the carrier booked) gets neither, and the booking is taken back below.
  const booked = { sql: bookedSql, params: [shopId, pickupId, booking.providerRef] as unknown[] };
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
    ...onceEventStatements(s, {
      shopId,
      caseId: p.case_id,
      id: `cev_pickup_${pickupId}`,
      type: 'PickupScheduled',
      data: { pickupId, carrier: booking.carrier, confirmation: booking.confirmation, manual: booking.manual },
      at: now,
      onlyIf: booked,
    }),
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
  const [recorded] = await d1.batch(statements);
  if ((recorded?.meta.changes ?? 0) === 0 && (await cancelLateBooking(s, shopId, pickupId, booking)))
    return 'cancelled';
  if (p.order_email)
    await enqueueJob(s, { kind: 'deliver-notification', shopId, dedupeKey }).catch((err) =>
      log({ kind: 'job', outcome: 'error', durationMs: 0, step: 'pickup-email-enqueue', error: String(err) }),
    );
  return 'scheduled';
}

const bump: Record<Priority, Priority> = { low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' };

/**
 * The pickup could not be booked (retries exhausted, or a permanent refusal): the pickup is marked
 * failed and the case escalated ONCE (deterministic event id; the priority bump runs only while that
 * event does not exist yet), then the SLA clock hears about the new priority, and a return label
 * bought for it is refunded (`refundFailedPickupLabel`: asked once across retries and crashes).
 */
export async function escalateFailedPickup(s: Services, shopId: string, pickupId: string): Promise<boolean> {
  const d1 = s.d1(shopId);
  const p = await d1.prepare(contextSql).bind(shopId, pickupId).first<PickupContext>();
  if (!p) return false;
  const now = s.clock.now();
  const eventId = `cev_pickup_failed_${pickupId}`;
  const next = bump[p.priority];
  const [, , inserted] = await d1.batch([
    d1
      .prepare(
        `UPDATE pickups SET status = 'failed', updated_at = ? WHERE shop_id = ? AND id = ? AND status = 'requested'`,
      )
      .bind(now, shopId, pickupId),
    ...onceEventStatements(s, {
      shopId,
      caseId: p.case_id,
      id: eventId,
      type: 'PickupFailed',
      reason: 'The carrier pickup could not be booked; escalated for a person to arrange the return.',
      data: { pickupId, from: p.priority, to: next, lastError: null },
      at: now,
      alsoSet: { sql: 'priority = ?, tier = MIN(tier + 1, 3), updated_at = ?', params: [next, now] },
    }),
  ]);
  const escalated = (inserted?.meta.changes ?? 0) > 0;
  if (escalated)
    await runEffects(s, [{ kind: 'sla', shopId, caseId: p.case_id, signal: 'priority', priority: next, at: now }]);
  await refundFailedPickupLabel(s, shopId, pickupId);
  return escalated;
}

export const caseLabel = (n: number) => `R-${n}`;
