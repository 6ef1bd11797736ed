import * as z from 'zod';
import type { Address } from '../../db/schema';
import { parseDecimal } from '../../lib/money';
import {
  CarrierError,
  type CarrierAdapter,
  type LabelRefund,
  type PickupBooking,
  type PickupCheckpoint,
  type PickupRequest,
  type PickupStatus,
} from './types';

const rate = z.object({
  id: z.string(),
  carrier: z.string(),
  service: z.string(),
  rate: z.string(),
  currency: z.string(),
});
type Rate = z.infer<typeof rate>;
const pickupResponse = z.object({
  id: z.string(),
  status: z.string().optional(),
  confirmation: z.string().nullable().optional(),
  pickup_rates: z.array(rate).default([]),
  messages: z.array(z.object({ message: z.string().optional() }).loose()).default([]),
});
type Pickup = z.infer<typeof pickupResponse>;
const shipmentResponse = z.object({
  id: z.string(),
  rates: z.array(rate).default([]),
  selected_rate: rate.nullable().optional(),
  postage_label: z.object({ label_url: z.string().nullable().optional() }).loose().nullable().optional(),
  tracking_code: z.string().nullable().optional(),
  /** Set once a refund was asked: submitted, refunded, rejected or not_applicable. */
  refund_status: z.string().nullable().optional(),
});
type Shipment = z.infer<typeof shipmentResponse>;

const defaultParcel = { length: 12, width: 10, height: 6, weight: 32 };

function toEasyPostAddress(a: Address) {
  return {
    name: a.name ?? undefined,
    street1: a.address1 ?? undefined,
    street2: a.address2 ?? undefined,
    city: a.city ?? undefined,
    state: a.provinceCode ?? a.province ?? undefined,
    zip: a.zip ?? undefined,
    country: a.countryCode ?? a.country ?? undefined,
    phone: a.phone ?? undefined,
  };
}

/**
 * EasyPost pickups over `fetch` (HTTP Basic, the API key as user name). Scheduling is: a return
 * shipment (unless the merchant already has one) and its label bought at the cheapest rate of the
 * carriers the merchant allows, the pickup with address + window + instructions, then buying that
 * carrier's cheapest pickup rate under the merchant's cap. A label left unused by a pickup that
 * failed for good is refunded (`refundLabel`).
 * Request shapes: the docs pages below and their samples (github.com/EasyPost/examples,
 * official/docs/curl/current/{shipments,returns,pickups,shipping-refund}/*.sh).
 * @see https://docs.easypost.com/docs/pickups
 * @see https://docs.easypost.com/docs/shipments
 * @see https://docs.easypost.com/docs/shipments/returns
 * @see https://docs.easypost.com/docs/shipments/shipping-refund
 */
export class EasyPostCarrier implements CarrierAdapter {
  readonly name = 'easypost';
  constructor(
    private readonly apiKey: string,
    // Global `fetch`, read per call (tests intercept it with MSW; nothing is captured at construction).
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
    private readonly baseUrl = 'https://api.easypost.com/v2',
  ) {}

  private async call<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await this.fetcher(`${this.baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Basic ${btoa(`${this.apiKey}:`)}`,
          Accept: 'application/json',
          // The bodiless calls (retrieve, cancel, refund) are documented with no body and no content type.
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      throw new CarrierError(`easypost ${method} ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const text = await res.text();
    if (!res.ok)
      throw new CarrierError(`easypost ${method} ${path} ${res.status}: ${text.slice(0, 300)}`, res.status === 422);
    const parsed = schema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new CarrierError(`easypost ${method} ${path}: unexpected response`);
    return parsed.data;
  }

  /**
   * EasyPost documents no `Idempotency-Key`, so a retry is made safe by ids: every object is reported
   * to `checkpoint` (and stored by the job) BEFORE it is bought, and a retry that knows the id reads
   * the object first and buys only what is not bought yet. A crash between a buy and our D1 write
   * therefore costs one GET, never a second label or a second pickup. The only thing a crash can
   * duplicate is an UNBOUGHT shipment or pickup (created, not yet stored), which costs nothing.
   * @see https://docs.easypost.com/docs/shipments#buy-a-shipment
   * @see https://docs.easypost.com/docs/pickups#create-a-pickup and #buy-a-pickup
   */
  async schedule(req: PickupRequest, checkpoint: PickupCheckpoint = async () => {}): Promise<PickupBooking> {
    const allowed = req.allowedCarriers?.length ? new Set(req.allowedCarriers.map((c) => c.toUpperCase())) : null;
    const label = await this.returnLabel(req, allowed, checkpoint);
    let pickup: Pickup | null = req.pickupRef
      ? await this.call('GET', `/pickups/${encodeURIComponent(req.pickupRef)}`, pickupResponse)
      : null;
    if (pickup?.status === 'canceled') pickup = null;
    if (!pickup) {
      pickup = await this.call('POST', '/pickups', pickupResponse, {
        pickup: {
          reference: req.pickupId,
          address: toEasyPostAddress(req.address),
          shipment: { id: label.id },
          min_datetime: new Date(req.windowStart).toISOString(),
          max_datetime: new Date(req.windowEnd).toISOString(),
          is_account_address: false,
          instructions: req.instructions,
        },
      });
      await checkpoint({ pickupRef: pickup.id });
    }
    // The pickup must come from the label's carrier; among those, the cheapest under the merchant's cap.
    const labelCarrier = label.selected_rate?.carrier.toUpperCase();
    const cheapest = cheapestRate(
      pickup.pickup_rates,
      (r) =>
        (!allowed || allowed.has(r.carrier.toUpperCase())) &&
        (!labelCarrier || r.carrier.toUpperCase() === labelCarrier),
      req.maxCostMinor,
    );
    if (!cheapest) {
      const why = pickup.messages
        .map((m) => m.message)
        .filter(Boolean)
        .join('; ');
      throw new CarrierError(
        `easypost: no pickup rate within the shop's limits${why ? ` (${why})` : ''}`,
        pickup.pickup_rates.length > 0,
      );
    }
    const bought =
      pickup.status === 'scheduled'
        ? pickup
        : await this.call('POST', `/pickups/${encodeURIComponent(pickup.id)}/buy`, pickupResponse, {
            carrier: cheapest.carrier,
            service: cheapest.service,
          });
    return {
      providerRef: bought.id,
      confirmation: bought.confirmation ?? bought.id,
      carrier: cheapest.carrier,
      service: cheapest.service,
      costMinor: cheapest.minor,
      currency: cheapest.currency,
      manual: false,
      labelUrl: label.postage_label?.label_url ?? null,
      shipmentRef: label.id,
    };
  }

  /**
   * The return shipment with a bought label: the stored one (bought only if it is not yet), or a new one.
   * @see https://docs.easypost.com/docs/shipments/returns (create, `is_return`)
   * @see https://docs.easypost.com/docs/shipments#buy-a-shipment (`{ rate: { id } }`)
   */
  private async returnLabel(
    req: PickupRequest,
    allowed: Set<string> | null,
    checkpoint: PickupCheckpoint,
  ): Promise<Shipment> {
    let shipment: Shipment;
    if (req.shipmentRef) {
      shipment = await this.call('GET', `/shipments/${encodeURIComponent(req.shipmentRef)}`, shipmentResponse);
    } else {
      if (!req.returnTo)
        throw new CarrierError('easypost: the shop has no returns address (settings.returnAddress)', true);
      // With `is_return`, EasyPost takes the ORIGINAL shipment's addresses and switches them itself:
      // to = the shopper (who received the order), from = the merchant. The label then runs shopper → merchant.
      shipment = await this.call('POST', '/shipments', shipmentResponse, {
        shipment: {
          to_address: toEasyPostAddress(req.address),
          from_address: toEasyPostAddress(req.returnTo),
          parcel: req.parcel ?? defaultParcel,
          is_return: true,
          reference: req.pickupId,
        },
      });
      await checkpoint({ shipmentRef: shipment.id });
    }
    if (shipment.postage_label?.label_url) return shipment;
    const cheapest = cheapestRate(shipment.rates, (r) => !allowed || allowed.has(r.carrier.toUpperCase()), null);
    if (!cheapest)
      throw new CarrierError(
        `easypost: no label rate from the shop's carriers for shipment ${shipment.id}`,
        shipment.rates.length > 0,
      );
    return this.call('POST', `/shipments/${encodeURIComponent(shipment.id)}/buy`, shipmentResponse, {
      rate: { id: cheapest.id },
    });
  }

  /**
   * Refunds the label on `shipmentRef` (`POST /shipments/:id/refund`, no body; the answer is the
   * Shipment with `refund_status`). EasyPost has no idempotency key, so the shipment is read first:
   * without a bought label there is nothing to refund, and a `refund_status` already set means an
   * earlier request arrived (a job that died before recording it) and is not asked again.
   * @see https://docs.easypost.com/docs/shipments/shipping-refund
   */
  async refundLabel(shipmentRef: string): Promise<LabelRefund> {
    const path = `/shipments/${encodeURIComponent(shipmentRef)}`;
    const shipment = await this.call('GET', path, shipmentResponse);
    if (!shipment.postage_label?.label_url) return { status: 'not_purchased', requested: false };
    if (shipment.refund_status) return { status: shipment.refund_status, requested: false };
    const refunded = await this.call('POST', `${path}/refund`, shipmentResponse);
    if (!refunded.refund_status) throw new CarrierError(`easypost POST ${path}/refund: no refund_status in the answer`);
    return { status: refunded.refund_status, requested: true };
  }

  /**
   * How a refund asked earlier stands: the shipment's `refund_status` (`GET /shipments/:id`, no body).
   * EasyPost moves it from `submitted` to `refunded` or `rejected` once the carrier has processed it,
   * "no greater than 30 days"; `not_applicable` (bill-on-scan carriers) does not change.
   * @see https://docs.easypost.com/docs/shipments#retrieve-a-shipment
   * @see https://docs.easypost.com/docs/shipments/shipping-refund
   */
  async labelRefundStatus(shipmentRef: string): Promise<string | null> {
    const shipment = await this.call('GET', `/shipments/${encodeURIComponent(shipmentRef)}`, shipmentResponse);
    return shipment.refund_status ?? null;
  }

  /**
   * Cancels a booked pickup: `POST /pickups/:id/cancel`, no body (curl/current/pickups/cancel.sh);
   * the answer is the Pickup with `status: "canceled"` (responses/pickups/pickups-cancel.json), and
   * anything else is an error, so the job retries rather than recording a cancellation that did not
   * happen. No idempotency key here either: the job reads `status()` first after a crash.
   * @see https://docs.easypost.com/docs/pickups#cancel-a-pickup
   */
  async cancel(providerRef: string): Promise<void> {
    const path = `/pickups/${encodeURIComponent(providerRef)}/cancel`;
    const answer = await this.call('POST', path, pickupResponse);
    if (answer.status !== 'canceled')
      throw new CarrierError(`easypost POST ${path}: the pickup reads ${answer.status ?? 'no status'}, not canceled`);
  }

  /** @see https://docs.easypost.com/docs/pickups#retrieve-a-pickup */
  async status(providerRef: string): Promise<PickupStatus> {
    const p = await this.call('GET', `/pickups/${encodeURIComponent(providerRef)}`, pickupResponse);
    return p.status === 'scheduled' || p.status === 'canceled' ? p.status : 'unknown';
  }
}

function cheapestRate(rates: Rate[], keep: (r: Rate) => boolean, maxMinor: number | null | undefined) {
  return rates
    .filter(keep)
    .map((r) => ({ ...r, minor: parseDecimal(r.rate, r.currency) }))
    .filter((r) => maxMinor == null || r.minor <= maxMinor)
    .sort((a, b) => a.minor - b.minor)[0];
}
