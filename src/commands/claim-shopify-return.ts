/**
 * `returnCreate` makes an OPEN Return and Shopify announces it (`returns/approve`) at once. If that
 * webhook is applied before the job has linked the Return to its case — always, when the job died
 * between Shopify's answer and our write — it would open a second case for it, and the retry, no
 * longer able to adopt a Return another case holds, would make a second Return. So the job commits
 * `ShopifyReturnCreating` (the order, the case's line items, the Return it replaces if any) BEFORE
 * calling returnCreate, and a webhook for a Return no case holds first looks for that checkpoint:
 * a case of the same order that still holds what it held then (nothing, or the Return it is
 * replacing) and asked for exactly these line items claims the Return. The job's own link then
 * finds it done.
 * @see https://help.shopify.com/en/manual/shopify-flow/reference/triggers/return-approved (a return created in the admin is approved at once)
 */
import type { LoadedCase } from '../db/case-store';
import type { Services } from '../services';
import { appendCaseEvent } from './case-event-append';

type LineItems = Array<{ platformLineId: string; quantity: number }>;

const lineKey = (lines: LineItems) =>
  lines
    .map((l) => `${l.platformLineId}x${l.quantity}`)
    .sort()
    .join(',');

/** The checkpoint committed before returnCreate. `lineItems`: the order lines the Return will name. */
export async function creatingCheckpoint(
  s: Services,
  loaded: LoadedCase,
  orderGid: string,
  lineItems: LineItems,
  replacing: string | null,
): Promise<void> {
  await appendCaseEvent(s, loaded.row.shopId, loaded.row.id, {
    type: 'ShopifyReturnCreating',
    data: { orderId: orderGid, replacing, lineItems },
    reason: replacing
      ? `Making the store's Return again with the exchange items (replacing ${replacing}).`
      : "Creating the store's Return for this case.",
  });
}

/** The order's cases with a creating checkpoint, newest first, by index (order → cases → events). */
export const CREATING_SQL = `SELECT c.id AS caseId, c.platform_ref AS platformRef, e.data AS data FROM orders o
       CROSS JOIN cases c ON c.shop_id = o.shop_id AND c.order_id = o.id
       CROSS JOIN case_events e ON e.shop_id = c.shop_id AND e.case_id = c.id
      WHERE o.shop_id = ? AND o.platform_id = ? AND e.type = 'ShopifyReturnCreating'
      ORDER BY e.at DESC, e.rowid DESC LIMIT 20`;

/**
 * For a webhook about a Return no case holds: links it to the case whose pending creation it is
 * (same order and line items) and answers that case's id; null when it is nobody's.
 */
export async function claimCreatedReturn(
  s: Services,
  shopId: string,
  sync: { returnGid: string; orderGid: string; items: Array<{ platformLineId: string | null; quantity: number }> },
): Promise<string | null> {
  if (sync.items.length === 0 || sync.items.some((i) => !i.platformLineId)) return null;
  const want = lineKey(sync.items as LineItems);
  const rows = await s
    .d1(shopId)
    .prepare(CREATING_SQL)
    .bind(shopId, sync.orderGid)
    .all<{ caseId: string; platformRef: string | null; data: string }>();
  for (const r of rows.results) {
    const data = JSON.parse(r.data) as { replacing: string | null; lineItems: LineItems };
    if (r.platformRef !== data.replacing || lineKey(data.lineItems) !== want) continue;
    const replacing = data.replacing;
    const linked = await appendCaseEvent(
      s,
      shopId,
      r.caseId,
      replacing
        ? {
            type: 'ShopifyReturnReplaced',
            set: { platformRef: sync.returnGid },
            data: { from: replacing, to: sync.returnGid, claimedByWebhook: true },
            reason: `The store's Return ${replacing} was cancelled and made again as ${sync.returnGid} with the exchange items.`,
            unless: (f) => f.row.platformRef !== replacing,
          }
        : {
            type: 'ShopifyReturnLinked',
            set: { platformRef: sync.returnGid },
            data: { returnId: sync.returnGid, claimedByWebhook: true },
            unless: (f) => f.row.platformRef !== null,
          },
    );
    if (linked) return r.caseId;
  }
  return null;
}
