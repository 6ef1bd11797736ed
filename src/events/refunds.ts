import { runEffects } from '../queue/effects';
import { recordRefundOutcome } from '../commands/record-refund-outcome';
import { parseDecimal } from '../lib/money';
import type { ShopifyApplier } from './apply';
import { placeholderOrderStatement } from './order-upsert';
import { gid, shopifyRefund } from './shopify-payloads';
import { bindNamed } from './sql';

/**
 * `refunds/create`: a refund made in Shopify (by us through the Admin API, or by the merchant by
 * hand) recorded as a `refunds` row, linked to the case mirroring its Shopify return when there is
 * one. A refund we issued ourselves already has its row (same provider ref): it only gains the link.
 * @see https://shopify.dev/docs/api/webhooks/2026-04?reference=toml#list-refunds/create
 */
export const applyShopifyRefund: ShopifyApplier = async ({ s, shop, body }) => {
  const refund = shopifyRefund.parse(body);
  const orderGid = gid('Order', refund.order_id);
  const refundGid = refund.admin_graphql_api_id ?? gid('Refund', refund.id);
  const returnGid = refund.return ? (refund.return.admin_graphql_api_id ?? gid('Return', refund.return.id)) : null;
  const paid = refund.transactions.filter((t) => t.kind === 'refund' && t.status === 'success');
  const failed = refund.transactions.some(
    (t) => t.kind === 'refund' && (t.status === 'failure' || t.status === 'error'),
  );
  const currency = (
    paid[0]?.currency ??
    refund.refund_line_items[0]?.subtotal_set?.shop_money.currency_code ??
    shop.currency
  ).toUpperCase();
  // Money actually moved is the sum of successful refund transactions; line subtotals otherwise.
  const amount = paid.length
    ? paid.reduce((sum, t) => sum + parseDecimal(t.amount, currency), 0)
    : refund.refund_line_items.reduce(
        (sum, l) => sum + (l.subtotal_set ? parseDecimal(l.subtotal_set.shop_money.amount, currency) : 0),
        0,
      );
  const status = paid.length ? 'succeeded' : failed ? 'failed' : 'pending';
  const at = refund.processed_at ?? refund.created_at ?? s.clock.now();
  const d1 = s.d1(shop.id);
  // Our own pending refund on a case settling is a case transition: the Cases command owns it.
  const mine = await d1
    .prepare(
      `SELECT id, case_id, status FROM refunds WHERE shop_id = ?1 AND provider = 'shopify' AND provider_ref = ?2`,
    )
    .bind(shop.id, refundGid)
    .first<{ id: string; case_id: string | null; status: string }>();
  if (mine?.case_id && mine.status === 'pending' && (status === 'succeeded' || status === 'failed')) {
    const outcome = await recordRefundOutcome(s, {
      shopId: shop.id,
      refundId: mine.id,
      status,
      actor: 'shopify',
      platformUpdatedAt: at,
    });
    await runEffects(s, outcome.effects);
  }
  await d1.batch([
    placeholderOrderStatement(s, shop.id, orderGid, null),
    bindNamed(
      d1,
      `INSERT INTO refunds (id, shop_id, case_id, order_id, provider, kind, provider_ref, idempotency_key, amount_minor, currency, status,
         platform_updated_at, created_at, updated_at)
       VALUES (?id, ?shop, (SELECT id FROM cases WHERE shop_id = ?shop AND platform_ref = ?ret),
         (SELECT id FROM orders WHERE shop_id = ?shop AND platform_id = ?ord), 'shopify', 'refund', ?ref, ?key, ?amount, ?currency, ?status,
         ?at, ?now, ?now)
       ON CONFLICT(shop_id, provider, provider_ref) DO UPDATE SET
         case_id = COALESCE(refunds.case_id, excluded.case_id), order_id = COALESCE(refunds.order_id, excluded.order_id),
         status = CASE WHEN refunds.status = 'succeeded' THEN refunds.status ELSE excluded.status END,
         platform_updated_at = MAX(refunds.platform_updated_at, excluded.platform_updated_at), updated_at = excluded.updated_at`,
      {
        id: s.newId('rfd'),
        shop: shop.id,
        ret: returnGid,
        ord: orderGid,
        ref: refundGid,
        key: `shopify-refund:${refundGid}`,
        amount,
        currency,
        status,
        at,
        now: s.clock.now(),
      },
    ),
  ]);
};
