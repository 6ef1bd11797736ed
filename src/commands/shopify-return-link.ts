/**
 * Finds or creates the store's Shopify Return for a case and links its gid to the case.
 * `returnCreate` carries no idempotency key in the Admin API, so a retried job (or one that
 * crashed between Shopify's answer and our write) must not create a second Return: before
 * creating, the order's Returns are read and an open one with exactly this case's fulfillment
 * lines, not linked to another case, is adopted instead.
 */
import { and, eq } from 'drizzle-orm';
import { findCaseByPlatformRef, type LoadedCase } from '../db/case-store';
import { orders } from '../db/schema';
import type { ShopRow } from '../db/shops';
import type { ShopifyCredentials } from '../integrations/shopify/admin-client';
import type { ExchangeLineInput, ShopifyReturnSummary } from '../integrations/shopify/shopify-admin';
import { log } from '../lib/log';
import { appendCaseEvent } from './case-event-append';
import { creatingCheckpoint } from './claim-shopify-return';
import { callOnce } from '../lib/call-once';
import type { Services } from '../services';

export const isReturnGid = (ref: string | null): ref is string => !!ref && ref.startsWith('gid://shopify/Return/');

type Line = { fulfillmentLineItemId: string; quantity: number };

const lineKey = (lines: Line[]) =>
  lines
    .map((l) => `${l.fulfillmentLineItemId}x${l.quantity}`)
    .sort()
    .join(',');

/** The variants the shopper gets, merged per variant (what `exchangeLineItems` names). */
export function exchangeLinesOf(loaded: LoadedCase): ExchangeLineInput[] {
  const byVariant = new Map<string, number>();
  for (const i of loaded.items)
    if (i.exchangeVariantId) byVariant.set(i.exchangeVariantId, (byVariant.get(i.exchangeVariantId) ?? 0) + i.quantity);
  return [...byVariant].map(([variantId, quantity]) => ({ variantId, quantity }));
}

/** An open or requested Return with the same fulfillment lines that no other case holds. */
export async function matchingReturn(
  s: Services,
  shopId: string,
  caseId: string,
  existing: ShopifyReturnSummary[],
  lines: Line[],
): Promise<ShopifyReturnSummary | null> {
  const want = lineKey(lines);
  for (const r of existing) {
    if ((r.status !== 'OPEN' && r.status !== 'REQUESTED') || lineKey(r.lines) !== want) continue;
    const holder = await findCaseByPlatformRef(s, shopId, r.id);
    if (!holder || holder.id === caseId) return r;
  }
  return null;
}

type LinkedReturn = { returnId: string; reverseFulfillmentOrderIds: string[]; created: boolean };

/**
 * The case's Shopify Return: the linked one, or an adopted/created one (then linked). Null when
 * the case cannot be mirrored (no order, or none of its lines was fulfilled in Shopify).
 */
export async function ensureShopifyReturn(
  s: Services,
  shop: ShopRow,
  loaded: LoadedCase,
  creds: ShopifyCredentials,
): Promise<LinkedReturn | null> {
  const { row } = loaded;
  if (isReturnGid(row.platformRef))
    return { returnId: row.platformRef, reverseFulfillmentOrderIds: [], created: false };
  if (row.platformRef) return null; // linked to something that is not a Return (e.g. a dispute)
  const order = row.orderId
    ? await s
        .db(shop.id)
        .select()
        .from(orders)
        .where(and(eq(orders.shopId, shop.id), eq(orders.id, row.orderId)))
        .get()
    : undefined;
  const wanted = loaded.items.filter((i) => i.platformLineId);
  if (!order || wanted.length === 0) return null;
  const fulfilled = await s.shopifyAdmin.fulfillmentLineItems(
    creds,
    order.platformId,
    wanted.map((i) => i.platformLineId!),
  );
  const lines = wanted.flatMap((i) => {
    const fli = fulfilled.find((f) => f.lineItemId === i.platformLineId);
    return fli
      ? [
          {
            fulfillmentLineItemId: fli.id,
            quantity: i.quantity,
            note: `${i.reason}${i.note ? `: ${i.note}` : ''}`,
            platformLineId: i.platformLineId!,
          },
        ]
      : [];
  });
  if (lines.length === 0) return null;
  const outcome = await callOnce<LinkedReturn, LinkedReturn>({
    // `returnCreate` has neither a key nor a claim row: every run counts as taking over from one that
    // may have created the Return and died, so the order's Returns are always read first.
    claim: async () => 'taken-over',
    readProviderState: async () => {
      const found = await matchingReturn(
        s,
        shop.id,
        row.id,
        await s.shopifyAdmin.orderReturns(creds, order.platformId),
        lines,
      );
      return (
        found && { returnId: found.id, reverseFulfillmentOrderIds: found.reverseFulfillmentOrderIds, created: false }
      );
    },
    call: async () => {
      // Before the call: the Return's own returns/approve webhook may beat our link (claim-shopify-return.ts).
      const items = lines.map((l) => ({ platformLineId: l.platformLineId, quantity: l.quantity }));
      await creatingCheckpoint(s, loaded, order.platformId, items, null);
      const exchangeLines = exchangeLinesOf(loaded);
      const created = await s.shopifyAdmin.createReturn(creds, {
        orderId: order.platformId,
        requestedAt: row.createdAt,
        ...(exchangeLines.length ? { exchangeLines } : {}),
        lines: lines.map(({ platformLineId: _, ...l }) => l),
      });
      return { ...created, created: true };
    },
    record: async (result, from) => {
      const adopted = from === 'provider' ? { adopted: true } : {};
      log({
        kind: 'job',
        outcome: 'ok',
        durationMs: 0,
        job: 'mirror-shopify-return',
        caseId: row.id,
        returnId: result.returnId,
        ...adopted,
      });
      await linkReturn(s, shop.id, row.id, result.returnId);
      return result;
    },
  });
  return outcome.claimed ? outcome.result : null;
}

/** Stores the Shopify Return gid on the case with its audit row (versioned, retried on a race). */
async function linkReturn(s: Services, shopId: string, caseId: string, returnId: string): Promise<void> {
  await appendCaseEvent(s, shopId, caseId, {
    type: 'ShopifyReturnLinked',
    data: { returnId },
    set: { platformRef: returnId },
    unless: (loaded) => !!loaded.row.platformRef,
  });
}
