/**
 * An excerpt of the Shopify Admin GraphQL schema, version 2026-04: only the types our documents
 * touch, transcribed field by field from the published reference pages (shopify.dev/docs/api/
 * admin-graphql/2026-04/...: mutations returnCreate, returnApproveRequest, returnDeclineRequest,
 * reverseDeliveryCreateWithShipping, returnProcess, refundCreate, giftCardCreate; input objects
 * ReturnInput, ReturnLineItemInput, ReturnApproveRequestInput, ReturnDeclineRequestInput,
 * ReverseDeliveryLineItemInput, ReverseDeliveryTrackingInput, ReverseDeliveryLabelInput,
 * ReturnProcessInput, ReturnProcessReturnLineItemInput, ReturnProcessExchangeLineItemInput,
 * ReturnProcessFinancialTransferInput, objects Order.fulfillments / Fulfillment.fulfillmentLineItems, Order.returns (ReturnConnection), ExchangeLineItem.variantId, ExchangeLineItemInput, ReturnProcessRefundInput, ReturnRefundOrderTransactionInput,
 * MoneyInput, RefundInput, OrderTransactionInput, GiftCardCreateInput; the @idempotent directive).
 * Added for exchanges, each from its 2026-04 page under https://shopify.dev/docs/api/admin-graphql/2026-04/:
 *   objects/Order (totalOutstandingSet: MoneyBag!; returns(first, after): ReturnConnection!),
 *   objects/PageInfo (hasNextPage, hasPreviousPage, startCursor, endCursor),
 *   interfaces/ReturnLineItemType (processedQuantity, refundedQuantity: Int!, since 2025-07),
 *   objects/ReverseFulfillmentOrder (reverseDeliveries: ReverseDeliveryConnection!),
 *   mutations/orderInvoiceSend (id: ID!, email: EmailInput → OrderInvoiceSendPayload { order, userErrors }),
 *   input-objects/EmailInput (bcc, body, customMessage, from, subject, to), objects/OrderInvoiceSendUserError
 *   (code omitted here), mutations/returnCancel (id: ID!, notifyCustomer (deprecated) → ReturnCancelPayload { return, userErrors }),
 *   queries/shop (Shop!) and objects/Shop (currencyCode: CurrencyCode!, the currency ProductVariant.price is in).
 * The full schema was not to hand offline; this is the documented subset, used by the adapter test
 * to validate every document and every recorded variables object with graphql-js.
 */
export const ADMIN_2026_04_EXCERPT = /* GraphQL */ `
scalar DateTime
scalar Decimal
scalar Money
scalar URL
scalar JSON

directive @idempotent(key: String!) on FIELD

enum CurrencyCode { USD EUR GBP CAD AUD JPY CNY KWD BHD }
enum OrderTransactionKind { SALE CAPTURE AUTHORIZATION VOID REFUND CHANGE EMV_AUTHORIZATION SUGGESTED_REFUND }
enum OrderTransactionStatus { SUCCESS FAILURE PENDING ERROR AWAITING_RESPONSE UNKNOWN }
enum ReturnStatus { CANCELED CLOSED DECLINED OPEN REQUESTED }
enum ReturnDeclineReason { RETURN_PERIOD_ENDED FINAL_SALE OTHER }

input MoneyInput { amount: Decimal! currencyCode: CurrencyCode! }
input RestockingFeeInput { percentage: Float! }
input ReturnShippingFeeInput { amount: MoneyInput! }
input ExchangeLineItemInput { variantId: ID quantity: Int! giftCardCodes: [String!] }
input ReturnLineItemInput { fulfillmentLineItemId: ID! quantity: Int! restockingFee: RestockingFeeInput returnReasonDefinitionId: ID returnReasonNote: String }
input ReturnInput { orderId: ID! returnLineItems: [ReturnLineItemInput!]! exchangeLineItems: [ExchangeLineItemInput!] requestedAt: DateTime returnShippingFee: ReturnShippingFeeInput }
input ReturnApproveRequestInput { id: ID! notifyCustomer: Boolean }
input ReturnDeclineRequestInput { id: ID! declineReason: ReturnDeclineReason! declineNote: String notifyCustomer: Boolean }
input ReverseDeliveryLineItemInput { reverseFulfillmentOrderLineItemId: ID! quantity: Int! }
input ReverseDeliveryTrackingInput { number: String url: URL }
input ReverseDeliveryLabelInput { fileUrl: URL! }
input ReverseFulfillmentOrderDisposeInput { reverseFulfillmentOrderLineItemId: ID! quantity: Int! locationId: ID dispositionType: String! }
input ReturnProcessReturnLineItemInput { id: ID! quantity: Int! dispositions: [ReverseFulfillmentOrderDisposeInput!] }
input ReturnProcessExchangeLineItemInput { id: ID! quantity: Int! }
input ReturnRefundOrderTransactionInput { parentId: ID! transactionAmount: MoneyInput! }
input RefundMethodInput { storeCreditRefund: JSON }
input ReturnProcessRefundInput { orderTransactions: [ReturnRefundOrderTransactionInput!]! refundMethods: [RefundMethodInput!] allowOverRefunding: Boolean }
input ReturnProcessFinancialTransferInput { issueRefund: ReturnProcessRefundInput }
input RefundDutyInput { dutyId: ID! }
input RefundShippingInput { fullRefund: Boolean }
input ReturnProcessInput { returnId: ID! returnLineItems: [ReturnProcessReturnLineItemInput!] exchangeLineItems: [ReturnProcessExchangeLineItemInput!] refundDuties: [RefundDutyInput!] refundShipping: RefundShippingInput tipLineId: ID financialTransfer: ReturnProcessFinancialTransferInput notifyCustomer: Boolean note: String }
input OrderTransactionInput { amount: Money! gateway: String! kind: OrderTransactionKind! orderId: ID! parentId: ID }
input RefundLineItemInput { lineItemId: ID! quantity: Int! }
input RefundInput { orderId: ID! note: String notify: Boolean currency: CurrencyCode refundLineItems: [RefundLineItemInput!] transactions: [OrderTransactionInput!] allowOverRefunding: Boolean processedAt: DateTime }
input EmailInput { bcc: [String!] body: String customMessage: String from: String subject: String to: String }
input GiftCardCreateInput { initialValue: Decimal! customerId: ID note: String code: String expiresOn: String templateSuffix: String }

type UserError { field: [String!] message: String! }
type ReturnUserError { field: [String!] message: String! }
type GiftCardUserError { field: [String!] message: String! }
type MoneyV2 { amount: Decimal! currencyCode: CurrencyCode! }
type MoneyBag { presentmentMoney: MoneyV2! shopMoney: MoneyV2! }
type LineItem { id: ID! }
type FulfillmentLineItem { id: ID! quantity: Int! lineItem: LineItem! }
type FulfillmentLineItemConnection { nodes: [FulfillmentLineItem!]! }
type Fulfillment { id: ID! fulfillmentLineItems(first: Int): FulfillmentLineItemConnection! }
interface ReturnLineItemType { id: ID! quantity: Int! processedQuantity: Int! refundedQuantity: Int! }
type ReturnLineItem implements ReturnLineItemType { id: ID! quantity: Int! processedQuantity: Int! refundedQuantity: Int! fulfillmentLineItem: FulfillmentLineItem! }
type ReturnLineItemTypeConnection { nodes: [ReturnLineItemType!]! }
type ExchangeLineItem { id: ID! quantity: Int! variantId: ID }
type ExchangeLineItemConnection { nodes: [ExchangeLineItem!]! }
type ReverseFulfillmentOrder { id: ID! reverseDeliveries(first: Int, after: String): ReverseDeliveryConnection! }
type ReverseDeliveryConnection { nodes: [ReverseDelivery!]! }
type ReverseFulfillmentOrderConnection { nodes: [ReverseFulfillmentOrder!]! }
type Return {
  id: ID!
  status: ReturnStatus!
  returnLineItems(first: Int): ReturnLineItemTypeConnection!
  exchangeLineItems(first: Int): ExchangeLineItemConnection!
  reverseFulfillmentOrders(first: Int): ReverseFulfillmentOrderConnection!
}
type ReverseDelivery { id: ID! }
type Refund { id: ID! totalRefundedSet: MoneyBag! }
type GiftCard { id: ID! }
type OrderTransaction { id: ID! kind: OrderTransactionKind! status: OrderTransactionStatus! gateway: String amountSet: MoneyBag! }
type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
type ReturnConnection { nodes: [Return!]! pageInfo: PageInfo! }
type Order { id: ID! transactions(first: Int): [OrderTransaction!]! fulfillments(first: Int): [Fulfillment!]! returns(first: Int, after: String): ReturnConnection! totalOutstandingSet: MoneyBag! }
type ProductVariant { id: ID! title: String! sku: String price: Money! availableForSale: Boolean! inventoryQuantity: Int }
type ProductVariantConnection { nodes: [ProductVariant!]! }
type Product { id: ID! title: String! variants(first: Int): ProductVariantConnection! }

type ReturnCreatePayload { return: Return userErrors: [ReturnUserError!]! }
type ReturnApproveRequestPayload { return: Return userErrors: [ReturnUserError!]! }
type ReturnDeclineRequestPayload { return: Return userErrors: [ReturnUserError!]! }
type ReverseDeliveryCreateWithShippingPayload { reverseDelivery: ReverseDelivery userErrors: [ReturnUserError!]! }
type ReturnProcessPayload { return: Return userErrors: [ReturnUserError!]! }
type RefundCreatePayload { refund: Refund order: Order userErrors: [UserError!]! }
type OrderInvoiceSendUserError { field: [String!] message: String! }
type OrderInvoiceSendPayload { order: Order userErrors: [OrderInvoiceSendUserError!]! }
type ReturnCancelPayload { return: Return userErrors: [ReturnUserError!]! }
type GiftCardCreatePayload { giftCard: GiftCard giftCardCode: String userErrors: [GiftCardUserError!]! }

type Shop { currencyCode: CurrencyCode! }
type Query { order(id: ID!): Order return(id: ID!): Return product(id: ID!): Product shop: Shop! }
type Mutation {
  returnCreate(returnInput: ReturnInput!): ReturnCreatePayload
  returnApproveRequest(input: ReturnApproveRequestInput!): ReturnApproveRequestPayload
  returnDeclineRequest(input: ReturnDeclineRequestInput!): ReturnDeclineRequestPayload
  reverseDeliveryCreateWithShipping(reverseFulfillmentOrderId: ID!, reverseDeliveryLineItems: [ReverseDeliveryLineItemInput!]!, trackingInput: ReverseDeliveryTrackingInput, labelInput: ReverseDeliveryLabelInput, notifyCustomer: Boolean): ReverseDeliveryCreateWithShippingPayload
  returnProcess(input: ReturnProcessInput!): ReturnProcessPayload
  refundCreate(input: RefundInput!): RefundCreatePayload
  giftCardCreate(input: GiftCardCreateInput!): GiftCardCreatePayload
  orderInvoiceSend(id: ID!, email: EmailInput): OrderInvoiceSendPayload
  returnCancel(id: ID!, notifyCustomer: Boolean): ReturnCancelPayload
}
`;
