/**
 * What the merchant reads for each case event on the case page's timeline, in each admin language.
 * A `Record` over the whole union: an event type added without its labels here does not compile.
 */
import type { CaseEventType } from '../../cases/case-events';
import type { Locale } from '../../i18n/locales';

type Labels = Record<Locale, string>;
const l = (en: string, zh: string, de: string): Labels => ({ en, 'zh-CN': zh, de });

export const merchantEventLabels: Record<CaseEventType, Labels> = {
  ReturnRequested: l('Return requested', '客户申请退货', 'Retoure angefragt'),
  ComplaintOpened: l('Complaint opened', '客户发起投诉', 'Reklamation eröffnet'),
  InquiryOpened: l('Inquiry opened', '客户发起咨询', 'Anfrage eröffnet'),
  ReturnApproved: l('Return approved', '退货已批准', 'Retoure genehmigt'),
  ReturnRejected: l('Return declined', '退货已拒绝', 'Retoure abgelehnt'),
  InfoRequested: l('Information asked of the customer', '已请客户补充信息', 'Informationen beim Kunden angefragt'),
  CustomerReplied: l('Customer replied', '客户已回复', 'Kunde hat geantwortet'),
  ShipmentAwaited: l('Waiting for the parcel to be sent', '等待客户寄出包裹', 'Warten auf den Versand des Pakets'),
  ReturnInTransit: l('Parcel on its way back', '包裹退回途中', 'Paket ist auf dem Rückweg'),
  ReturnReceived: l('Return received', '退货已签收', 'Retoure eingegangen'),
  ReturnInspected: l('Return inspected', '退货已质检', 'Retoure geprüft'),
  CaseResolved: l('Case resolved', '工单已解决', 'Fall erledigt'),
  RefundSucceeded: l('Refund paid', '退款已到账', 'Erstattung ausgezahlt'),
  RefundFailed: l('Refund failed', '退款失败', 'Erstattung fehlgeschlagen'),
  CaseClosed: l('Case closed', '工单已关闭', 'Fall geschlossen'),
  CaseReopened: l('Case reopened', '工单已重新打开', 'Fall wieder geöffnet'),
  NoteAdded: l('Note', '备注', 'Notiz'),
  CaseTagged: l('Tags changed', '标签已更改', 'Schlagwörter geändert'),
  ShopifyReturnLinked: l('Linked to the Shopify return', '已关联 Shopify 退货', 'Mit der Shopify-Retoure verknüpft'),
  ShopifyExchangeProcessed: l(
    'Exchange processed in Shopify',
    '已在 Shopify 中完成换货',
    'Umtausch in Shopify abgewickelt',
  ),
  ShopifyReturnReplacing: l('Replacing the Shopify return', '正在替换 Shopify 退货', 'Shopify-Retoure wird ersetzt'),
  ShopifyReturnReplaced: l('Shopify return replaced', 'Shopify 退货已替换', 'Shopify-Retoure ersetzt'),
  ShopifyReturnCreating: l('Creating the Shopify return', '正在创建 Shopify 退货', 'Shopify-Retoure wird angelegt'),
  ShopifyExchangeRefused: l('Shopify refused the exchange', 'Shopify 拒绝了换货', 'Shopify hat den Umtausch abgelehnt'),
  ShopifyInvoiceRequested: l(
    'Balance invoice requested',
    '已申请补差价账单',
    'Rechnung über die Differenz angefordert',
  ),
  ShopifyInvoiceSent: l('Balance invoice sent', '补差价账单已发送', 'Rechnung über die Differenz versandt'),
  ShopifyInvoiceFailed: l('Balance invoice failed', '补差价账单发送失败', 'Rechnung über die Differenz fehlgeschlagen'),
  ShopifyInvoiceUnconfirmed: l(
    'Balance invoice unconfirmed',
    '补差价账单未确认',
    'Rechnung über die Differenz unbestätigt',
  ),
  PickupScheduled: l('Pickup booked', '已预约上门取件', 'Abholung gebucht'),
  PickupFailed: l('Pickup could not be booked', '上门取件预约失败', 'Abholung konnte nicht gebucht werden'),
  PickupCancelled: l('Pickup cancelled', '上门取件已取消', 'Abholung storniert'),
  PickupCancelFailed: l(
    'Carrier refused to cancel the pickup',
    '承运商拒绝取消取件',
    'Versanddienstleister hat die Stornierung der Abholung abgelehnt',
  ),
  PickupLabelRefundRequested: l(
    'Label refund requested',
    '已申请退还面单费用',
    'Erstattung des Versandetiketts angefragt',
  ),
  PickupLabelRefundFailed: l('Label refund refused', '面单退款被拒', 'Erstattung des Versandetiketts verweigert'),
  PickupLabelRefunded: l('Label refunded', '面单费用已退还', 'Versandetikett erstattet'),
  PickupLabelRefundRejected: l('Label refund rejected', '面单退款被驳回', 'Erstattung des Versandetiketts abgewiesen'),
  PickupLabelRefundNotApplicable: l('No label refund needed', '无需退还面单费用', 'Keine Etikett-Erstattung nötig'),
  PickupLabelRefundUnconfirmed: l(
    'Label refund unconfirmed',
    '面单退款未确认',
    'Erstattung des Versandetiketts unbestätigt',
  ),
  SlaWarned: l('Response time due soon', '响应时限即将到期', 'Antwortfrist läuft bald ab'),
  SlaBreached: l('Response time missed', '已超出响应时限', 'Antwortfrist überschritten'),
  MessageReceived: l('Customer wrote', '客户来信', 'Kunde hat geschrieben'),
  ReplySent: l('Reply sent', '回复已发送', 'Antwort gesendet'),
  CaseAssigned: l('Assigned', '已分配', 'Zugewiesen'),
  ApprovalRequested: l('Held for a manager’s approval', '等待主管审批', 'Wartet auf Freigabe durch einen Manager'),
  ApprovalGranted: l('Approved by a manager', '主管已审批', 'Von einem Manager freigegeben'),
};

/** The label for a stored event in the member's language; a type this code no longer writes shows as its name. */
export function merchantEventLabel(type: string, locale: Locale = 'en'): string {
  return (merchantEventLabels as Record<string, Labels | undefined>)[type]?.[locale] ?? type;
}
