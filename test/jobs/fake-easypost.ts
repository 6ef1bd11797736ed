/**
 * EasyPost behind MSW, as its docs describe it: objects keep their state, a bought shipment has a
 * label (and cannot be bought again), a bought pickup is scheduled, a refunded shipment carries
 * `refund_status`. Ids are numbered in creation order (`shp_1`, `pickup_2`, …).
 * @see https://docs.easypost.com/docs/shipments
 * @see https://docs.easypost.com/docs/pickups
 * @see https://docs.easypost.com/docs/shipments/shipping-refund
 */
import { json, type MockHttp } from '../helpers/msw';

export const EP = 'https://api.easypost.com/v2';

const labelRates = [
  { id: 'rate_usps', carrier: 'USPS', service: 'Priority', rate: '6.00', currency: 'USD' },
  { id: 'rate_ups', carrier: 'UPS', service: 'Ground', rate: '9.10', currency: 'USD' },
];
const pickupRates = [
  { id: 'pickuprate_ups', carrier: 'UPS', service: 'Same-day Pickup', rate: '4.00', currency: 'USD' },
  { id: 'pickuprate_fedex', carrier: 'FedEx', service: 'FDXE', rate: '3.00', currency: 'USD' },
];

export function fakeEasyPost(mock: MockHttp) {
  let n = 0;
  const shipments = new Map<string, Record<string, unknown>>();
  const pickups = new Map<string, Record<string, unknown>>();
  const body = async (r: { json(): Promise<unknown> }) => (await r.json()) as Record<string, Record<string, unknown>>;
  mock.on('post', `${EP}/shipments`, async ({ request }) => {
    const id = `shp_${++n}`;
    shipments.set(id, {
      id,
      object: 'Shipment',
      reference: (await body(request)).shipment!.reference,
      rates: labelRates,
      postage_label: null,
      selected_rate: null,
    });
    return json(shipments.get(id));
  });
  mock.on('get', `${EP}/shipments/:id`, ({ params }) => json(shipments.get(String(params.id))));
  mock.on('post', `${EP}/shipments/:id/buy`, async ({ params, request }) => {
    const shp = shipments.get(String(params.id))!;
    if (shp.postage_label)
      return json({ error: { code: 'SHIPMENT.POSTAGE.EXISTS', message: 'postage already exists' } }, 422);
    const rateId = (await body(request)).rate!.id;
    const rate = labelRates.find((r) => r.id === rateId);
    Object.assign(shp, {
      selected_rate: rate,
      postage_label: { label_url: `https://labels.example/${shp.id}.png` },
      tracking_code: `1Z${shp.id}`,
    });
    return json(shp);
  });
  mock.on('post', `${EP}/pickups`, async ({ request }) => {
    const id = `pickup_${++n}`;
    pickups.set(id, {
      id,
      object: 'Pickup',
      status: 'unknown',
      confirmation: null,
      reference: (await body(request)).pickup!.reference,
      pickup_rates: pickupRates,
      messages: [],
    });
    return json(pickups.get(id));
  });
  // Refund: the Shipment comes back with `refund_status`. What EasyPost answers to a repeated request is
  // not documented; this fake refuses it, so a second ask would show as a failure, not pass silently.
  mock.on('post', `${EP}/shipments/:id/refund`, ({ params }) => {
    const shp = shipments.get(String(params.id))!;
    if (!shp.postage_label || shp.refund_status)
      return json({ error: { code: 'FAKE.REFUND.REFUSED', message: 'no label, or refund already requested' } }, 422);
    shp.refund_status = 'submitted';
    return json(shp);
  });
  mock.on('get', `${EP}/pickups/:id`, ({ params }) => json(pickups.get(String(params.id))));
  mock.on('post', `${EP}/pickups/:id/buy`, ({ params }) => {
    const p = pickups.get(String(params.id))!;
    if (p.status === 'scheduled') return json({ error: { code: 'PICKUP.ALREADY_SCHEDULED' } }, 422);
    Object.assign(p, { status: 'scheduled', confirmation: `WTC${String(params.id).slice(-1)}0001` });
    return json(p);
  });
  // The stored objects, so a test can play the carrier deciding later (a refund's `refund_status`).
  return { shipments, pickups };
}
