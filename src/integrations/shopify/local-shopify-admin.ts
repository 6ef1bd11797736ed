/**
 * LOCAL stand-in for the Shopify Admin API (`INTEGRATIONS=local`, `npm run dev`, most tests): it
 * calls nothing, records every call it would have made (inspect `calls`, the last 1,000; each
 * also goes to the log, except the variants read), answers plausible ids, honours idempotency keys like Shopify does, and serves variants
 * and stock from the demo catalog.
 */
import { demoCatalog } from '../../db/demo-data';
import type { Money } from '../../lib/money';
import { log } from '../../lib/log';
import { ShopifyAdminError } from './admin-client';
import type {
  ExchangeLineInput,
  ProcessExchangeInput,
  ReturnLineInput,
  ShopifyAdmin,
  ShopifyReturnSummary,
} from './shopify-admin';

export interface LocalShopifyCall {
  operation: string;
  shop: string;
  input: unknown;
  idempotencyKey?: string;
}

const MAX_KEPT_CALLS = 1_000;
const QUIET_READS = new Set(['product.variants']);

export class LocalShopifyAdmin implements ShopifyAdmin {
  readonly calls: LocalShopifyCall[] = [];
  private readonly byKey = new Map<string, string>();
  /** Returns created here, by order gid, so `orderReturns` answers what a retry would find. */
  readonly returns = new Map<string, ShopifyReturnSummary[]>();
  /** Orders whose balance the (pretend) customer paid: `orderOutstanding` answers zero for them. */
  readonly paidOrders = new Set<string>();
  private seq = 0;

  private record(operation: string, shop: string, input: unknown, idempotencyKey?: string): string {
    this.calls.push({ operation, shop, input, ...(idempotencyKey ? { idempotencyKey } : {}) });
    // Only the last calls: the instance lives as long as the isolate (`npm run dev` for hours).
    if (this.calls.length > MAX_KEPT_CALLS) this.calls.splice(0, this.calls.length - MAX_KEPT_CALLS);
    // Reads are not logged: the shopper's order page asks for variants per line on every lookup,
    // and a log line each cost more CPU under `wrangler dev` than the rest of the lookup's JavaScript.
    if (!QUIET_READS.has(operation))
      log({ kind: 'job', outcome: 'ok', durationMs: 0, adapter: 'LocalShopifyAdmin', operation, shop, idempotencyKey });
    return String(++this.seq);
  }

  async createReturn(
    c: { shop: string },
    input: { orderId: string; lines: ReturnLineInput[]; exchangeLines?: ExchangeLineInput[]; requestedAt: number },
  ) {
    const n = this.record('returnCreate', c.shop, input);
    const created: ShopifyReturnSummary = {
      id: `gid://shopify/Return/local-${n}`,
      status: 'OPEN',
      lines: input.lines.map((l) => ({ fulfillmentLineItemId: l.fulfillmentLineItemId, quantity: l.quantity })),
      exchangeLines: (input.exchangeLines ?? []).map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
      reverseFulfillmentOrderIds: [`gid://shopify/ReverseFulfillmentOrder/local-${n}`],
      workedOn: false,
    };
    this.returns.set(input.orderId, [...(this.returns.get(input.orderId) ?? []), created]);
    return { returnId: created.id, reverseFulfillmentOrderIds: created.reverseFulfillmentOrderIds };
  }
  async orderReturns(c: { shop: string }, orderId: string) {
    this.record('order.returns', c.shop, { id: orderId });
    return structuredClone(this.returns.get(orderId) ?? []);
  }
  /** Like Shopify: a replayed key answers the first result; a Return without the exchange line is refused. */
  async processExchange(c: { shop: string }, input: ProcessExchangeInput) {
    if (this.byKey.has(input.idempotencyKey)) {
      this.record('returnProcess (replayed key)', c.shop, input, input.idempotencyKey);
      return { returnId: this.byKey.get(input.idempotencyKey)! };
    }
    const ret = [...this.returns.values()].flat().find((r) => r.id === input.returnId);
    const missing = input.exchangeLines.find((l) => ret && !ret.exchangeLines.some((e) => e.variantId === l.variantId));
    if (missing)
      throw new ShopifyAdminError(
        `returnProcess: Return ${input.returnId} has no exchange line for ${missing.variantId}`,
        false,
      );
    this.record('returnProcess', c.shop, input, input.idempotencyKey);
    if (ret) ret.status = 'CLOSED';
    this.byKey.set(input.idempotencyKey, input.returnId);
    return { returnId: input.returnId };
  }
  /** Answers the balance Aftercare expects, or nothing once the order is marked paid here. */
  async orderOutstanding(c: { shop: string }, orderId: string, expected: Money) {
    this.record('order.totalOutstandingSet', c.shop, { id: orderId });
    return this.paidOrders.has(orderId) ? { amount: 0, currency: expected.currency } : expected;
  }
  async sendOrderInvoice(c: { shop: string }, orderId: string) {
    this.record('orderInvoiceSend', c.shop, { id: orderId });
  }
  /** Like Shopify: only a Return nobody worked on, still open or requested, can be cancelled. */
  async cancelReturn(c: { shop: string }, returnId: string) {
    const ret = [...this.returns.values()].flat().find((r) => r.id === returnId);
    if (ret && (ret.workedOn || (ret.status !== 'OPEN' && ret.status !== 'REQUESTED'))) {
      throw new ShopifyAdminError(
        `returnCancel: Return ${returnId} cannot be canceled (${ret.status}${ret.workedOn ? ', worked on' : ''})`,
        false,
      );
    }
    this.record('returnCancel', c.shop, { id: returnId });
    if (ret) ret.status = 'CANCELED';
    return { status: 'CANCELED' };
  }
  async approveReturn(c: { shop: string }, returnId: string) {
    return {
      reverseFulfillmentOrderIds: [
        `gid://shopify/ReverseFulfillmentOrder/local-${this.record('returnApproveRequest', c.shop, { id: returnId })}`,
      ],
    };
  }
  async declineReturn(c: { shop: string }, returnId: string, note: string) {
    this.record('returnDeclineRequest', c.shop, { id: returnId, note });
  }
  async createReverseDelivery(c: { shop: string }, input: unknown) {
    return {
      reverseDeliveryId: `gid://shopify/ReverseDelivery/local-${this.record('reverseDeliveryCreateWithShipping', c.shop, input)}`,
    };
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
    return lineItemIds.map((lineItemId) => ({
      id: `gid://shopify/FulfillmentLineItem/local-${lineItemId.split('/').pop()}`,
      lineItemId,
      quantity: 100,
    }));
  }
  async productVariants(c: { shop: string }, productId: string) {
    this.record('product.variants', c.shop, { id: productId });
    const product = demoCatalog.find((p) => p.productId === productId);
    return (product?.variants ?? []).map((v) => ({
      variantId: v.variantId,
      title: v.title,
      sku: v.sku,
      priceMinor: v.priceMinor,
      available: v.inventory > 0,
      inventory: v.inventory,
    }));
  }
}
