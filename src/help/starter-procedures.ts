/**
 * The procedures a new shop starts with, one or more for every case type, in every language we
 * ship. The shop owns its copies (src/help/procedure-store.ts); step ids are stable, so ticks and
 * skipped-step counts keep meaning the same step after the words are edited.
 */
import type { ProcedureDefinition } from './procedures';

export interface StarterProcedure extends ProcedureDefinition {
  titles: Record<'en' | 'zh-CN' | 'de', string>;
  steps: Array<{ id: string; labels: Record<'en' | 'zh-CN' | 'de', string> }>;
}

const step = (id: string, en: string, zh: string, de: string) => ({ id, labels: { en, 'zh-CN': zh, de } });

export const starterProcedures: StarterProcedure[] = [
  {
    key: 'damaged',
    titles: {
      en: 'Damaged or defective item',
      'zh-CN': '商品破损或有质量问题',
      de: 'Beschädigter oder defekter Artikel',
    },
    caseTypes: ['return', 'exchange', 'warranty'],
    reasons: ['damaged', 'defective'],
    steps: [
      step(
        'damaged.photos',
        'Ask for photos of the parcel and the item',
        '请顾客提供包裹和商品的照片',
        'Fotos von Paket und Artikel anfordern',
      ),
      step(
        'damaged.check',
        'Check the photos show the damage or fault',
        '核对照片是否能看出破损或故障',
        'Prüfen, ob die Fotos den Schaden oder Defekt zeigen',
      ),
      step(
        'damaged.replace-first',
        'Offer a replacement before a refund',
        '先提供换新，再考虑退款',
        'Vor einer Erstattung zuerst Ersatz anbieten',
      ),
      step(
        'damaged.carrier',
        'Report transport damage to the carrier',
        '向承运商报告运输损坏',
        'Transportschaden beim Versanddienst melden',
      ),
    ],
  },
  {
    key: 'wrong',
    titles: { en: 'Wrong item sent', 'zh-CN': '发错商品', de: 'Falscher Artikel geliefert' },
    caseTypes: ['return', 'exchange'],
    reasons: ['wrong_item'],
    steps: [
      step(
        'wrong.photo',
        'Ask for a photo of the item received',
        '请顾客提供收到商品的照片',
        'Foto des erhaltenen Artikels anfordern',
      ),
      step(
        'wrong.send-right',
        'Send the right item, or refund if the customer prefers',
        '补发正确的商品；顾客更希望退款时则退款',
        'Richtigen Artikel schicken oder erstatten, wenn die Kundin oder der Kunde das lieber möchte',
      ),
    ],
  },
  {
    key: 'return',
    titles: { en: 'Every return', 'zh-CN': '所有退货', de: 'Jede Rücksendung' },
    caseTypes: ['return', 'exchange'],
    reasons: [],
    steps: [
      step(
        'return.window',
        'Check the order is inside the return window',
        '确认订单仍在退货期限内',
        'Prüfen, ob die Bestellung noch in der Rückgabefrist liegt',
      ),
      step(
        'return.inspect',
        'Inspect the item when it arrives, before the refund',
        '退款前，在商品到货时先检查',
        'Artikel bei Eingang prüfen, vor der Erstattung',
      ),
    ],
  },
  {
    key: 'exchange',
    titles: { en: 'Exchange', 'zh-CN': '换货', de: 'Umtausch' },
    caseTypes: ['exchange'],
    reasons: [],
    steps: [
      step(
        'exchange.stock',
        'Check the new size or colour is in stock before approving',
        '批准前确认新尺码或颜色有库存',
        'Vor der Freigabe prüfen, ob die neue Größe oder Farbe vorrätig ist',
      ),
      step(
        'exchange.ship',
        'Send the replacement as soon as the return is scanned by the carrier',
        '退货包裹被承运商揽收后立即寄出换货',
        'Ersatz verschicken, sobald die Rücksendung beim Versanddienst eingescannt ist',
      ),
    ],
  },
  {
    key: 'warranty',
    titles: { en: 'Warranty claim', 'zh-CN': '保修申请', de: 'Garantiefall' },
    caseTypes: ['warranty'],
    reasons: [],
    steps: [
      step(
        'warranty.period',
        'Check the purchase date is inside the warranty period',
        '确认购买日期在保修期内',
        'Prüfen, ob das Kaufdatum in der Garantiezeit liegt',
      ),
      step(
        'warranty.diagnose',
        'Ask how the fault shows and how the item was used',
        '询问故障表现以及商品的使用情况',
        'Erfragen, wie sich der Defekt zeigt und wie der Artikel benutzt wurde',
      ),
      step(
        'warranty.decide',
        'Decide repair, replacement or refund and tell the customer how long it takes',
        '决定维修、换新或退款，并告知顾客所需时间',
        'Über Reparatur, Ersatz oder Erstattung entscheiden und sagen, wie lange es dauert',
      ),
    ],
  },
  {
    key: 'complaint',
    titles: { en: 'Complaint', 'zh-CN': '投诉', de: 'Beschwerde' },
    caseTypes: ['complaint'],
    reasons: [],
    steps: [
      step(
        'complaint.acknowledge',
        'Acknowledge the complaint within the first-response target',
        '在首次响应时限内确认收到投诉',
        'Beschwerde innerhalb der Frist für die erste Antwort bestätigen',
      ),
      step('complaint.cause', 'Find and note the cause', '查明原因并记录', 'Ursache finden und notieren'),
      step(
        'complaint.goodwill',
        'Offer a goodwill gesture when we were at fault',
        '若是我们的责任，提供补偿',
        'Bei eigenem Fehler eine Kulanzgeste anbieten',
      ),
    ],
  },
  {
    key: 'inquiry',
    titles: { en: 'Question', 'zh-CN': '咨询', de: 'Anfrage' },
    caseTypes: ['inquiry'],
    reasons: [],
    steps: [
      step(
        'inquiry.history',
        'Read the customer’s earlier orders and cases before answering',
        '回复前先查看顾客以往的订单和工单',
        'Vor der Antwort frühere Bestellungen und Fälle der Kundin oder des Kunden lesen',
      ),
      step(
        'inquiry.tracking',
        'For a delivery question, check the tracking and send the link',
        '物流问题：查看物流信息并发送跟踪链接',
        'Bei Lieferfragen die Sendungsverfolgung prüfen und den Link schicken',
      ),
      step(
        'inquiry.article',
        'Link the help article that answers it, if there is one',
        '如有对应的帮助文章，附上链接',
        'Falls vorhanden, den passenden Hilfeartikel verlinken',
      ),
    ],
  },
];
