/** Exchange cases on a Shopify shop for the mirror tests: opened, approved (Return mirrored) and received. */
import { env } from 'cloudflare:workers';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import { mirrorShopifyReturn } from '../../src/commands/mirror-shopify-return';
import { openReturn } from '../../src/commands/open-return';
import type { JobOf } from '../../src/queue/messages';
import { createOrder, createShop } from '../helpers/factory';
import { caseServices } from './helpers';

export const mirrorJobs = (effects: Array<{ kind: string; message?: { kind: string } }>) =>
  effects
    .filter((e) => e.kind === 'job' && e.message?.kind === 'mirror-shopify-return')
    .map((e) => e.message as JobOf<'mirror-shopify-return'>);
export const jobsOf = (effects: Array<{ kind: string; message?: { kind: string } }>, kind: string) =>
  effects.filter((e) => e.kind === 'job' && e.message?.kind === kind);

/** `resolution: 'refund'` opens it without an exchange variant, so its Return has no exchange line. */
export async function exchangeCase(linePriceMinor: number, resolution: 'exchange' | 'refund' = 'exchange') {
  const ctx = caseServices();
  const { s, clock } = ctx;
  const shop = await createShop(env.DB, {}, clock.now());
  const { order, lines } = await createOrder(
    env.DB,
    shop.id,
    {
      deliveredDaysAgo: 2,
      lines: [
        {
          productId: 'gid://shopify/Product/7002',
          variantId: 'gid://shopify/ProductVariant/70022',
          priceMinor: linePriceMinor,
          quantity: 1,
        },
      ],
    },
    clock.now(),
  );
  const wanted = 'gid://shopify/ProductVariant/70021'; // 120.00 in the demo catalog
  const { caseId } = await openReturn(s, {
    shopId: shop.id,
    orderId: order.id,
    items: [
      {
        lineItemId: lines[0]!.id,
        quantity: 1,
        reason: 'too_small',
        ...(resolution === 'exchange' ? { exchangeVariantId: wanted } : {}),
      },
    ],
    resolution,
    method: 'drop_off',
  });
  const approved = await applyCaseAction(s, {
    shopId: shop.id,
    caseId,
    actor: 'agent:di',
    action: { action: 'approve' },
  });
  for (const job of mirrorJobs(approved.effects)) await mirrorShopifyReturn(s, job);
  await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:di', action: { action: 'receive' } });
  return { ...ctx, shop, order, caseId, wanted };
}

export const eventCount = (caseId: string, type: string) =>
  env.DB.prepare('SELECT COUNT(*) AS n FROM case_events WHERE case_id = ? AND type = ?')
    .bind(caseId, type)
    .first<number>('n');
