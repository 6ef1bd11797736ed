import type { Address } from '../../db/schema';

export interface PickupRequest {
  /** Our pickup id: the carrier reference, so a retried create is recognisable. */
  pickupId: string;
  /** Where the parcel is picked up (the shopper). */
  address: Address;
  /** Where it goes (the merchant's returns address); needed to create the return shipment. */
  returnTo: Address | null;
  windowStart: number;
  windowEnd: number;
  instructions: string;
  /**
   * The carrier shipment (return label) to use: one the merchant already has, or the one an earlier
   * attempt of this job created (stored before its label was bought, so a retry never buys twice).
   */
  shipmentRef?: string | null;
  /** The carrier pickup an earlier attempt created (stored before it was bought). */
  pickupRef?: string | null;
  /** Parcel in inches/ounces (EasyPost units); a default box when unknown. */
  parcel?: { length: number; width: number; height: number; weight: number };
  /** Merchant's limits: carriers allowed and the most a pickup may cost (minor units). */
  allowedCarriers?: string[];
  maxCostMinor?: number | null;
}

export interface PickupBooking {
  providerRef: string;
  confirmation: string;
  carrier: string;
  service: string | null;
  costMinor: number | null;
  currency: string | null;
  /** The return label the shopper sticks on the parcel (EasyPost: the bought shipment's postage label). */
  labelUrl?: string | null;
  shipmentRef?: string | null;
  /** Manual carriers book nothing: the shopper gets instructions instead of a confirmation. */
  manual: boolean;
  instructions?: string;
}

export type PickupStatus = 'scheduled' | 'canceled' | 'unknown';

/**
 * A return label's refund: the carrier's status (EasyPost `refund_status`: submitted, refunded,
 * rejected, not_applicable), or `not_purchased` when the shipment has no bought label.
 * `requested`: this call asked; false when nothing was bought or an earlier request already arrived.
 */
export interface LabelRefund {
  status: string;
  requested: boolean;
}

/**
 * Provider objects created on the way to a booking, reported BEFORE anything is bought on them:
 * the job stores them on the pickup row, so a retry after a crash finds and reuses them.
 */
export interface PickupProgress {
  shipmentRef?: string;
  pickupRef?: string;
}
export type PickupCheckpoint = (progress: PickupProgress) => Promise<void>;

export interface CarrierAdapter {
  readonly name: string;
  schedule(req: PickupRequest, checkpoint?: PickupCheckpoint): Promise<PickupBooking>;
  cancel(providerRef: string): Promise<void>;
  status(providerRef: string): Promise<PickupStatus>;
  /** Refunds the label bought on `shipmentRef` unless none was bought or a refund was already asked. */
  refundLabel(shipmentRef: string): Promise<LabelRefund>;
  /**
   * Where an asked refund stands now (EasyPost `refund_status`; null: none on the shipment). Only
   * reads: the follow-up of a `submitted` refund calls this, never `refundLabel`.
   */
  labelRefundStatus(shipmentRef: string): Promise<string | null>;
}

/** `permanent`: retrying cannot help (no rate within the merchant's limits, invalid address). */
export class CarrierError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'CarrierError';
  }
}
