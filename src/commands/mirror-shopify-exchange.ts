/**
 * The `exchange` step of the `mirror-shopify-return` job: a case resolved as an exchange is
 * completed on the store's Shopify Return with `returnProcess`, confirming the returned lines and
 * the exchange lines (created with the Return, `returnCreate.exchangeLineItems`). A cheaper swap's
 * difference is refunded in the same call (`financialTransfer.issueRefund`) under the pending
 * refund row's key; a dearer swap leaves the balance due on the order, as Shopify documents for
 * native exchanges, and Shopify then emails the customer its invoice for it, at most once
 * (collect-exchange-balance.ts). Once: the `@idempotent` key makes a replay answer the first
 * result, and the `ShopifyExchangeProcessed` event makes a re-run skip the call altogether.
 */
import { and, eq } from 'drizzle-orm';
import type { LoadedCase } from '../db/case-store';
import { caseEvents, orders, refunds } from '../db/schema';
import type { ShopRow } from '../db/shops';
import { ShopifyAdminError, type ShopifyCredentials } from '../integrations/shopify/admin-client';
import type { JobOf } from '../queue/messages';
import { log } from '../lib/log';
import type { Services } from '../services';
import { appendCaseEvent, keyedEvents } from './case-event-append';
import { collectExchangeBalance } from './collect-exchange-balance';
import { runEffects } from '../queue/effects';
import { runIssueRefundJob } from './issue-refund';
import { recordRefundOutcome } from './record-refund-outcome';
import { exchangeReturn } from './replace-shopify-return';
import { ensureShopifyReturn, exchangeLinesOf } from './shopify-return-link';

interface Processed {
  returnId: string;
  idempotencyKey: string;
  refundId: string | null;
  /** What the shopper owes after a dearer swap (minor units of the case currency). */
  balanceDueMinor?: number;
}

async function processedEvent(s: Services, shopId: string, caseId: string, key: string): Promise<Processed | null> {
  const rows = await s
    .db(shopId)
    .select({ data: caseEvents.data })
    .from(caseEvents)
    .where(
      and(
        eq(caseEvents.shopId, shopId),
        eq(caseEvents.caseId, caseId),
        eq(caseEvents.type, 'ShopifyExchangeProcessed'),
      ),
    )
    .all();
  const hit = rows.map((r) => r.data as unknown as Processed).find((d) => d.idempotencyKey === key);
  return hit ?? null;
}

export async function mirrorShopifyExchange(
  s: Services,
  shop: ShopRow,
  loaded: LoadedCase,
  creds: ShopifyCredentials,
  job: JobOf<'mirror-shopify-return'>,
): Promise<void> {
  const { row } = loaded;
  if (row.resolution !== 'exchange') return;
  const key = job.idempotencyKey ?? `${row.id}:exchange:1`;
  let processed = await processedEvent(s, shop.id, row.id, key);
  const order = row.orderId
    ? await s
        .db(shop.id)
        .select()
        .from(orders)
        .where(and(eq(orders.shopId, shop.id), eq(orders.id, row.orderId)))
        .get()
    : undefined;
  if (!processed) {
    const refund = job.refundId
      ? await s
          .db(shop.id)
          .select()
          .from(refunds)
          .where(and(eq(refunds.shopId, shop.id), eq(refunds.id, job.refundId)))
          .get()
      : undefined;
    // Only a refund nobody has paid yet rides on returnProcess.
    const toSettle = refund && refund.status === 'pending' && !refund.providerRef ? refund : null;
    const exchangeLines = exchangeLinesOf(loaded);
    const plainRefund = async () => {
      // Nothing to process in Shopify: the difference still goes back, as a plain refund.
      if (toSettle)
        await runIssueRefundJob(s, { kind: 'issue-refund', shopId: shop.id, caseId: row.id, refundId: toSettle.id });
    };
    if (!order || exchangeLines.length === 0) {
      if (order) await ensureShopifyReturn(s, shop, loaded, creds);
      return plainRefund();
    }
    try {
      // The linked Return with the exchange lines on it, or a replacement when that is safe.
      const target = await exchangeReturn(s, shop, loaded, creds, order.platformId, exchangeLines);
      if (!target) return plainRefund();
      if ('refused' in target) throw new ShopifyAdminError(target.refused, false);
      const out = await s.shopifyAdmin.processExchange(creds, {
        orderId: order.platformId,
        returnId: target.returnId,
        exchangeLines,
        idempotencyKey: key,
        note: `Aftercare case ${row.id}`,
        refund: toSettle ? { amountMinor: toSettle.amountMinor, currency: toSettle.currency } : null,
      });
      processed = { returnId: out.returnId, idempotencyKey: key, refundId: toSettle?.id ?? null };
    } catch (err) {
      if (!(err instanceof ShopifyAdminError && !err.retryable)) throw err;
      // Refused (e.g. a Return made before the exchange was chosen, without its exchange lines,
      // and already worked on so it could not be replaced). Refunding through that Return would
      // return the item with no swap, so the refund is recorded failed with the reason, which
      // also goes on the timeline: the agent sees it and finishes in Shopify.
      log({
        kind: 'job',
        outcome: 'rejected',
        durationMs: 0,
        job: 'mirror-shopify-return',
        step: 'exchange',
        caseId: row.id,
        error: err.message,
      });
      if ((await keyedEvents(s, shop.id, row.id, ['ShopifyExchangeRefused'], key)).length === 0) {
        await appendCaseEvent(s, shop.id, row.id, {
          type: 'ShopifyExchangeRefused',
          data: { key },
          reason: err.message.slice(0, 500),
        });
      }
      if (toSettle) {
        const failed = await recordRefundOutcome(s, {
          shopId: shop.id,
          refundId: toSettle.id,
          status: 'failed',
          failureReason: `Shopify refused the exchange: ${err.message}`.slice(0, 500),
          actor: 'shopify',
        });
        await runEffects(s, failed.effects);
      }
      return;
    }
    processed.balanceDueMinor = Math.max(0, Number((await latestResolution(s, shop.id, row.id))?.differenceMinor ?? 0));
    await appendCaseEvent(s, shop.id, row.id, {
      type: 'ShopifyExchangeProcessed',
      data: { ...processed, exchangeLines },
    });
  }
  // Also on a re-run after a crash past the record above: the invoice step keeps its own checkpoints.
  if (order && (processed.balanceDueMinor ?? 0) > 0) {
    await collectExchangeBalance(s, row, creds, {
      orderGid: order.platformId,
      key: `${key}:invoice`,
      expected: { amount: processed.balanceDueMinor!, currency: row.currency },
    });
  }
  // Also after a crash between the record above and this: the refund row is settled exactly once.
  if (processed.refundId) {
    const result = await recordRefundOutcome(s, {
      shopId: shop.id,
      refundId: processed.refundId,
      status: 'succeeded',
      providerRef: processed.returnId,
      actor: 'shopify',
    });
    await runEffects(s, result.effects);
  }
}

async function latestResolution(
  s: Services,
  shopId: string,
  caseId: string,
): Promise<Record<string, unknown> | undefined> {
  const rows = await s
    .db(shopId)
    .select({ data: caseEvents.data, at: caseEvents.at })
    .from(caseEvents)
    .where(and(eq(caseEvents.shopId, shopId), eq(caseEvents.caseId, caseId), eq(caseEvents.type, 'CaseResolved')))
    .all();
  return rows.sort((a, b) => b.at - a.at)[0]?.data;
}
