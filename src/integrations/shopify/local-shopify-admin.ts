/**
 * LOCAL stand-in for the Shopify Admin API (`INTEGRATIONS=local`, `npm run dev`, most tests): it
 * calls nothing, records every call it would have made (inspect `calls`; each also goes to the
 * log), answers plausible ids, honours idempotency keys like Shopify does, and serves variants
 * and stock from the demo catalog.
 */
import { demoCatalog } from '../../db/demo-data';
import { log } from '../../lib/log';
import type { ShopifyAdmin } from './shopify-admin';

export interface LocalShopifyCall {
  operation: string;
  shop: string;
  input: unknown;
  idempotencyKey?: string;
}

export class LocalShopifyAdmin implements ShopifyAdmin {
  readonly calls: LocalShopifyCall[] = [];
  private readonly byKey = new Map<string, string>();
  private seq = 0;

  private record(operation: string, shop: string, input: unknown, idempotencyKey?: string): string {
    this.calls.push({ operation, shop, input, ...(idempotencyKey ? { idempotencyKey } : {}) });
    log({ kind: 'job', outcome: 'ok', durationMs: 0, adapter: 'LocalShopifyAdmin', operation, shop, idempotencyKey });
    return String(++this.seq);
  }

  async createReturn(c: { shop: string }, input: unknown) {
    const n = this.record('returnCreate', c.shop, input);
    return { returnId: `gid://shopify/Return/local-${n}`, reverseFulfillmentOrderIds: [`gid://shopify/ReverseFulfillmentOrder/local-${n}`] };
  }
  async approveReturn(c: { shop: string }, returnId: string) {
    return { reverseFulfillmentOrderIds: [`gid://shopify/ReverseFulfillmentOrder/local-${this.record('returnApproveRequest', c.shop, { id: returnId })}`] };
  }
  async declineReturn(c: { shop: string }, returnId: string, note: string) {
    this.record('returnDeclineRequest', c.shop, { id: returnId, note });
  }
  async createReverseDelivery(c: { shop: string }, input: unknown) {
    return { reverseDeliveryId: `gid://shopify/ReverseDelivery/local-${this.record('reverseDeliveryCreateWithShipping', c.shop, input)}` };
  }
  async refund(c: { shop: string }, input: { returnId?: string | null; idempotencyKey: string }) {
    const known = this.byKey.get(input.idempotencyKey);
    const op = input.returnId ? 'returnProcess' : 'refundCreate';
    if (known) {
      this.record(`${op} (replayed key)`, c.shop, input, input.idempotencyKey);
      return { providerRef: known };
    }
    const ref = `gid://shopify/Refund/local-${this.record(op, c.shop, input, input.idempotencyKey)}`;
    this.byKey.set(input.idempotencyKey, ref);
    return { providerRef: ref };
  }
  async createGiftCard(c: { shop: string }, input: unknown) {
    const n = this.record('giftCardCreate', c.shop, input);
    return { giftCardId: `gid://shopify/GiftCard/local-${n}`, code: `LOCAL${n.padStart(11, '0')}` };
  }
  /** Every line the caller names counts as fulfilled, one fulfillment line each. */
  async fulfillmentLineItems(c: { shop: string }, orderId: string, lineItemIds: string[]) {
    this.record('order.fulfillments', c.shop, { id: orderId });
    return lineItemIds.map((lineItemId) => ({ id: `gid://shopify/FulfillmentLineItem/local-${lineItemId.split('/').pop()}`, lineItemId, quantity: 100 }));
  }
  async productVariants(c: { shop: string }, productId: string) {
    this.record('product.variants', c.shop, { id: productId });
    const product = demoCatalog.find((p) => p.productId === productId);
    return (product?.variants ?? []).map((v) => ({ variantId: v.variantId, title: v.title, sku: v.sku, priceMinor: v.priceMinor, available: v.inventory > 0, inventory: v.inventory }));
  }
}
