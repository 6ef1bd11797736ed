import type { CarrierAdapter, LabelRefund, PickupBooking, PickupRequest, PickupStatus } from './types';

/**
 * No carrier API: the merchant's own instructions (drop-off point, or "we collect on Tuesdays")
 * are emailed to the shopper through the outbox by the pickup job (`drop_off_instructions`).
 */
export class ManualCarrier implements CarrierAdapter {
  readonly name = 'manual';
  constructor(private readonly carrierLabel = 'the carrier') {}

  async schedule(req: PickupRequest): Promise<PickupBooking> {
    return {
      providerRef: `manual:${req.pickupId}`,
      confirmation: `M-${req.pickupId.slice(-8)}`,
      carrier: this.carrierLabel,
      service: null,
      costMinor: null,
      currency: null,
      manual: true,
      instructions: req.instructions,
    };
  }

  async cancel(): Promise<void> {}

  async status(): Promise<PickupStatus> {
    return 'scheduled';
  }

  /** Nothing is bought for a manual pickup, so there is no label to refund. */
  async refundLabel(): Promise<LabelRefund> {
    return { status: 'not_purchased', requested: false };
  }

  async labelRefundStatus(): Promise<string | null> {
    return null;
  }
}
