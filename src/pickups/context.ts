/** The pickup row read with its case, order, customer and shop: what the booking job decides on. */
import type { Priority } from '../cases/policy-schema';
import type { Services } from '../services';
import type { CaseAt, PickupState } from './decide';

export interface PickupContext {
  id: string;
  shop_id: string;
  case_id: string;
  carrier: string;
  status: PickupState['status'];
  address: string | null;
  window_start: number | null;
  window_end: number | null;
  attempts: number;
  provider_ref: string | null;
  shipment_ref: string | null;
  case_number: number;
  case_locale: string;
  priority: Priority;
  order_email: string | null;
  first_name: string | null;
  shop_settings: string;
  shop_timezone: string;
  case_status: string;
  resume_status: string | null;
}

const contextSql = `SELECT p.id, p.shop_id, p.case_id, p.carrier, p.status, p.address, p.window_start, p.window_end, p.attempts, p.provider_ref, p.shipment_ref,
    c.number AS case_number, c.locale AS case_locale, c.priority, o.email AS order_email, cu.first_name,
    s.settings AS shop_settings, s.timezone AS shop_timezone, c.status AS case_status, c.resume_status
  FROM pickups p JOIN cases c ON c.shop_id = p.shop_id AND c.id = p.case_id
  JOIN shops s ON s.id = p.shop_id
  LEFT JOIN orders o ON o.shop_id = c.shop_id AND o.id = c.order_id
  LEFT JOIN customers cu ON cu.shop_id = c.shop_id AND cu.id = COALESCE(c.customer_id, o.customer_id)
  WHERE p.shop_id = ? AND p.id = ?`;

export const loadPickupContext = (s: Services, shopId: string, pickupId: string) =>
  s.d1(shopId).prepare(contextSql).bind(shopId, pickupId).first<PickupContext>();

/** Where the case stands, for `decidePickup`. */
export const caseAtOf = (row: { case_status: string; resume_status: string | null }): CaseAt => ({
  status: row.case_status,
  resumeStatus: row.resume_status,
});

/**
 * The decider's state as far as a row tells it. Carrier calls in flight and a refused cancel are
 * not on the row: the job that makes the call knows, and the cancel job checks the refusal itself.
 */
export function pickupStateOf(row: {
  status: PickupState['status'];
  provider_ref: string | null;
  shipment_ref?: string | null;
  label_refund_status?: string | null;
}): PickupState {
  return {
    status: row.status,
    hasProviderRef: row.provider_ref !== null,
    hasLabel: (row.shipment_ref ?? null) !== null,
    labelRefund: (row.label_refund_status ?? null) as PickupState['labelRefund'],
    cancelRefused: false,
    bookingAsked: false,
    cancelAsked: false,
  };
}

export const caseLabel = (n: number) => `R-${n}`;
