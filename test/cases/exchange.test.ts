import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { applyCaseAction } from '../../src/commands/apply-case-action';
import { openReturn } from '../../src/commands/open-return';
import { createOrder, createShop } from '../helpers/factory';
import { caseServices } from './helpers';

async function receivedExchange(line: { productId: string; variantId: string; priceMinor: number }, wanted: string) {
  const { s, clock, shopifyAdmin } = caseServices();
  const shop = await createShop(env.DB, {}, clock.now());
  const { order, lines } = await createOrder(
    env.DB,
    shop.id,
    { deliveredDaysAgo: 2, lines: [{ ...line, quantity: 1 }] },
    clock.now(),
  );
  const { caseId } = await openReturn(s, {
    shopId: shop.id,
    orderId: order.id,
    items: [{ lineItemId: lines[0]!.id, quantity: 1, reason: 'too_small', exchangeVariantId: wanted }],
    resolution: 'exchange',
    method: 'drop_off',
  });
  for (const action of ['approve', 'receive'] as const)
    await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:di', action: { action } });
  return { s, shop, caseId, shopifyAdmin };
}

describe('exchange resolution', () => {
  it('same price: resolves with no money moving and the variant recorded', async () => {
    const { s, shop, caseId, shopifyAdmin } = await receivedExchange(
      { productId: 'gid://shopify/Product/7002', variantId: 'gid://shopify/ProductVariant/70022', priceMinor: 12_000 },
      'gid://shopify/ProductVariant/70021',
    );
    const r = await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:di', action: { action: 'exchange' } });
    expect(r.status).toBe('resolved');
    expect(r.events.at(-1)!.data).toMatchObject({
      resolution: 'exchange',
      differenceMinor: 0,
      exchangeValueMinor: 12_000,
    });
    expect(shopifyAdmin.calls.map((c) => c.operation)).toEqual(['product.variants']);
    const n = await env.DB.prepare('SELECT COUNT(*) AS n FROM refunds WHERE case_id = ?')
      .bind(caseId)
      .first<number>('n');
    expect(n).toBe(0);
  });

  it('a cheaper variant refunds the difference once, under the case key', async () => {
    const { s, shop, caseId } = await receivedExchange(
      { productId: 'gid://shopify/Product/7002', variantId: 'gid://shopify/ProductVariant/70022', priceMinor: 13_000 },
      'gid://shopify/ProductVariant/70021',
    );
    const r = await applyCaseAction(s, { shopId: shop.id, caseId, actor: 'agent:di', action: { action: 'exchange' } });
    expect(r.events.at(-1)!.data).toMatchObject({ differenceMinor: -1000 });
    const rows = await env.DB.prepare('SELECT amount_minor, idempotency_key, status FROM refunds WHERE case_id = ?')
      .bind(caseId)
      .all();
    expect(rows.results).toEqual([{ amount_minor: 1000, idempotency_key: `${caseId}:refund:1`, status: 'pending' }]);
  });

  it('an out-of-stock or foreign variant is refused with 422 and nothing changes', async () => {
    const { s, shop, caseId } = await receivedExchange(
      { productId: 'gid://shopify/Product/7001', variantId: 'gid://shopify/ProductVariant/70012', priceMinor: 2500 },
      'gid://shopify/ProductVariant/70011',
    );
    const items = (
      await env.DB.prepare('SELECT id FROM case_items WHERE case_id = ?').bind(caseId).all<{ id: string }>()
    ).results;
    for (const variantId of ['gid://shopify/ProductVariant/70013', 'gid://shopify/ProductVariant/70021']) {
      const err = await applyCaseAction(s, {
        shopId: shop.id,
        caseId,
        actor: 'agent:di',
        action: { action: 'exchange', items: [{ itemId: items[0]!.id, variantId }] },
      }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'unprocessable' });
    }
    expect(await env.DB.prepare('SELECT status FROM cases WHERE id = ?').bind(caseId).first<string>('status')).toBe(
      'received',
    );
  });
});
