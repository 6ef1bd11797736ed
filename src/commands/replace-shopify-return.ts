/**
 * An exchange chosen after the store's Shopify Return already exists: the Return has no exchange
 * lines, and the Admin API (2026-04 through 2026-07) has no mutation that adds them — the return
 * family is removeFromReturn, returnApproveRequest, returnCancel, returnClose, returnCreate,
 * returnDeclineRequest, returnProcess, returnReopen, returnRequest and the reverse-delivery /
 * disposal mutations. Exchange lines exist only through `returnCreate.exchangeLineItems`.
 *
 * So, only when it is safe — the Return is OPEN and Shopify shows no work on it (no processed or
 * refunded unit, no reverse delivery / label), which is exactly when `returnCancel` is allowed — it
 * is cancelled and made again with the same return lines plus the exchange lines, and the case is
 * relinked. Otherwise the exchange is refused with the reason (the agent finishes it in Shopify).
 *
 * Idempotent across crashes: `ShopifyReturnReplacing {from}` is committed BEFORE `returnCancel`
 * (so our own cancellation is never mistaken for the merchant's, and the `returns/cancel` webhook
 * for it is ignored: sync-shopify-return.ts), the cancel runs only while the Return is still OPEN
 * (never twice), and a retry adopts an OPEN Return with the same lines and the exchange lines
 * that no other case holds before creating one (never two); `ShopifyReturnReplaced` relinks.
 * @see https://shopify.dev/docs/api/admin-graphql/2026-07/objects/ReturnUserError (every return mutation)
 * @see https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/returnCancel
 * @see https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/returnCreate (ReturnInput.exchangeLineItems)
 * @see https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/removeFromReturn (removes lines only)
 */
import { findCaseByPlatformRef, type LoadedCase } from '../db/case-store';
import type { ShopRow } from '../db/shops';
import type { ShopifyCredentials } from '../integrations/shopify/admin-client';
import type { ExchangeLineInput, ShopifyReturnSummary } from '../integrations/shopify/shopify-admin';
import { log } from '../lib/log';
import type { Services } from '../services';
import { appendCaseEvent, keyedEvents } from './case-event-append';
import { creatingCheckpoint } from './claim-shopify-return';
import { ensureShopifyReturn, isReturnGid } from './shopify-return-link';

export type ExchangeReturn = { returnId: string } | { refused: string } | null;

/** The Return carries at least these exchange variants and quantities. */
export function coversExchange(r: Pick<ShopifyReturnSummary, 'exchangeLines'>, wanted: ExchangeLineInput[]): boolean {
  return wanted.every(
    (w) => r.exchangeLines.filter((e) => e.variantId === w.variantId).reduce((n, e) => n + e.quantity, 0) >= w.quantity,
  );
}

const sameLines = (a: ShopifyReturnSummary['lines'], b: ShopifyReturnSummary['lines']) => {
  const key = (l: ShopifyReturnSummary['lines']) =>
    l
      .map((x) => `${x.fulfillmentLineItemId}x${x.quantity}`)
      .sort()
      .join(',');
  return key(a) === key(b);
};

/**
 * The case's Shopify Return with the exchange lines on it: the linked one when it has them, a
 * new one (created with them) when none was linked, or a replacement when that is safe.
 */
export async function exchangeReturn(
  s: Services,
  shop: ShopRow,
  loaded: LoadedCase,
  creds: ShopifyCredentials,
  orderGid: string,
  wanted: ExchangeLineInput[],
): Promise<ExchangeReturn> {
  const { row } = loaded;
  const ensured = await ensureShopifyReturn(s, shop, loaded, creds);
  if (!ensured || ensured.created || !isReturnGid(row.platformRef))
    return ensured ? { returnId: ensured.returnId } : null;
  const all = await s.shopifyAdmin.orderReturns(creds, orderGid);
  const current = all.find((r) => r.id === row.platformRef);
  if (!current || coversExchange(current, wanted)) return { returnId: row.platformRef }; // returnProcess has the last word
  const key = `${row.id}:replace:${current.id}`;
  const ours = (await keyedEvents(s, shop.id, row.id, ['ShopifyReturnReplacing'], key)).length > 0;
  if (!(current.status === 'OPEN' && !current.workedOn) && !(current.status === 'CANCELED' && ours)) {
    return {
      refused: `The store's Return ${current.id} has no exchange line for the chosen variant, and Shopify cannot add one to an existing Return; it is ${current.status.toLowerCase()}${current.workedOn ? ' and already worked on (processed, refunded or with a return label)' : ''}, so it was not replaced. Finish the exchange in Shopify.`,
    };
  }
  if (!ours) {
    await appendCaseEvent(s, shop.id, row.id, {
      type: 'ShopifyReturnReplacing',
      data: { key, from: current.id },
      reason: `Cancelling the store's Return ${current.id} (nothing done on it yet) to make it again with the exchange items.`,
    });
  }
  if (current.status === 'OPEN') await s.shopifyAdmin.cancelReturn(creds, current.id);
  // A Return an interrupted run already made: OPEN, the same lines plus the exchange, held by no case.
  let to: string | null = null;
  for (const r of all) {
    if (r.id === current.id || r.status !== 'OPEN' || !sameLines(r.lines, current.lines) || !coversExchange(r, wanted))
      continue;
    const holder = await findCaseByPlatformRef(s, shop.id, r.id);
    if (!holder || holder.id === row.id) {
      to = r.id;
      break;
    }
  }
  if (!to) {
    const note = [...new Set(loaded.items.map((i) => i.reason))].join(', ');
    const lineItems = loaded.items.flatMap((i) =>
      i.platformLineId ? [{ platformLineId: i.platformLineId, quantity: i.quantity }] : [],
    );
    await creatingCheckpoint(s, loaded, orderGid, lineItems, current.id);
    to = (
      await s.shopifyAdmin.createReturn(creds, {
        orderId: orderGid,
        requestedAt: row.createdAt,
        lines: current.lines.map((l) => ({ ...l, note })),
        exchangeLines: wanted,
      })
    ).returnId;
  }
  await appendCaseEvent(s, shop.id, row.id, {
    type: 'ShopifyReturnReplaced',
    set: { platformRef: to },
    data: { key, from: current.id, to },
    reason: `The store's Return ${current.id} was cancelled and made again as ${to} with the exchange items.`,
    unless: (fresh) => fresh.row.platformRef === to,
  });
  log({
    kind: 'job',
    outcome: 'ok',
    durationMs: 0,
    job: 'mirror-shopify-return',
    step: 'exchange',
    caseId: row.id,
    replacedReturn: current.id,
    returnId: to,
  });
  return { returnId: to };
}

/**
 * The case that replaced (or is replacing) this Return, when its news must be ignored: once the
 * case holds the new Return, anything about the old one (late or redelivered webhooks) would open
 * a phantom case; while the case still holds it, only its cancellation (ours) is ignored — if
 * Shopify refused our cancel, the Return lives on and its other news still moves the case.
 * Reached through the order (unique index), its cases and their events: a few rows. CROSS JOIN
 * pins that order: left to itself SQLite chose to walk every event of the shop (case_events_case_idx
 * on shop_id alone) on every returns webhook.
 */
export const REPLACED_RETURN_SQL = `SELECT e.case_id AS caseId, c.platform_ref AS platformRef FROM orders o
       CROSS JOIN cases c ON c.shop_id = o.shop_id AND c.order_id = o.id
       CROSS JOIN case_events e ON e.shop_id = c.shop_id AND e.case_id = c.id
      WHERE o.shop_id = ? AND o.platform_id = ? AND e.type = 'ShopifyReturnReplacing' AND json_extract(e.data, '$.from') = ?
      LIMIT 1`;

export async function replacedReturnHolder(
  s: Services,
  shopId: string,
  orderGid: string,
  returnGid: string,
  change: string,
): Promise<string | null> {
  const hit = await s
    .d1(shopId)
    .prepare(REPLACED_RETURN_SQL)
    .bind(shopId, orderGid, returnGid)
    .first<{ caseId: string; platformRef: string | null }>();
  return hit && (hit.platformRef !== returnGid || change === 'cancelled') ? hit.caseId : null;
}
