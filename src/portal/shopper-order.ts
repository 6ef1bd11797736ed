/**
 * The shopper's view of one order: found by order number + email (answering the same whichever half
 * is wrong), then every line with its eligibility from the pure policy (`evaluateLines`). Shared by
 * the HTML page and the JSON API.
 */
import { evaluateLines, type EvaluateInput, type LineEligibility } from '../cases/policy';
import type { Policy } from '../cases/policy-schema';
import {
  loadOrderFacts,
  loadOrdersByNumberWithFacts,
  type OrderFactsResult,
  type OrderLineRow,
  type OrderRow,
} from '../db/order-facts';
import { shopPolicy, type ShopRow } from '../db/shops';
import { timingSafeEqual } from '../lib/crypto';
import type { Services } from '../services';

export type { OrderLineRow, OrderRow };

/** "#1001", "1001", " #1001 " → "1001"; anything else → null. */
export function normalizeOrderNumber(input: string): string | null {
  const m = /^\s*#?\s*([A-Za-z0-9-]{1,40})\s*$/.exec(input);
  return m ? m[1]! : null;
}

export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}

/**
 * The lookup: the order when both halves match, with its eligibility, else null. One D1 batch reads
 * every order with that number and their facts, whichever half is wrong; the email is then compared
 * in constant time against every candidate (and a dummy when none), so neither the answer's timing
 * before the reply nor its shape tells a wrong number from a wrong email.
 */
export async function findShopperOrder(
  s: Services,
  shop: ShopRow,
  orderInput: string,
  emailInput: string,
): Promise<ShopperOrder | null> {
  const number = normalizeOrderNumber(orderInput);
  const email = normalizeEmail(emailInput);
  if (!number) {
    timingSafeEqual(email, 'nobody@invalid.invalid');
    return null;
  }
  const policy = shopPolicy(shop);
  const { candidates, factsFor } = await loadOrdersByNumberWithFacts(s, shop, policy, number, email);
  let found: OrderRow | null = null;
  for (const order of candidates) {
    if (timingSafeEqual(normalizeEmail(order.email ?? ''), email) && order.email) found ??= order;
  }
  if (candidates.length === 0) timingSafeEqual(email, 'nobody@invalid.invalid');
  return found ? shopperOrderOf(shop, policy, factsFor(found)) : null;
}

export interface ShopperOrder {
  shop: ShopRow;
  policy: Policy;
  order: OrderRow;
  lines: OrderLineRow[];
  eligibility: Map<string, LineEligibility>;
  /** The facts the pure policy evaluated (reused for the request check and the quote). */
  facts: EvaluateInput;
}

export async function loadShopperOrder(
  s: Services,
  shop: ShopRow,
  orderOrId: string | OrderRow,
): Promise<ShopperOrder | null> {
  const policy = shopPolicy(shop);
  const loaded = await loadOrderFacts(s, shop, policy, orderOrId);
  return loaded ? shopperOrderOf(shop, policy, loaded) : null;
}

function shopperOrderOf(shop: ShopRow, policy: Policy, loaded: OrderFactsResult): ShopperOrder {
  const eligibility = new Map(evaluateLines(loaded.facts).map((e) => [e.lineId, e]));
  return { shop, policy, order: loaded.order, lines: loaded.lines, eligibility, facts: loaded.facts };
}
