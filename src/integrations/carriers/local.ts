import type {
  CarrierAdapter,
  LabelRefund,
  PickupBooking,
  PickupCheckpoint,
  PickupRequest,
  PickupStatus,
} from './types';

/**
 * `INTEGRATIONS=local`: books nothing, records what it would have booked, answers like EasyPost:
 * the return label's shipment is reported to the job (stored) before anything can fail, as the
 * real adapter does, so a pickup that fails for good has a label to refund. `failNext` lets tests
 * make the next N schedules fail (a carrier outage).
 */
export class LocalCarrier implements CarrierAdapter {
  readonly name = 'local';
  readonly requests: PickupRequest[] = [];
  readonly cancelled: string[] = [];
  /** The shipments whose label refund was asked, in order. */
  readonly refunds: string[] = [];
  /** What the "carrier" later decides per shipment (`submitted`, `rejected`…); unset: `refunded`. */
  readonly refundOutcomes = new Map<string, string>();
  failNext = 0;

  async schedule(req: PickupRequest, checkpoint: PickupCheckpoint = async () => {}): Promise<PickupBooking> {
    this.requests.push(req);
    const shipmentRef = req.shipmentRef ?? `local_shp_${req.pickupId}`;
    if (!req.shipmentRef) await checkpoint({ shipmentRef });
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('local carrier: simulated outage');
    }
    return {
      providerRef: `local_pickup_${req.pickupId}`,
      confirmation: `LOCAL-${req.pickupId.slice(-6)}`,
      carrier: 'USPS',
      service: 'NextDay',
      costMinor: 0,
      currency: 'USD',
      manual: false,
      shipmentRef,
    };
  }

  async cancel(providerRef: string): Promise<void> {
    this.cancelled.push(providerRef);
  }

  async status(providerRef: string): Promise<PickupStatus> {
    return this.cancelled.includes(providerRef) ? 'canceled' : 'scheduled';
  }

  /** Only the labels this adapter "bought" (`local_shp_…`) have anything to refund. */
  async refundLabel(shipmentRef: string): Promise<LabelRefund> {
    if (!shipmentRef.startsWith('local_shp_')) return { status: 'not_purchased', requested: false };
    if (this.refunds.includes(shipmentRef)) return { status: 'submitted', requested: false };
    this.refunds.push(shipmentRef);
    return { status: 'submitted', requested: true };
  }

  /**
   * Only refunds that were asked are followed up, and this adapter keeps no memory across requests,
   * so a local label's refund reads `refunded` (a local run shows the whole path) unless set otherwise.
   */
  async labelRefundStatus(shipmentRef: string): Promise<string | null> {
    if (!shipmentRef.startsWith('local_shp_')) return null;
    return this.refundOutcomes.get(shipmentRef) ?? 'refunded';
  }
}
