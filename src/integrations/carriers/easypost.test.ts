import { describe, expect, it } from 'vitest';
import { EasyPostCarrier } from './easypost';
import { CarrierError, type PickupRequest } from './types';

function recordingFetch(answers: Response[]) {
  const requests: Array<{ url: string; method: string; headers: Record<string, string>; body: unknown }> = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    const text = await req.text();
    requests.push({ url: req.url, method: req.method, headers: Object.fromEntries(req.headers), body: text ? JSON.parse(text) : undefined });
    const next = answers.shift();
    if (!next) throw new Error('unexpected request');
    return next;
  }) as typeof fetch;
  return { requests, fetcher };
}
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const shopper = { name: 'Sam Shopper', address1: '417 Montgomery St', address2: 'Floor 5', city: 'San Francisco', provinceCode: 'CA', zip: '94104', countryCode: 'US', phone: '4153334445' };
const warehouse = { name: 'Demo Returns', address1: '1 Dock Rd', city: 'Oakland', provinceCode: 'CA', zip: '94607', countryCode: 'US' };
const start = Date.UTC(2026, 11, 1, 16);
const req: PickupRequest = {
  pickupId: 'pku_01TEST',
  address: shopper,
  returnTo: warehouse,
  windowStart: start,
  windowEnd: start + 8 * 3_600_000,
  instructions: 'Parcel by the front door',
  allowedCarriers: ['UPS', 'FedEx'],
  maxCostMinor: 1000,
};
const rates = [
  { id: 'pickuprate_usps', object: 'PickupRate', carrier: 'USPS', service: 'NextDay', rate: '0.00', currency: 'USD', pickup_id: 'pickup_abc' },
  { id: 'pickuprate_ups', object: 'PickupRate', carrier: 'UPS', service: 'Same-day Pickup', rate: '8.00', currency: 'USD', pickup_id: 'pickup_abc' },
  { id: 'pickuprate_fedex', object: 'PickupRate', carrier: 'FedEx', service: 'FDXE', rate: '5.50', currency: 'USD', pickup_id: 'pickup_abc' },
  { id: 'pickuprate_dhl', object: 'PickupRate', carrier: 'FedEx', service: 'Premium', rate: '12.00', currency: 'USD', pickup_id: 'pickup_abc' },
];

describe('EasyPostCarrier', () => {
  it('creates the return shipment and the pickup, then buys the cheapest rate the merchant allows', async () => {
    const { requests, fetcher } = recordingFetch([
      json({ id: 'shp_ret1', object: 'Shipment', is_return: true }),
      json({ id: 'pickup_abc', object: 'Pickup', status: 'unknown', confirmation: null, pickup_rates: rates, messages: [] }),
      json({ id: 'pickup_abc', object: 'Pickup', status: 'scheduled', confirmation: 'WTC73728910', pickup_rates: rates, messages: [] }),
    ]);
    const booking = await new EasyPostCarrier('EZTK_test_key', fetcher).schedule(req);
    expect(booking).toEqual({ providerRef: 'pickup_abc', confirmation: 'WTC73728910', carrier: 'FedEx', service: 'FDXE', costMinor: 550, currency: 'USD', manual: false });

    const auth = `Basic ${btoa('EZTK_test_key:')}`;
    expect(requests.map((r) => [r.method, r.url, r.headers.authorization, r.headers['content-type']])).toEqual([
      ['POST', 'https://api.easypost.com/v2/shipments', auth, 'application/json'],
      ['POST', 'https://api.easypost.com/v2/pickups', auth, 'application/json'],
      ['POST', 'https://api.easypost.com/v2/pickups/pickup_abc/buy', auth, 'application/json'],
    ]);
    const epShopper = { name: 'Sam Shopper', street1: '417 Montgomery St', street2: 'Floor 5', city: 'San Francisco', state: 'CA', zip: '94104', country: 'US', phone: '4153334445' };
    expect(requests[0]!.body).toEqual({
      shipment: {
        to_address: { name: 'Demo Returns', street1: '1 Dock Rd', city: 'Oakland', state: 'CA', zip: '94607', country: 'US' },
        from_address: epShopper,
        parcel: { length: 12, width: 10, height: 6, weight: 32 },
        is_return: true,
        reference: 'pku_01TEST',
      },
    });
    expect(requests[1]!.body).toEqual({
      pickup: {
        reference: 'pku_01TEST',
        address: epShopper,
        shipment: { id: 'shp_ret1' },
        min_datetime: '2026-12-01T16:00:00.000Z',
        max_datetime: '2026-12-02T00:00:00.000Z',
        is_account_address: false,
        instructions: 'Parcel by the front door',
      },
    });
    expect(requests[2]!.body).toEqual({ carrier: 'FedEx', service: 'FDXE' });
  });

  it('uses an existing shipment, and refuses (permanently) when no rate fits the limits', async () => {
    const { requests, fetcher } = recordingFetch([json({ id: 'pickup_x', pickup_rates: rates, messages: [] })]);
    const err = await new EasyPostCarrier('k', fetcher).schedule({ ...req, shipmentRef: 'shp_existing', maxCostMinor: 100 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CarrierError);
    expect((err as CarrierError).permanent).toBe(true);
    expect(requests).toHaveLength(1);
    expect((requests[0]!.body as { pickup: { shipment: unknown } }).pickup.shipment).toEqual({ id: 'shp_existing' });
  });

  it('a carrier outage is worth retrying; cancel and status use the documented paths', async () => {
    const { requests, fetcher } = recordingFetch([
      json({ error: { code: 'INTERNAL_SERVER_ERROR' } }, 500),
      json({ id: 'pickup_abc', status: 'canceled', pickup_rates: [], messages: [] }),
      json({ id: 'pickup_abc', status: 'scheduled', pickup_rates: [], messages: [] }),
    ]);
    const ep = new EasyPostCarrier('k', fetcher);
    const err = (await ep.schedule({ ...req, shipmentRef: 'shp_1' }).catch((e: unknown) => e)) as CarrierError;
    expect(err.permanent).toBe(false);
    await ep.cancel('pickup_abc');
    expect(await ep.status('pickup_abc')).toBe('scheduled');
    expect(requests.slice(1).map((r) => `${r.method} ${r.url}`)).toEqual(['POST https://api.easypost.com/v2/pickups/pickup_abc/cancel', 'GET https://api.easypost.com/v2/pickups/pickup_abc']);
  });
});
