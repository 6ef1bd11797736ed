/**
 * The words of the automatic "where is my order" answer (pure): the merchant's own opening when
 * they set one (`settings.wismo.intro`), else ours, then one paragraph per shipment with carrier,
 * status, tracking link and expected delivery, in the case's language.
 */
import * as z from 'zod';

export const wismoSettingsSchema = z.object({
  /** On by default; the merchant switches it off with `settings.wismo.enabled = false`. */
  enabled: z.boolean().catch(true).default(true),
  intro: z.string().max(2000).catch('').default(''),
  /** The case closes itself when the customer has not answered the automatic reply for this long. */
  closeAfterDays: z.number().min(1).max(60).catch(3).default(3),
});
export type WismoSettings = z.infer<typeof wismoSettingsSchema>;

export function wismoSettings(shopSettings: Record<string, unknown>): WismoSettings {
  const raw = shopSettings.wismo;
  return wismoSettingsSchema.parse(raw && typeof raw === 'object' ? raw : {});
}

export interface ShipmentFacts {
  carrier: string | null;
  status: string;
  trackingUrl: string | null;
  trackingNumber: string | null;
  estimatedDeliveryAt: number | null;
  deliveredAt: number | null;
}

type Lang = 'en' | 'zh-CN' | 'de';
const words: Record<
  Lang,
  Record<'intro' | 'carrier' | 'status' | 'tracking' | 'eta' | 'delivered' | 'reply', string>
> = {
  en: {
    intro: 'Here is where your order {order} is right now:',
    carrier: 'Carrier',
    status: 'Status',
    tracking: 'Tracking',
    eta: 'Expected delivery',
    delivered: 'Delivered',
    reply: 'If this does not answer your question, just reply to this email and one of us will help.',
  },
  'zh-CN': {
    intro: '您的订单 {order} 目前的物流状态：',
    carrier: '承运商',
    status: '状态',
    tracking: '物流跟踪',
    eta: '预计送达',
    delivered: '已送达',
    reply: '如果这没有解答您的问题，请直接回复此邮件，我们会尽快为您处理。',
  },
  de: {
    intro: 'So steht es gerade um Ihre Bestellung {order}:',
    carrier: 'Versanddienst',
    status: 'Status',
    tracking: 'Sendungsverfolgung',
    eta: 'Voraussichtliche Zustellung',
    delivered: 'Zugestellt',
    reply: 'Falls das Ihre Frage nicht beantwortet, antworten Sie einfach auf diese E-Mail – wir helfen gern.',
  },
};

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function wismoAnswer(input: {
  locale: string;
  orderName: string;
  intro: string;
  shipments: ShipmentFacts[];
}): string {
  const lang: Lang = input.locale.startsWith('zh') ? 'zh-CN' : input.locale.startsWith('de') ? 'de' : 'en';
  const w = words[lang];
  const paragraphs = input.shipments.map((sh) =>
    [
      `${w.carrier}: ${sh.carrier ?? '—'}`,
      `${w.status}: ${sh.deliveredAt ? `${w.delivered} ${day(sh.deliveredAt)}` : sh.status.replaceAll('_', ' ')}`,
      ...(sh.trackingUrl || sh.trackingNumber ? [`${w.tracking}: ${sh.trackingUrl ?? sh.trackingNumber}`] : []),
      ...(sh.estimatedDeliveryAt && !sh.deliveredAt ? [`${w.eta}: ${day(sh.estimatedDeliveryAt)}`] : []),
    ].join('\n'),
  );
  const intro = (input.intro.trim() || w.intro).replaceAll('{order}', input.orderName);
  return [intro, ...paragraphs, w.reply].join('\n\n');
}
