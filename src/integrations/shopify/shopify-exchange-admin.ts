/**
 * The exchange side of the real Shopify adapter: the order's Returns (paged), completing an
 * exchange on its Return with `returnProcess`, what the order still owes afterwards, Shopify's
 * invoice for that balance, and cancelling a Return nobody has worked on. Composed into
 * `createShopifyAdmin` (shopify-admin.ts).
 */
import type { Money } from '../../lib/money';
import { parseDecimal, toDecimal } from '../../lib/money';
import { assertNoUserErrors, ShopifyAdminError, type ShopifyCredentials } from './admin-client';
import * as doc from './documents';

/** One of the order's Shopify Returns, as far as matching, processing and cancelling need it. */
export interface ShopifyReturnSummary {
  id: string;
  /** ReturnStatus: REQUESTED, OPEN, CLOSED, DECLINED, CANCELED. */
  status: string;
  lines: Array<{ fulfillmentLineItemId: string; quantity: number }>;
  exchangeLines: Array<{ variantId: string | null; quantity: number }>;
  reverseFulfillmentOrderIds: string[];
  /** Shopify shows work on it: a processed or refunded unit, or a reverse delivery (a label). */
  workedOn: boolean;
}

export interface ProcessExchangeInput {
  orderId: string;
  returnId: string;
  /** The variants the shopper gets; each must be an exchange line already on the Return. */
  exchangeLines: Array<{ variantId: string; quantity: number }>;
  /** A cheaper swap: the difference goes back to the original payment inside returnProcess. */
  refund: { amountMinor: number; currency: string } | null;
  idempotencyKey: string;
  note?: string;
}

export interface ExchangeOperations {
  /** The order's Returns, every page (returnCreate is not idempotent: a retry looks here before creating). */
  orderReturns(c: ShopifyCredentials, orderId: string): Promise<ShopifyReturnSummary[]>;
  /** Confirms the Return's returned and exchange lines with `returnProcess` (one idempotency key). */
  processExchange(c: ShopifyCredentials, input: ProcessExchangeInput): Promise<{ returnId: string }>;
  /**
   * What the order still owes (`totalOutstandingSet`, presentment currency). `expected` is what
   * Aftercare computed: the local adapter answers it, the real one asks Shopify and ignores it.
   */
  orderOutstanding(c: ShopifyCredentials, orderId: string, expected: Money): Promise<Money>;
  /** Emails the customer Shopify's invoice for the order's outstanding balance (not idempotent). */
  sendOrderInvoice(c: ShopifyCredentials, orderId: string): Promise<void>;
  /** Cancels a Return (Shopify refuses once any work was done on it). */
  cancelReturn(c: ShopifyCredentials, returnId: string): Promise<{ status: string }>;
}

/** 20 pages of 10: an order with more Returns than that is refused rather than half-read. */
export const ORDER_RETURNS_MAX_PAGES = 20;

type Gql = <T>(c: ShopifyCredentials, query: string, variables: Record<string, unknown>) => Promise<T>;

type ReturnNode = {
  id: string;
  status: string;
  returnLineItems: {
    nodes: Array<{
      quantity: number;
      processedQuantity: number;
      refundedQuantity: number;
      fulfillmentLineItem?: { id: string };
    }>;
  };
  exchangeLineItems: { nodes: Array<{ quantity: number; variantId: string | null }> };
  reverseFulfillmentOrders: { nodes: Array<{ id: string; reverseDeliveries: { nodes: Array<{ id: string }> } }> };
};

function summary(r: ReturnNode): ShopifyReturnSummary {
  return {
    id: r.id,
    status: r.status,
    lines: r.returnLineItems.nodes.flatMap((n) =>
      n.fulfillmentLineItem ? [{ fulfillmentLineItemId: n.fulfillmentLineItem.id, quantity: n.quantity }] : [],
    ),
    exchangeLines: r.exchangeLineItems.nodes.map((n) => ({ variantId: n.variantId, quantity: n.quantity })),
    reverseFulfillmentOrderIds: r.reverseFulfillmentOrders.nodes.map((n) => n.id),
    workedOn:
      r.returnLineItems.nodes.some((n) => n.processedQuantity > 0 || n.refundedQuantity > 0) ||
      r.reverseFulfillmentOrders.nodes.some((n) => n.reverseDeliveries.nodes.length > 0),
  };
}

export function exchangeOperations(
  gql: Gql,
  parentTransaction: (c: ShopifyCredentials, orderId: string) => Promise<{ id: string }>,
): ExchangeOperations {
  return {
    /** @see https://shopify.dev/docs/api/usage/pagination-graphql (cursor-based: `after` = the last page's `pageInfo.endCursor`) */
    async orderReturns(c, orderId) {
      const out: ShopifyReturnSummary[] = [];
      let after: string | null = null;
      for (let page = 0; page < ORDER_RETURNS_MAX_PAGES; page++) {
        const data: {
          order: {
            returns: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ReturnNode[] };
          } | null;
        } = await gql(c, doc.ORDER_RETURNS, { id: orderId, after });
        const conn = data.order?.returns;
        if (!conn) return out;
        out.push(...conn.nodes.map(summary));
        if (!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) return out;
        after = conn.pageInfo.endCursor;
      }
      // A Return we did not read could be the one an earlier run created: adopting nothing and
      // creating again would make a second one, so refuse instead (the agent finishes in Shopify).
      throw new ShopifyAdminError(
        `order ${orderId} has more than ${ORDER_RETURNS_MAX_PAGES * 10} Returns: not read to the end`,
        false,
      );
    },
    /**
     * Exchange lines are created with the Return (`returnCreate.exchangeLineItems`) and confirmed
     * here with their ExchangeLineItem ids. A dearer swap leaves the balance due on the order (the
     * exchange fulfillment order waits for payment); collect-exchange-balance.ts invoices it.
     * @see https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/returnProcess
     * @see https://shopify.dev/docs/apps/build/orders-fulfillment/returns-apps/manage-exchanges
     */
    async processExchange(c, input) {
      const r = await gql<{
        return: {
          returnLineItems: { nodes: Array<{ id: string; quantity: number }> };
          exchangeLineItems: { nodes: Array<{ id: string; quantity: number; variantId: string | null }> };
        } | null;
      }>(c, doc.RETURN_LINE_ITEMS, { id: input.returnId });
      if (!r.return) throw new ShopifyAdminError(`returnProcess: no Return ${input.returnId}`, false);
      const available = [...r.return.exchangeLineItems.nodes];
      const exchangeLineItems = input.exchangeLines.map((want) => {
        const i = available.findIndex((n) => n.variantId === want.variantId);
        if (i < 0)
          throw new ShopifyAdminError(
            `returnProcess: Return ${input.returnId} has no exchange line for ${want.variantId}`,
            false,
          );
        const [line] = available.splice(i, 1);
        return { id: line!.id, quantity: Math.min(want.quantity, line!.quantity) };
      });
      const parent = input.refund && input.refund.amountMinor > 0 ? await parentTransaction(c, input.orderId) : null;
      const data = await gql<{ returnProcess: { return: { id: string } | null; userErrors: [] } }>(
        c,
        doc.RETURN_PROCESS,
        {
          idempotencyKey: input.idempotencyKey,
          input: {
            returnId: input.returnId,
            returnLineItems: r.return.returnLineItems.nodes.map((n) => ({ id: n.id, quantity: n.quantity })),
            exchangeLineItems,
            ...(parent && input.refund
              ? {
                  financialTransfer: {
                    issueRefund: {
                      orderTransactions: [
                        {
                          parentId: parent.id,
                          transactionAmount: {
                            amount: toDecimal(input.refund.amountMinor, input.refund.currency),
                            currencyCode: input.refund.currency,
                          },
                        },
                      ],
                    },
                  },
                }
              : {}),
            notifyCustomer: true,
            ...(input.note ? { note: input.note } : {}),
          },
        },
      );
      assertNoUserErrors('returnProcess', data.returnProcess);
      return { returnId: data.returnProcess.return!.id };
    },
    /** @see https://shopify.dev/docs/api/admin-graphql/2026-04/objects/Order#field-Order.fields.totalOutstandingSet */
    async orderOutstanding(c, orderId) {
      const data = await gql<{
        order: { totalOutstandingSet: { presentmentMoney: { amount: string; currencyCode: string } } } | null;
      }>(c, doc.ORDER_OUTSTANDING, { id: orderId });
      if (!data.order) throw new ShopifyAdminError(`no order ${orderId}`, false);
      const { amount, currencyCode } = data.order.totalOutstandingSet.presentmentMoney;
      return { amount: parseDecimal(amount, currencyCode), currency: currencyCode };
    },
    /** @see https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/orderInvoiceSend */
    async sendOrderInvoice(c, orderId) {
      const data = await gql<{ orderInvoiceSend: { userErrors: [] } }>(c, doc.ORDER_INVOICE_SEND, { id: orderId });
      assertNoUserErrors('orderInvoiceSend', data.orderInvoiceSend);
    },
    /** @see https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/returnCancel */
    async cancelReturn(c, returnId) {
      const data = await gql<{ returnCancel: { return: { status: string } | null; userErrors: [] } }>(
        c,
        doc.RETURN_CANCEL,
        { id: returnId },
      );
      assertNoUserErrors('returnCancel', data.returnCancel);
      return { status: data.returnCancel.return?.status ?? 'CANCELED' };
    },
  };
}
