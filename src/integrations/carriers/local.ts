import type { CarrierAdapter, PickupBooking, PickupRequest, PickupStatus } from './types';

/**
 * `INTEGRATIONS=local`: books nothing, records what it would have booked, answers like EasyPost.
 * `failNext` lets tests make the next N schedules fail (a carrier outage).
 */
export class LocalCarrier implements CarrierAdapter {
  readonly name = 'local';
  readonly requests: PickupRequest[] = [];
  readonly cancelled: string[] = [];
  failNext = 0;

  async schedule(req: PickupRequest): Promise<PickupBooking> {
    this.requests.push(req);
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('local carrier: simulated outage');
    }
    return { providerRef: `local_pickup_${req.pickupId}`, confirmation: `LOCAL-${req.pickupId.slice(-6)}`, carrier: 'USPS', service: 'NextDay', costMinor: 0, currency: 'USD', manual: false };
  }

  async cancel(providerRef: string): Promise<void> {
    this.cancelled.push(providerRef);
  }

  async status(providerRef: string): Promise<PickupStatus> {
    return this.cancelled.includes(providerRef) ? 'canceled' : 'scheduled';
  }
}
