/**
 * The `mirror-shopify-return` job: keeps the store's own Returns in step with Aftercare's decision
 * so both sides agree. Approve: a case that came from a Shopify return request is approved there
 * (`returnApproveRequest`); a case opened in Aftercare becomes an open Shopify Return
 * (`returnCreate`) and is linked by its gid. A merchant-provided label is attached with
 * `reverseDeliveryCreateWithShipping`. Reject: the requested Shopify return is declined. Exchange:
 * the Return (with its exchange lines) is processed (`mirror-shopify-exchange.ts`).
 * Shopify refusals (already approved, already declined) are business answers, not failures.
 */
import { getShopAccessToken } from '../integrations/shopify/shop-credentials';
import { loadCase } from '../db/case-store';
import { findShopById } from '../db/shops';
import { ShopifyAdminError } from '../integrations/shopify/admin-client';
import type { JobOf } from '../queue/messages';
import { log } from '../lib/log';
import type { Services } from '../services';
import { mirrorShopifyExchange } from './mirror-shopify-exchange';
import { ensureShopifyReturn, isReturnGid } from './shopify-return-link';

export async function mirrorShopifyReturn(s: Services, job: JobOf<'mirror-shopify-return'>): Promise<void> {
  const shop = await findShopById(s, job.shopId);
  if (!shop || shop.platform !== 'shopify' || shop.settings.mirrorReturns === false) return;
  const loaded = await loadCase(s, shop.id, job.caseId);
  if (!loaded) return;
  const creds = {
    shop: shop.domain,
    accessToken: s.settings.INTEGRATIONS === 'local' ? 'local' : await getShopAccessToken(s, shop.id),
  };
  const { row } = loaded;
  try {
    if (job.step === 'decline') {
      if (isReturnGid(row.platformRef))
        await s.shopifyAdmin.declineReturn(creds, row.platformRef, job.note ?? 'Declined by the store.');
      return;
    }
    if (job.step === 'exchange') {
      await mirrorShopifyExchange(s, shop, loaded, creds, job);
      return;
    }
    let reverseFulfillmentOrderIds: string[] = [];
    if (row.source === 'shopify' && isReturnGid(row.platformRef)) {
      // The shopper asked in Shopify: approve their request there.
      ({ reverseFulfillmentOrderIds } = await s.shopifyAdmin.approveReturn(creds, row.platformRef));
    } else {
      if (row.platformRef) return; // already mirrored by an earlier run of this job
      // Adopts a Return an earlier, interrupted run created instead of creating a second one.
      const ensured = await ensureShopifyReturn(s, shop, loaded, creds);
      if (!ensured) return;
      reverseFulfillmentOrderIds = ensured.reverseFulfillmentOrderIds;
    }
    const rfo = reverseFulfillmentOrderIds[0];
    if (job.label && rfo) {
      await s.shopifyAdmin.createReverseDelivery(creds, {
        reverseFulfillmentOrderId: rfo,
        labelUrl: job.label.url,
        ...(job.label.trackingNumber ? { trackingNumber: job.label.trackingNumber } : {}),
        ...(job.label.trackingUrl ? { trackingUrl: job.label.trackingUrl } : {}),
      });
    }
  } catch (err) {
    if (err instanceof ShopifyAdminError && !err.retryable) {
      log({
        kind: 'job',
        outcome: 'rejected',
        durationMs: 0,
        job: 'mirror-shopify-return',
        caseId: row.id,
        error: err.message,
      });
      return;
    }
    throw err;
  }
}
