/**
 * The shopper's view of one order: found by order number + email (answering the same whichever half
 * is wrong), then every line with its eligibility from the pure policy (`evaluateLines`). Shared by
 * the HTML page and the JSON API.
 */
import { and, eq, or, sql } from 'drizzle-orm';
import { evaluateLines, type EvaluateInput, type LineEligibility } from '../cases/policy';
import type { Policy } from '../cases/policy-schema';
import { preparedOnce, type Db } from '../db/client';
import { loadOrderFacts, type OrderLineRow, type OrderRow } from '../db/order-facts';
import { orders } from '../db/schema';
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
 * The order when both halves match, else null. The email is compared in constant time after the
 * same single query whichever half is wrong, so neither the answer nor its shape tells them apart.
 */
export async function findOrderForShopper(
  s: Services,
  shopId: string,
  orderInput: string,
  emailInput: string,
): Promise<OrderRow | null> {
  const number = normalizeOrderNumber(orderInput);
  const email = normalizeEmail(emailInput);
  const candidates = number ? await ordersByNumber(s.db(shopId)).all({ shopId, name: `#${number}`, number }) : [];
  let found: OrderRow | null = null;
  for (const order of candidates) {
    // Compare against every candidate (and a dummy when none) so timing does not depend on the match.
    if (timingSafeEqual(normalizeEmail(order.email ?? ''), email) && order.email) found ??= order;
  }
  if (candidates.length === 0) timingSafeEqual(email, 'nobody@invalid.invalid');
  return found;
}

/** Prepared once per database and isolate (src/db/client.ts#preparedOnce). */
const ordersByNumber = (db: Db) =>
  preparedOnce(db, 'ordersByNumber', () => {
    const shopId = sql.placeholder('shopId');
    return (
      db
        .select()
        .from(orders)
        // Shop scope inside each branch: SQLite then searches orders_shop_name_idx and
        // orders_shop_number_idx (MULTI-INDEX OR); `shop AND (a OR b)` scanned every order of the shop.
        .where(
          or(
            and(eq(orders.shopId, shopId), eq(orders.name, sql.placeholder('name'))),
            and(eq(orders.shopId, shopId), eq(orders.number, sql.placeholder('number'))),
          ),
        )
        .limit(5)
        .prepare()
    );
  });

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
  if (!loaded) return null;
  const eligibility = new Map(evaluateLines(loaded.facts).map((e) => [e.lineId, e]));
  return { shop, policy, order: loaded.order, lines: loaded.lines, eligibility, facts: loaded.facts };
}
