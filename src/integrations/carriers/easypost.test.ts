/**
 * The real EasyPost adapter on its production path (global `fetch`), answered by MSW: each request's
 * method, URL, Basic auth, content type and JSON body must be EasyPost's documented shape (the docs
 * pages' samples live in github.com/EasyPost/examples, official/docs/curl/current/):
 * - shipments/buy.sh: `POST /v2/shipments/shp_.../buy` `{"rate": {"id": "rate_..."}, "insurance": "249.99"}`
 * - returns/create.sh: `POST /v2/shipments` `{"shipment": {to_address, from_address, parcel, "is_return": true}}`,
 *   the ORIGINAL shipment's addresses ("we switch the to_address and from_address for the return Shipment")
 * - pickups/create.sh + buy.sh: `POST /v2/pickups` `{"pickup": {reference, min_datetime, max_datetime,
 *   shipment, address, is_account_address, instructions}}`; `POST /v2/pickups/pickup_.../buy` `{carrier, service}`
 * - shipping-refund/refund.sh: `POST /v2/shipments/shp_.../refund`, `-u "EASYPOST_API_KEY":`, no body;
 *   the answer (responses/shipping-refund/shipping-refund-refund.json) is the Shipment with `refund_status`
 * - shipments/retrieve.sh: `GET /v2/shipments/shp_...`, no body: how a refund asked earlier stands now
 * - pickups/cancel.sh: `POST /v2/pickups/pickup_.../cancel`, `-u "EASYPOST_API_KEY":`, no body; answer: the Pickup, `status: "canceled"`
 * @see https://docs.easypost.com/docs/shipments
 * @see https://docs.easypost.com/docs/shipments/returns
 * @see https://docs.easypost.com/docs/pickups
 * @see https://docs.easypost.com/docs/shipments/shipping-refund
 */
import { describe, expect, it } from 'vitest';
import { json, mockHttp, script } from '../../../test/helpers/msw';
import { EasyPostCarrier } from './easypost';
import { CarrierError, type PickupProgress, type PickupRequest } from './types';

const mock = mockHttp();
const EP = 'https://api.easypost.com/v2';
const calls = () => mock.requests.map((r) => `${r.method} ${r.url.replace(EP, '')}`);

const shopper = {
  name: 'Sam Shopper',
  address1: '417 Montgomery St',
  address2: 'Floor 5',
  city: 'San Francisco',
  provinceCode: 'CA',
  zip: '94104',
  countryCode: 'US',
  phone: '4153334445',
};
const warehouse = {
  name: 'Demo Returns',
  address1: '1 Dock Rd',
  city: 'Oakland',
  provinceCode: 'CA',
  zip: '94607',
  countryCode: 'US',
};
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
  {
    id: 'pickuprate_usps',
    object: 'PickupRate',
    carrier: 'USPS',
    service: 'NextDay',
    rate: '0.00',
    currency: 'USD',
    pickup_id: 'pickup_abc',
  },
  {
    id: 'pickuprate_ups',
    object: 'PickupRate',
    carrier: 'UPS',
    service: 'Same-day Pickup',
    rate: '8.00',
    currency: 'USD',
    pickup_id: 'pickup_abc',
  },
  {
    id: 'pickuprate_fedex',
    object: 'PickupRate',
    carrier: 'FedEx',
    service: 'FDXE',
    rate: '5.50',
    currency: 'USD',
    pickup_id: 'pickup_abc',
  },
  {
    id: 'pickuprate_dhl',
    object: 'PickupRate',
    carrier: 'FedEx',
    service: 'Premium',
    rate: '12.00',
    currency: 'USD',
    pickup_id: 'pickup_abc',
  },
];

const labelRates = [
  { id: 'rate_usps', object: 'Rate', carrier: 'USPS', service: 'Priority', rate: '7.00', currency: 'USD' },
  { id: 'rate_fedex', object: 'Rate', carrier: 'FedEx', service: 'FEDEX_GROUND', rate: '8.20', currency: 'USD' },
  { id: 'rate_ups', object: 'Rate', carrier: 'UPS', service: 'Ground', rate: '9.10', currency: 'USD' },
];
const boughtShipment = {
  id: 'shp_ret1',
  object: 'Shipment',
  is_return: true,
  rates: labelRates,
  selected_rate: labelRates[1],
  postage_label: { label_url: 'https://easypost-files.s3.amazonaws.com/label.png' },
  tracking_code: '9400100000000000000000',
};

describe('EasyPostCarrier', () => {
  it('creates the return shipment, buys its label and the cheapest allowed pickup, reporting each id before buying', async () => {
    mock.on('post', `${EP}/shipments`, () =>
      json({ id: 'shp_ret1', object: 'Shipment', is_return: true, rates: labelRates, postage_label: null }),
    );
    mock.on('post', `${EP}/shipments/shp_ret1/buy`, () => json(boughtShipment));
    mock.on('post', `${EP}/pickups`, () =>
      json({
        id: 'pickup_abc',
        object: 'Pickup',
        status: 'unknown',
        confirmation: null,
        pickup_rates: rates,
        messages: [],
      }),
    );
    mock.on('post', `${EP}/pickups/pickup_abc/buy`, () =>
      json({
        id: 'pickup_abc',
        object: 'Pickup',
        status: 'scheduled',
        confirmation: 'WTC73728910',
        pickup_rates: rates,
        messages: [],
      }),
    );
    const progress: Array<PickupProgress & { before: number }> = [];
    const booking = await new EasyPostCarrier('EZTK_test_key').schedule(
      req,
      async (p) => void progress.push({ ...p, before: mock.requests.length }),
    );
    expect(booking).toEqual({
      providerRef: 'pickup_abc',
      confirmation: 'WTC73728910',
      carrier: 'FedEx',
      service: 'FDXE',
      costMinor: 550,
      currency: 'USD',
      manual: false,
      labelUrl: boughtShipment.postage_label.label_url,
      shipmentRef: 'shp_ret1',
    });
    // Each id is handed to the job (to store) before the request that buys on it.
    expect(progress).toEqual([
      { shipmentRef: 'shp_ret1', before: 1 },
      { pickupRef: 'pickup_abc', before: 3 },
    ]);

    const auth = `Basic ${btoa('EZTK_test_key:')}`;
    expect(mock.requests.map((r) => [r.method, r.url, r.headers.authorization, r.headers['content-type']])).toEqual([
      ['POST', `${EP}/shipments`, auth, 'application/json'],
      ['POST', `${EP}/shipments/shp_ret1/buy`, auth, 'application/json'],
      ['POST', `${EP}/pickups`, auth, 'application/json'],
      ['POST', `${EP}/pickups/pickup_abc/buy`, auth, 'application/json'],
    ]);
    const epShopper = {
      name: 'Sam Shopper',
      street1: '417 Montgomery St',
      street2: 'Floor 5',
      city: 'San Francisco',
      state: 'CA',
      zip: '94104',
      country: 'US',
      phone: '4153334445',
    };
    // A return shipment is sent as the original (merchant → shopper): EasyPost switches the addresses.
    expect(mock.requests[0]!.json).toEqual({
      shipment: {
        to_address: epShopper,
        from_address: {
          name: 'Demo Returns',
          street1: '1 Dock Rd',
          city: 'Oakland',
          state: 'CA',
          zip: '94607',
          country: 'US',
        },
        parcel: { length: 12, width: 10, height: 6, weight: 32 },
        is_return: true,
        reference: 'pku_01TEST',
      },
    });
    // The label: the cheapest rate of an allowed carrier (USPS is cheaper but not allowed).
    expect(mock.requests[1]!.json).toEqual({ rate: { id: 'rate_fedex' } });
    expect(mock.requests[2]!.json).toEqual({
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
    // The pickup comes from the label's carrier (FedEx), cheapest under the cap.
    expect(mock.requests[3]!.json).toEqual({ carrier: 'FedEx', service: 'FDXE' });
  });

  it('a retry that knows the shipment and pickup reads them and buys nothing already bought', async () => {
    mock.on('get', `${EP}/shipments/shp_ret1`, () => json(boughtShipment));
    mock.on('get', `${EP}/pickups/pickup_abc`, () =>
      json({ id: 'pickup_abc', status: 'scheduled', confirmation: 'WTC73728910', pickup_rates: rates, messages: [] }),
    );
    const progress: PickupProgress[] = [];
    const booking = await new EasyPostCarrier('k').schedule(
      { ...req, shipmentRef: 'shp_ret1', pickupRef: 'pickup_abc' },
      async (p) => void progress.push(p),
    );
    expect(booking).toMatchObject({
      providerRef: 'pickup_abc',
      confirmation: 'WTC73728910',
      carrier: 'FedEx',
      service: 'FDXE',
      shipmentRef: 'shp_ret1',
    });
    expect(calls()).toEqual(['GET /shipments/shp_ret1', 'GET /pickups/pickup_abc']);
    expect(progress).toEqual([]);
  });

  it('a stored shipment without a label gets its label bought; a stored unbought pickup is bought, not re-created', async () => {
    mock.on('get', `${EP}/shipments/shp_ret1`, () =>
      json({ ...boughtShipment, selected_rate: null, postage_label: null }),
    );
    mock.on('post', `${EP}/shipments/shp_ret1/buy`, () => json(boughtShipment));
    mock.on('get', `${EP}/pickups/pickup_abc`, () =>
      json({ id: 'pickup_abc', status: 'unknown', confirmation: null, pickup_rates: rates, messages: [] }),
    );
    mock.on('post', `${EP}/pickups/pickup_abc/buy`, () =>
      json({ id: 'pickup_abc', status: 'scheduled', confirmation: 'WTC1', pickup_rates: rates, messages: [] }),
    );
    await new EasyPostCarrier('k').schedule({ ...req, shipmentRef: 'shp_ret1', pickupRef: 'pickup_abc' });
    expect(calls()).toEqual([
      'GET /shipments/shp_ret1',
      'POST /shipments/shp_ret1/buy',
      'GET /pickups/pickup_abc',
      'POST /pickups/pickup_abc/buy',
    ]);
  });

  it("uses the merchant's existing shipment, and refuses (permanently) when no pickup rate fits the limits", async () => {
    mock.on('get', `${EP}/shipments/shp_existing`, () =>
      json({ ...boughtShipment, id: 'shp_existing', selected_rate: null }),
    );
    mock.on('post', `${EP}/pickups`, () => json({ id: 'pickup_x', pickup_rates: rates, messages: [] }));
    const err = await new EasyPostCarrier('k')
      .schedule({ ...req, shipmentRef: 'shp_existing', maxCostMinor: 100 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CarrierError);
    expect((err as CarrierError).permanent).toBe(true);
    expect(calls()).toEqual(['GET /shipments/shp_existing', 'POST /pickups']);
    expect((mock.requests[1]!.json as { pickup: { shipment: unknown } }).pickup.shipment).toEqual({
      id: 'shp_existing',
    });
  });

  it('a carrier outage is worth retrying; cancel and status use the documented paths', async () => {
    mock.on('get', `${EP}/shipments/shp_1`, () => json({ error: { code: 'INTERNAL_SERVER_ERROR' } }, 500));
    mock.on('post', `${EP}/pickups/pickup_abc/cancel`, () =>
      json({ id: 'pickup_abc', status: 'canceled', pickup_rates: [], messages: [] }),
    );
    mock.on(
      'get',
      `${EP}/pickups/pickup_abc`,
      script(json({ id: 'pickup_abc', status: 'scheduled', pickup_rates: [], messages: [] })),
    );
    const ep = new EasyPostCarrier('k');
    const err = (await ep.schedule({ ...req, shipmentRef: 'shp_1' }).catch((e: unknown) => e)) as CarrierError;
    expect(err.permanent).toBe(false);
    await ep.cancel('pickup_abc');
    expect(await ep.status('pickup_abc')).toBe('scheduled');
    expect(calls().slice(1)).toEqual(['POST /pickups/pickup_abc/cancel', 'GET /pickups/pickup_abc']);
    // Bodiless calls carry no content type, as documented.
    expect(mock.requests.map((r) => [r.text, r.headers['content-type']])).toEqual([
      ['', undefined],
      ['', undefined],
      ['', undefined],
    ]);
  });

  it('cancels a booked pickup as documented (POST, Basic auth, no body) and does not take an answer other than canceled for one', async () => {
    mock.on(
      'post',
      `${EP}/pickups/pickup_abc/cancel`,
      script(
        json({
          id: 'pickup_abc',
          object: 'Pickup',
          status: 'canceled',
          confirmation: 'WTC62300488',
          pickup_rates: rates,
          messages: [],
        }),
        json({ id: 'pickup_abc', object: 'Pickup', status: 'scheduled', pickup_rates: [], messages: [] }),
      ),
    );
    const ep = new EasyPostCarrier('EZTK_test_key');
    await ep.cancel('pickup_abc');
    const err = (await ep.cancel('pickup_abc').catch((e: unknown) => e)) as CarrierError;
    expect(err).toBeInstanceOf(CarrierError);
    expect(err.permanent).toBe(false);
    const sent = {
      method: 'POST',
      url: `${EP}/pickups/pickup_abc/cancel`,
      auth: `Basic ${btoa('EZTK_test_key:')}`,
      type: undefined,
      body: '',
    };
    expect(
      mock.requests.map((r) => ({
        method: r.method,
        url: r.url,
        auth: r.headers.authorization,
        type: r.headers['content-type'],
        body: r.text,
      })),
    ).toEqual([sent, sent]);
  });

  describe('refundLabel', () => {
    const refundAnswer = {
      ...boughtShipment,
      refund_status: 'submitted',
      fees: [{ object: 'Fee', type: 'PostageFee', amount: '8.20000', charged: true, refunded: false }],
    };

    it('reads the shipment, then asks for the refund as documented: POST, Basic auth, no body', async () => {
      mock.on('get', `${EP}/shipments/shp_ret1`, () => json(boughtShipment));
      mock.on('post', `${EP}/shipments/shp_ret1/refund`, () => json(refundAnswer));
      expect(await new EasyPostCarrier('EZTK_test_key').refundLabel('shp_ret1')).toEqual({
        status: 'submitted',
        requested: true,
      });
      const auth = `Basic ${btoa('EZTK_test_key:')}`;
      expect(
        mock.requests.map((r) => ({
          method: r.method,
          url: r.url,
          auth: r.headers.authorization,
          type: r.headers['content-type'],
          body: r.text,
        })),
      ).toEqual([
        { method: 'GET', url: `${EP}/shipments/shp_ret1`, auth, type: undefined, body: '' },
        { method: 'POST', url: `${EP}/shipments/shp_ret1/refund`, auth, type: undefined, body: '' },
      ]);
    });

    it('does not ask again when a refund is already on the shipment (an earlier request arrived)', async () => {
      mock.on('get', `${EP}/shipments/shp_ret1`, () => json({ ...refundAnswer, refund_status: 'refunded' }));
      expect(await new EasyPostCarrier('k').refundLabel('shp_ret1')).toEqual({ status: 'refunded', requested: false });
      expect(calls()).toEqual(['GET /shipments/shp_ret1']);
    });

    it('has nothing to refund when no label was bought, and a refused refund is worth retrying', async () => {
      mock.on('get', `${EP}/shipments/shp_new`, () =>
        json({ id: 'shp_new', rates: labelRates, postage_label: null, selected_rate: null }),
      );
      expect(await new EasyPostCarrier('k').refundLabel('shp_new')).toEqual({
        status: 'not_purchased',
        requested: false,
      });
      mock.on('get', `${EP}/shipments/shp_ret1`, () => json(boughtShipment));
      mock.on('post', `${EP}/shipments/shp_ret1/refund`, () => json({ error: { code: 'INTERNAL_SERVER_ERROR' } }, 500));
      const err = (await new EasyPostCarrier('k').refundLabel('shp_ret1').catch((e: unknown) => e)) as CarrierError;
      expect(err).toBeInstanceOf(CarrierError);
      expect(err.permanent).toBe(false);
      expect(calls()).toEqual(['GET /shipments/shp_new', 'GET /shipments/shp_ret1', 'POST /shipments/shp_ret1/refund']);
    });

    it('labelRefundStatus only reads the shipment (shipments/retrieve.sh: GET, Basic auth, no body) and returns its refund_status', async () => {
      mock.on(
        'get',
        `${EP}/shipments/shp_ret1`,
        script(json({ ...refundAnswer, refund_status: 'rejected' }), json(boughtShipment)),
      );
      const ep = new EasyPostCarrier('EZTK_test_key');
      expect(await ep.labelRefundStatus('shp_ret1')).toBe('rejected');
      expect(await ep.labelRefundStatus('shp_ret1')).toBeNull();
      const auth = `Basic ${btoa('EZTK_test_key:')}`;
      expect(
        mock.requests.map((r) => ({
          method: r.method,
          url: r.url,
          auth: r.headers.authorization,
          type: r.headers['content-type'],
          body: r.text,
        })),
      ).toEqual([
        { method: 'GET', url: `${EP}/shipments/shp_ret1`, auth, type: undefined, body: '' },
        { method: 'GET', url: `${EP}/shipments/shp_ret1`, auth, type: undefined, body: '' },
      ]);
    });
  });
});
