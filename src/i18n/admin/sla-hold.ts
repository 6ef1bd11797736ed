import { defineAdminCatalog } from './catalog';

/** The resolution clock's pause while a return parcel is on its way: its SLA setting and the case page's note. */
export const slaHoldMessages = defineAdminCatalog(
  {
    'sla.pauseWhileParcelAway': 'Pause the resolution clock while the return parcel is on its way',
    'sla.pauseWhileParcelAway.hint':
      'While the parcel is with the shopper or the carrier (label issued, awaiting shipment, in transit), nothing your team does can resolve the case: the resolution target waits until the parcel arrives or the shopper writes. First response and updates keep running.',
    'case.sla.resolutionHeld': 'Resolution clock paused while the parcel is on its way back, since {since}.',
  },
  {
    'zh-CN': {
      'sla.pauseWhileParcelAway': '退货包裹在途期间暂停处理时限计时',
      'sla.pauseWhileParcelAway.hint':
        '包裹在顾客或承运商手中期间（已出退货面单、等待寄回、运输中），团队无法完成处理：处理时限暂停计时，直到包裹送达或顾客来信。首次响应和进展更新照常计时。',
      'case.sla.resolutionHeld': '退货包裹寄回途中，处理时限已暂停计时（自 {since} 起）。',
    },
    de: {
      'sla.pauseWhileParcelAway': 'Lösungsfrist anhalten, solange das Rücksendepaket unterwegs ist',
      'sla.pauseWhileParcelAway.hint':
        'Solange das Paket beim Kunden oder beim Versanddienst ist (Etikett erstellt, Versand erwartet, unterwegs), kann Ihr Team den Fall nicht lösen: Die Lösungsfrist wartet, bis das Paket ankommt oder der Kunde schreibt. Erstantwort und Updates laufen weiter.',
      'case.sla.resolutionHeld': 'Lösungsfrist angehalten, solange das Paket zurück unterwegs ist – seit {since}.',
    },
  },
);
