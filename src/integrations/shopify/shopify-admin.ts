/**
 * What Aftercare asks of a Shopify store: mirror a case as a Return, approve/decline it, attach a
 * return label, move the money (refund through the Return, or a plain refund), issue store credit
 * as a gift card, and list a product's variants with stock for exchanges.
 */
import { parseDecimal, toDecimal } from '../../lib/money';
import { adminGraphql, assertNoUserErrors, type FetchLike, type ShopifyCredentials } from './admin-client';
import * as doc from './documents';
import { exchangeOperations, type ExchangeOperations } from './shopify-exchange-admin';

export interface ReturnLineInput {
  fulfillmentLineItemId: string;
  quantity: number;
  note?: string | null;
}

export interface RefundInput {
  orderId: string;
  returnId?: string | null;
  amountMinor: number;
  currency: string;
  idempotencyKey: string;
  note?: string;
}

export interface ExchangeLineInput {
  variantId: string;
  quantity: number;
}

export type { ProcessExchangeInput, ShopifyReturnSummary } from './shopify-exchange-admin';

export interface VariantStock {
  variantId: string;
  title: string;
  sku: string | null;
  /** In minor units of the shop's currency, which its orders are recorded in (Shopify's order `currency`). */
  priceMinor: number;
  available: boolean;
  inventory: number | null;
}

export interface ShopifyAdmin extends ExchangeOperations {
  createReturn(
    c: ShopifyCredentials,
    input: { orderId: string; lines: ReturnLineInput[]; exchangeLines?: ExchangeLineInput[]; requestedAt: number },
  ): Promise<{ returnId: string; reverseFulfillmentOrderIds: string[] }>;
  approveReturn(c: ShopifyCredentials, returnId: string): Promise<{ reverseFulfillmentOrderIds: string[] }>;
  declineReturn(c: ShopifyCredentials, returnId: string, note: string): Promise<void>;
  createReverseDelivery(
    c: ShopifyCredentials,
    input: { reverseFulfillmentOrderId: string; trackingNumber?: string; trackingUrl?: string; labelUrl?: string },
  ): Promise<{ reverseDeliveryId: string }>;
  refund(c: ShopifyCredentials, input: RefundInput): Promise<{ providerRef: string }>;
  createGiftCard(
    c: ShopifyCredentials,
    input: { amountMinor: number; currency: string; customerId?: string | null; note: string },
  ): Promise<{ giftCardId: string; code: string | null }>;
  productVariants(c: ShopifyCredentials, productId: string): Promise<VariantStock[]>;
  /**
   * The order's fulfillment line items (what `returnCreate` names), with their line item gid.
   * `lineItemIds` (the lines the caller cares about) lets the local adapter answer plausibly.
   */
  fulfillmentLineItems(
    c: ShopifyCredentials,
    orderId: string,
    lineItemIds: string[],
  ): Promise<Array<{ id: string; lineItemId: string; quantity: number }>>;
}

interface Transaction {
  id: string;
  kind: string;
  status: string;
  gateway: string;
  amountSet: { presentmentMoney: { amount: string; currencyCode: string } };
}

export function createShopifyAdmin(fetchFn: FetchLike = (i, init) => fetch(i, init)): ShopifyAdmin {
  const gql = <T>(c: ShopifyCredentials, q: string, v: Record<string, unknown>) => adminGraphql<T>(fetchFn, c, q, v);

  /** The order's captured payment (SALE or CAPTURE, success) a refund is parented to. */
  async function parentTransaction(c: ShopifyCredentials, orderId: string): Promise<Transaction> {
    const data = await gql<{ order: { transactions: Transaction[] } | null }>(c, doc.ORDER_TRANSACTIONS, {
      id: orderId,
    });
    const tx = data.order?.transactions.find(
      (t) => (t.kind === 'SALE' || t.kind === 'CAPTURE') && t.status === 'SUCCESS',
    );
    if (!tx) throw new Error(`order ${orderId} has no captured payment to refund`);
    return tx;
  }

  return {
    ...exchangeOperations(gql, parentTransaction),
    async createReturn(c, input) {
      const data = await gql<{
        returnCreate: {
          return: { id: string; reverseFulfillmentOrders?: { nodes: Array<{ id: string }> } } | null;
          userErrors: [];
        };
      }>(c, doc.RETURN_CREATE, {
        returnInput: {
          orderId: input.orderId,
          requestedAt: new Date(input.requestedAt).toISOString(),
          returnLineItems: input.lines.map((l) => ({
            fulfillmentLineItemId: l.fulfillmentLineItemId,
            quantity: l.quantity,
            returnReasonNote: (l.note ?? '').slice(0, 255),
          })),
          ...(input.exchangeLines?.length
            ? { exchangeLineItems: input.exchangeLines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })) }
            : {}),
        },
      });
      assertNoUserErrors('returnCreate', data.returnCreate);
      const created = data.returnCreate.return!;
      return {
        returnId: created.id,
        reverseFulfillmentOrderIds: created.reverseFulfillmentOrders?.nodes.map((n) => n.id) ?? [],
      };
    },
    async approveReturn(c, returnId) {
      const data = await gql<{
        returnApproveRequest: {
          return: { reverseFulfillmentOrders: { nodes: Array<{ id: string }> } } | null;
          userErrors: [];
        };
      }>(c, doc.RETURN_APPROVE_REQUEST, { input: { id: returnId, notifyCustomer: false } });
      assertNoUserErrors('returnApproveRequest', data.returnApproveRequest);
      return {
        reverseFulfillmentOrderIds:
          data.returnApproveRequest.return?.reverseFulfillmentOrders.nodes.map((n) => n.id) ?? [],
      };
    },
    async declineReturn(c, returnId, note) {
      const data = await gql<{ returnDeclineRequest: { userErrors: [] } }>(c, doc.RETURN_DECLINE_REQUEST, {
        input: { id: returnId, declineReason: 'OTHER', declineNote: note.slice(0, 500), notifyCustomer: false },
      });
      assertNoUserErrors('returnDeclineRequest', data.returnDeclineRequest);
    },
    async createReverseDelivery(c, input) {
      const data = await gql<{
        reverseDeliveryCreateWithShipping: { reverseDelivery: { id: string } | null; userErrors: [] };
      }>(c, doc.REVERSE_DELIVERY_CREATE_WITH_SHIPPING, {
        reverseFulfillmentOrderId: input.reverseFulfillmentOrderId,
        // Empty = every line of the reverse fulfillment order, in full (documented default).
        reverseDeliveryLineItems: [],
        trackingInput: input.trackingNumber ? { number: input.trackingNumber, url: input.trackingUrl ?? null } : null,
        labelInput: input.labelUrl ? { fileUrl: input.labelUrl } : null,
        notifyCustomer: true,
      });
      assertNoUserErrors('reverseDeliveryCreateWithShipping', data.reverseDeliveryCreateWithShipping);
      return { reverseDeliveryId: data.reverseDeliveryCreateWithShipping.reverseDelivery!.id };
    },
    async refund(c, input) {
      const parent = await parentTransaction(c, input.orderId);
      const amount = toDecimal(input.amountMinor, input.currency);
      if (input.returnId) {
        const r = await gql<{ return: { returnLineItems: { nodes: Array<{ id: string; quantity: number }> } } | null }>(
          c,
          doc.RETURN_LINE_ITEMS,
          { id: input.returnId },
        );
        const data = await gql<{ returnProcess: { return: { id: string } | null; userErrors: [] } }>(
          c,
          doc.RETURN_PROCESS,
          {
            idempotencyKey: input.idempotencyKey,
            input: {
              returnId: input.returnId,
              returnLineItems: (r.return?.returnLineItems.nodes ?? []).map((n) => ({ id: n.id, quantity: n.quantity })),
              financialTransfer: {
                issueRefund: {
                  orderTransactions: [
                    { parentId: parent.id, transactionAmount: { amount, currencyCode: input.currency } },
                  ],
                },
              },
              notifyCustomer: true,
              ...(input.note ? { note: input.note } : {}),
            },
          },
        );
        assertNoUserErrors('returnProcess', data.returnProcess);
        return { providerRef: data.returnProcess.return!.id };
      }
      const data = await gql<{ refundCreate: { refund: { id: string } | null; userErrors: [] } }>(
        c,
        doc.REFUND_CREATE,
        {
          idempotencyKey: input.idempotencyKey,
          input: {
            orderId: input.orderId,
            notify: true,
            ...(input.note ? { note: input.note } : {}),
            transactions: [
              { orderId: input.orderId, parentId: parent.id, gateway: parent.gateway, kind: 'REFUND', amount },
            ],
          },
        },
      );
      assertNoUserErrors('refundCreate', data.refundCreate);
      return { providerRef: data.refundCreate.refund!.id };
    },
    async createGiftCard(c, input) {
      const data = await gql<{
        giftCardCreate: { giftCard: { id: string } | null; giftCardCode: string | null; userErrors: [] };
      }>(c, doc.GIFT_CARD_CREATE, {
        input: {
          initialValue: toDecimal(input.amountMinor, input.currency),
          note: input.note,
          ...(input.customerId ? { customerId: input.customerId } : {}),
        },
      });
      assertNoUserErrors('giftCardCreate', data.giftCardCreate);
      return { giftCardId: data.giftCardCreate.giftCard!.id, code: data.giftCardCreate.giftCardCode };
    },
    async fulfillmentLineItems(c, orderId) {
      const data = await gql<{
        order: {
          fulfillments: Array<{
            fulfillmentLineItems: { nodes: Array<{ id: string; quantity: number; lineItem: { id: string } }> };
          }>;
        } | null;
      }>(c, doc.ORDER_FULFILLMENT_LINES, { id: orderId });
      return (data.order?.fulfillments ?? []).flatMap((f) =>
        f.fulfillmentLineItems.nodes.map((n) => ({ id: n.id, lineItemId: n.lineItem.id, quantity: n.quantity })),
      );
    },
    async productVariants(c, productId) {
      const data = await gql<{
        shop: { currencyCode: string };
        product: {
          variants: {
            nodes: Array<{
              id: string;
              title: string;
              sku: string | null;
              price: string;
              availableForSale: boolean;
              inventoryQuantity: number | null;
            }>;
          };
        } | null;
      }>(c, doc.PRODUCT_VARIANTS, { id: productId });
      // Prices come as decimal strings in the shop's currency, with that currency's decimal places.
      const currency = data.shop.currencyCode;
      return (data.product?.variants.nodes ?? []).map((v) => ({
        variantId: v.id,
        title: v.title,
        sku: v.sku,
        priceMinor: parseDecimal(v.price, currency),
        available: v.availableForSale,
        inventory: v.inventoryQuantity,
      }));
    },
  };
}
