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
  /** An existing carrier shipment (return label) when the merchant already bought one. */
  shipmentRef?: string | null;
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
  /** Manual carriers book nothing: the shopper gets instructions instead of a confirmation. */
  manual: boolean;
  instructions?: string;
}

export type PickupStatus = 'scheduled' | 'canceled' | 'unknown';

export interface CarrierAdapter {
  readonly name: string;
  schedule(req: PickupRequest): Promise<PickupBooking>;
  cancel(providerRef: string): Promise<void>;
  status(providerRef: string): Promise<PickupStatus>;
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
