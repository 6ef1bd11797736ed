/**
 * The `mirror-shopify-return` job: keeps the store's own Returns in step with Aftercare's decision
 * so both sides agree. Approve: a case that came from a Shopify return request is approved there
 * (`returnApproveRequest`); a case opened in Aftercare becomes an open Shopify Return
 * (`returnCreate`) and is linked by its gid. A merchant-provided label is attached with
 * `reverseDeliveryCreateWithShipping`. Reject: the requested Shopify return is declined.
 * Shopify refusals (already approved, already declined) are business answers, not failures.
 */
import { and, eq } from 'drizzle-orm';
import { getShopAccessToken } from '../admin/auth/shop-credentials';
import { caseChangeStatements, commitBatch, loadCase } from '../db/cases';
import { orders } from '../db/schema';
import { findShopById } from '../db/shops';
import { AppError } from '../http/errors';
import { ShopifyAdminError } from '../integrations/shopify/admin-client';
import type { JobOf } from '../jobs/messages';
import { log } from '../lib/log';
import type { Services } from '../services';

const isReturnGid = (ref: string | null): ref is string => !!ref && ref.startsWith('gid://shopify/Return/');

export async function mirrorShopifyReturn(s: Services, job: JobOf<'mirror-shopify-return'>): Promise<void> {
  const shop = await findShopById(s, job.shopId);
  if (!shop || shop.platform !== 'shopify' || shop.settings.mirrorReturns === false) return;
  const loaded = await loadCase(s, shop.id, job.caseId);
  if (!loaded) return;
  const creds = { shop: shop.domain, accessToken: s.settings.INTEGRATIONS === 'local' ? 'local' : await getShopAccessToken(s, shop.id) };
  const { row } = loaded;
  try {
    if (job.step === 'decline') {
      if (isReturnGid(row.platformRef)) await s.shopifyAdmin.declineReturn(creds, row.platformRef, job.note ?? 'Declined by the store.');
      return;
    }
    let reverseFulfillmentOrderIds: string[] = [];
    if (row.source === 'shopify' && isReturnGid(row.platformRef)) {
      // The shopper asked in Shopify: approve their request there.
      ({ reverseFulfillmentOrderIds } = await s.shopifyAdmin.approveReturn(creds, row.platformRef));
    } else if (row.platformRef) {
      return; // already mirrored by an earlier run of this job
    } else {
      const order = row.orderId ? await s.db(shop.id).select().from(orders).where(and(eq(orders.shopId, shop.id), eq(orders.id, row.orderId))).get() : undefined;
      const wanted = loaded.items.filter((i) => i.platformLineId);
      if (!order || wanted.length === 0) return;
      const fulfilled = await s.shopifyAdmin.fulfillmentLineItems(creds, order.platformId, wanted.map((i) => i.platformLineId!));
      const lines = wanted.flatMap((i) => {
        const fli = fulfilled.find((f) => f.lineItemId === i.platformLineId);
        return fli ? [{ fulfillmentLineItemId: fli.id, quantity: i.quantity, note: `${i.reason}${i.note ? `: ${i.note}` : ''}` }] : [];
      });
      if (lines.length === 0) return;
      const created = await s.shopifyAdmin.createReturn(creds, { orderId: order.platformId, lines, requestedAt: row.createdAt });
      const returnId = created.returnId;
      reverseFulfillmentOrderIds = created.reverseFulfillmentOrderIds;
      await linkReturn(s, shop.id, row.id, returnId);
      log({ kind: 'job', outcome: 'ok', durationMs: 0, job: 'mirror-shopify-return', caseId: row.id, returnId });
    }
    const rfo = reverseFulfillmentOrderIds[0];
    if (job.label && rfo) {
      await s.shopifyAdmin.createReverseDelivery(creds, { reverseFulfillmentOrderId: rfo, labelUrl: job.label.url, ...(job.label.trackingNumber ? { trackingNumber: job.label.trackingNumber } : {}), ...(job.label.trackingUrl ? { trackingUrl: job.label.trackingUrl } : {}) });
    }
  } catch (err) {
    if (err instanceof ShopifyAdminError && !err.retryable) {
      log({ kind: 'job', outcome: 'rejected', durationMs: 0, job: 'mirror-shopify-return', caseId: row.id, error: err.message });
      return;
    }
    throw err;
  }
}

/** Stores the Shopify Return gid on the case with its audit row (versioned, retried on a race). */
async function linkReturn(s: Services, shopId: string, caseId: string, returnId: string): Promise<void> {
  for (let attempt = 1; attempt <= 4; attempt++) {
    const loaded = await loadCase(s, shopId, caseId);
    if (!loaded || loaded.row.platformRef) return;
    const at = s.clock.now();
    try {
      await commitBatch(s, shopId, caseChangeStatements(s, {
        shopId, caseId, expectedVersion: loaded.row.version, set: { platformRef: returnId, updatedAt: at },
        events: [{ type: 'ShopifyReturnLinked', from: loaded.row.status, to: loaded.row.status, actor: 'system', reason: null, at, data: { returnId } }],
      }));
      return;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'conflict') || attempt === 4) throw err;
    }
  }
}
