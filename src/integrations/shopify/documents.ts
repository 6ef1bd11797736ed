/**
 * The Admin GraphQL documents Aftercare sends, pinned to API version 2026-04. Each field was
 * checked against the published reference for that version (links beside each); `refundCreate`
 * and `returnProcess` carry `@idempotent(key:)`, which 2026-04 requires on refund mutations.
 */

/**
 * Not idempotent in the API (no `@idempotent` on returnCreate): callers look up ORDER_RETURNS first.
 * @see https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/returnCreate (ReturnInput: orderId, returnLineItems[{fulfillmentLineItemId, quantity, returnReasonNote}], exchangeLineItems[{variantId, quantity}] (ExchangeLineItemInput), requestedAt)
 */
export const RETURN_CREATE = `mutation ReturnCreate($returnInput: ReturnInput!) {
  returnCreate(returnInput: $returnInput) {
    return { id status returnLineItems(first: 50) { nodes { id quantity } } reverseFulfillmentOrders(first: 5) { nodes { id } } }
    userErrors { field message }
  }
}`;

/** @see https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/returnApproveRequest (ReturnApproveRequestInput: id, notifyCustomer) */
export const RETURN_APPROVE_REQUEST = `mutation ReturnApproveRequest($input: ReturnApproveRequestInput!) {
  returnApproveRequest(input: $input) {
    return { id status reverseFulfillmentOrders(first: 5) { nodes { id } } }
    userErrors { field message }
  }
}`;

/** @see https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/returnDeclineRequest (ReturnDeclineRequestInput: id, declineReason, declineNote, notifyCustomer) */
export const RETURN_DECLINE_REQUEST = `mutation ReturnDeclineRequest($input: ReturnDeclineRequestInput!) {
  returnDeclineRequest(input: $input) {
    return { id status }
    userErrors { field message }
  }
}`;

/** @see https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/reverseDeliveryCreateWithShipping (reverseFulfillmentOrderId, reverseDeliveryLineItems, trackingInput, labelInput, notifyCustomer) */
export const REVERSE_DELIVERY_CREATE_WITH_SHIPPING = `mutation ReverseDeliveryCreateWithShipping(
  $reverseFulfillmentOrderId: ID!
  $reverseDeliveryLineItems: [ReverseDeliveryLineItemInput!]!
  $trackingInput: ReverseDeliveryTrackingInput
  $labelInput: ReverseDeliveryLabelInput
  $notifyCustomer: Boolean
) {
  reverseDeliveryCreateWithShipping(
    reverseFulfillmentOrderId: $reverseFulfillmentOrderId
    reverseDeliveryLineItems: $reverseDeliveryLineItems
    trackingInput: $trackingInput
    labelInput: $labelInput
    notifyCustomer: $notifyCustomer
  ) {
    reverseDelivery { id }
    userErrors { field message }
  }
}`;

/**
 * Refund (and exchange) through the return: replaces the deprecated `returnRefund`.
 * @see https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/returnProcess (ReturnProcessInput: returnId, returnLineItems[{id, quantity}], exchangeLineItems[{id, quantity}], financialTransfer.issueRefund{orderTransactions[{parentId, transactionAmount{amount, currencyCode}}], refundMethods, allowOverRefunding}, notifyCustomer, note)
 */
export const RETURN_PROCESS = `mutation ReturnProcess($input: ReturnProcessInput!, $idempotencyKey: String!) {
  returnProcess(input: $input) @idempotent(key: $idempotencyKey) {
    return { id status }
    userErrors { field message }
  }
}`;

/** @see https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/refundCreate (RefundInput: orderId, note, notify, refundLineItems, transactions[{orderId, parentId, amount, gateway, kind}]) */
export const REFUND_CREATE = `mutation RefundCreate($input: RefundInput!, $idempotencyKey: String!) {
  refundCreate(input: $input) @idempotent(key: $idempotencyKey) {
    refund { id totalRefundedSet { presentmentMoney { amount currencyCode } } }
    userErrors { field message }
  }
}`;

/** @see https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/giftCardCreate (GiftCardCreateInput: initialValue, customerId, note) */
export const GIFT_CARD_CREATE = `mutation GiftCardCreate($input: GiftCardCreateInput!) {
  giftCardCreate(input: $input) {
    giftCard { id }
    giftCardCode
    userErrors { field message }
  }
}`;

/** The captured payments a refund goes back to. @see https://shopify.dev/docs/api/admin-graphql/2026-04/objects/OrderTransaction */
export const ORDER_TRANSACTIONS = `query OrderTransactions($id: ID!) {
  order(id: $id) {
    id
    transactions(first: 20) { id kind status gateway amountSet { presentmentMoney { amount currencyCode } } }
  }
}`;

/** The Return's line items (returnProcess needs their ids). @see https://shopify.dev/docs/api/admin-graphql/2026-04/objects/Return */
export const RETURN_LINE_ITEMS = `query ReturnLineItems($id: ID!) {
  return(id: $id) {
    id
    status
    returnLineItems(first: 50) { nodes { id quantity ... on ReturnLineItem { fulfillmentLineItem { lineItem { id } } } } }
    exchangeLineItems(first: 50) { nodes { id quantity variantId } }
  }
}`;

/**
 * An order's returns, one page at a time (the adapter follows `pageInfo.endCursor`, bounded): to find
 * one an earlier (crashed or retried) run already created — returnCreate has no idempotency key, so
 * the match is by status and fulfillment line items — and to see whether a Return has been worked
 * on (processed or refunded quantities, reverse deliveries) before it may be cancelled.
 * Small pages keep the requested query cost well under the 1,000-point single-query limit.
 * @see https://shopify.dev/docs/api/admin-graphql/2026-04/objects/Order#field-Order.fields.returns (ReturnConnection: first, after)
 * @see https://shopify.dev/docs/api/admin-graphql/2026-04/objects/PageInfo (hasNextPage, endCursor)
 * @see https://shopify.dev/docs/api/usage/pagination-graphql
 * @see https://shopify.dev/docs/api/admin-graphql/2026-04/objects/Return (status, returnLineItems, exchangeLineItems, reverseFulfillmentOrders)
 * @see https://shopify.dev/docs/api/admin-graphql/2026-04/interfaces/ReturnLineItemType (processedQuantity, refundedQuantity)
 * @see https://shopify.dev/docs/api/admin-graphql/2026-04/objects/ReverseFulfillmentOrder (reverseDeliveries)
 * @see https://shopify.dev/docs/api/admin-graphql/2026-04/objects/ExchangeLineItem (variantId: the variant at return creation)
 */
export const ORDER_RETURNS = `query OrderReturns($id: ID!, $after: String) {
  order(id: $id) {
    id
    returns(first: 10, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        status
        returnLineItems(first: 20) { nodes { id quantity processedQuantity refundedQuantity ... on ReturnLineItem { fulfillmentLineItem { id } } } }
        exchangeLineItems(first: 20) { nodes { id quantity variantId } }
        reverseFulfillmentOrders(first: 5) { nodes { id reverseDeliveries(first: 1) { nodes { id } } } }
      }
    }
  }
}`;

/**
 * What the order still owes after an exchange was processed (a dearer swap leaves the difference due).
 * @see https://shopify.dev/docs/api/admin-graphql/2026-04/objects/Order#field-Order.fields.totalOutstandingSet
 */
export const ORDER_OUTSTANDING = `query OrderOutstanding($id: ID!) {
  order(id: $id) {
    id
    totalOutstandingSet { presentmentMoney { amount currencyCode } }
  }
}`;

/**
 * Emails the customer Shopify's invoice (a checkout link) for the order's outstanding balance. No
 * `@idempotent` key: the caller checkpoints before and after (collect-exchange-balance.ts). `email`
 * (EmailInput) is left out: every field of it is optional customization, and without it Shopify
 * sends its own invoice template to the order's email.
 * @see https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/orderInvoiceSend (id: ID!, email: EmailInput; OrderInvoiceSendPayload: order, userErrors)
 * @see https://shopify.dev/docs/api/admin-graphql/2026-04/input-objects/EmailInput
 * @see https://help.shopify.com/en/manual/orders/deferred-payments (orders with an outstanding balance: send an invoice)
 */
export const ORDER_INVOICE_SEND = `mutation OrderInvoiceSend($id: ID!) {
  orderInvoiceSend(id: $id) {
    order { id }
    userErrors { field message }
  }
}`;

/**
 * Cancels a Return nobody has worked on yet (2026-04..2026-07 have no mutation that adds exchange
 * lines to an existing Return: the return mutations are removeFromReturn, returnApproveRequest,
 * returnCancel, returnClose, returnCreate, returnDeclineRequest, returnProcess, returnReopen,
 * returnRequest and the reverse-delivery/disposal ones).
 * @see https://shopify.dev/docs/api/admin-graphql/2026-04/mutations/returnCancel ("only available before any work has been done on the return (such as an inspection or refund)")
 * @see https://shopify.dev/docs/api/admin-graphql/2026-07/objects/ReturnUserError (every mutation of the return family)
 */
export const RETURN_CANCEL = `mutation ReturnCancel($id: ID!) {
  returnCancel(id: $id) {
    return { id status }
    userErrors { field message }
  }
}`;

/**
 * Variants and stock for exchanges, with the shop's currency: `ProductVariant.price` is a decimal in
 * it (not always two places: JPY has none, KWD three). @see https://shopify.dev/docs/api/admin-graphql/2026-04/queries/product
 * and https://shopify.dev/docs/api/admin-graphql/2026-04/objects/Shop (currencyCode)
 */
export const PRODUCT_VARIANTS = `query ProductVariants($id: ID!) {
  shop { currencyCode }
  product(id: $id) {
    id
    title
    variants(first: 100) { nodes { id title sku price availableForSale inventoryQuantity } }
  }
}`;

/** Fulfillment line items of an order (returnCreate takes these ids, not line item ids). @see https://shopify.dev/docs/api/admin-graphql/2026-04/objects/Fulfillment */
export const ORDER_FULFILLMENT_LINES = `query OrderFulfillmentLines($id: ID!) {
  order(id: $id) {
    id
    fulfillments(first: 20) { id fulfillmentLineItems(first: 100) { nodes { id quantity lineItem { id } } } }
  }
}`;
