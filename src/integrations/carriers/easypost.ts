import * as z from 'zod';
import type { Address } from '../../db/schema';
import { parseDecimal } from '../../lib/money';
import { CarrierError, type CarrierAdapter, type PickupBooking, type PickupRequest, type PickupStatus } from './types';

const rate = z.object({ id: z.string(), carrier: z.string(), service: z.string(), rate: z.string(), currency: z.string() });
const pickupResponse = z.object({
  id: z.string(),
  status: z.string().optional(),
  confirmation: z.string().nullable().optional(),
  pickup_rates: z.array(rate).default([]),
  messages: z.array(z.object({ message: z.string().optional() }).loose()).default([]),
});
const shipmentResponse = z.object({ id: z.string() });

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
 * shipment (unless the merchant already has one), the pickup with address + window + instructions,
 * then buying the cheapest pickup rate among the carriers the merchant allows, under their cap.
 * @see https://docs.easypost.com/docs/pickups
 * @see https://docs.easypost.com/docs/shipments
 */
export class EasyPostCarrier implements CarrierAdapter {
  readonly name = 'easypost';
  constructor(
    private readonly apiKey: string,
    private readonly fetcher: typeof fetch = fetch,
    private readonly baseUrl = 'https://api.easypost.com/v2',
  ) {}

  private async call<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await this.fetcher(`${this.baseUrl}${path}`, {
        method,
        headers: { Authorization: `Basic ${btoa(`${this.apiKey}:`)}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      throw new CarrierError(`easypost ${method} ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const text = await res.text();
    if (!res.ok) throw new CarrierError(`easypost ${method} ${path} ${res.status}: ${text.slice(0, 300)}`, res.status === 422);
    const parsed = schema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new CarrierError(`easypost ${method} ${path}: unexpected response`);
    return parsed.data;
  }

  /** @see https://docs.easypost.com/docs/pickups#create-a-pickup and #buy-a-pickup */
  async schedule(req: PickupRequest): Promise<PickupBooking> {
    let shipmentId = req.shipmentRef ?? null;
    if (!shipmentId) {
      if (!req.returnTo) throw new CarrierError('easypost: the shop has no returns address (settings.returnAddress)', true);
      const shipment = await this.call('POST', '/shipments', shipmentResponse, {
        shipment: { to_address: toEasyPostAddress(req.returnTo), from_address: toEasyPostAddress(req.address), parcel: req.parcel ?? defaultParcel, is_return: true, reference: req.pickupId },
      });
      shipmentId = shipment.id;
    }
    const pickup = await this.call('POST', '/pickups', pickupResponse, {
      pickup: {
        reference: req.pickupId,
        address: toEasyPostAddress(req.address),
        shipment: { id: shipmentId },
        min_datetime: new Date(req.windowStart).toISOString(),
        max_datetime: new Date(req.windowEnd).toISOString(),
        is_account_address: false,
        instructions: req.instructions,
      },
    });
    const allowed = req.allowedCarriers?.length ? new Set(req.allowedCarriers.map((c) => c.toUpperCase())) : null;
    const candidates = pickup.pickup_rates
      .map((r) => ({ ...r, minor: parseDecimal(r.rate, r.currency) }))
      .filter((r) => (!allowed || allowed.has(r.carrier.toUpperCase())) && (req.maxCostMinor == null || r.minor <= req.maxCostMinor))
      .sort((a, b) => a.minor - b.minor);
    const cheapest = candidates[0];
    if (!cheapest) {
      const why = pickup.messages.map((m) => m.message).filter(Boolean).join('; ');
      throw new CarrierError(`easypost: no pickup rate within the shop's limits${why ? ` (${why})` : ''}`, pickup.pickup_rates.length > 0);
    }
    const bought = await this.call('POST', `/pickups/${encodeURIComponent(pickup.id)}/buy`, pickupResponse, { carrier: cheapest.carrier, service: cheapest.service });
    return {
      providerRef: bought.id,
      confirmation: bought.confirmation ?? bought.id,
      carrier: cheapest.carrier,
      service: cheapest.service,
      costMinor: cheapest.minor,
      currency: cheapest.currency,
      manual: false,
    };
  }

  /** @see https://docs.easypost.com/docs/pickups#cancel-a-pickup */
  async cancel(providerRef: string): Promise<void> {
    await this.call('POST', `/pickups/${encodeURIComponent(providerRef)}/cancel`, pickupResponse);
  }

  /** @see https://docs.easypost.com/docs/pickups#retrieve-a-pickup */
  async status(providerRef: string): Promise<PickupStatus> {
    const p = await this.call('GET', `/pickups/${encodeURIComponent(providerRef)}`, pickupResponse);
    return p.status === 'scheduled' || p.status === 'canceled' ? p.status : 'unknown';
  }
}
